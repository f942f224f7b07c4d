import Crypto

extension SigV4 {
  /// The canonical request and its signed-headers list, as SigV4 defines them.
  struct Canonical: Equatable {
    /// The full canonical request text.
    var request: String
    /// Lower-cased, sorted header names joined by `;`.
    var signedHeaders: String
  }

  /// Builds the canonical request over the headers whose lower-cased name `include` accepts; `service` `s3` takes
  /// S3's rules (the path signed as sent, the payload hash from `x-amz-content-sha256`).
  static func canonical(_ request: HTTPRequestParts, service: String = "", include: (String) -> Bool) -> Canonical {
    var order: [String] = []
    var values: [String: [String]] = [:]
    for (name, value) in request.headers {
      let lower = name.lowercased()
      guard include(lower) else { continue }
      if values[lower] == nil { order.append(lower) }
      values[lower, default: []].append(canonicalHeaderValue(value))
    }
    let names = order.sorted()
    let headerLines = names.map { "\($0):\(values[$0]!.joined(separator: ","))\n" }.joined()
    let signed = names.joined(separator: ";")
    // S3 signs the path as sent (encoded once, not normalized) and the payload hash the request declares.
    let s3 = service == "s3"
    let text = [
      request.method.uppercased(), s3 ? (request.path.isEmpty ? "/" : request.path) : canonicalURI(request.path),
      canonicalQuery(request.query), headerLines, signed,
      (s3 ? request.header("x-amz-content-sha256") : nil) ?? hexSHA256(request.body),
    ].joined(separator: "\n")
    return Canonical(request: text, signedHeaders: signed)
  }

  /// Normalizes `.`/`..`/empty segments, keeps a trailing slash, and URI-encodes each segment once more
  /// (an already percent-encoded path is thus encoded twice, as AWS expects for services other than S3).
  static func canonicalURI(_ path: String) -> String {
    var segments: [Substring] = []
    for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
      switch segment {
      case ".": continue
      case "..": _ = segments.popLast()
      default: segments.append(segment)
      }
    }
    guard !segments.isEmpty else { return "/" }
    let joined = "/" + segments.map { uriEncode(String($0)) }.joined(separator: "/")
    return path.hasSuffix("/") ? joined + "/" : joined
  }

  /// Decodes then re-encodes each `key=value` pair and sorts by key, then value; a bare key becomes `key=`.
  static func canonicalQuery(_ query: String) -> String {
    var pairs: [(String, String)] = []
    for item in query.split(separator: "&", omittingEmptySubsequences: true) {
      let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let key = uriEncode(percentDecode(String(parts[0])))
      let value = parts.count > 1 ? uriEncode(percentDecode(String(parts[1]))) : ""
      pairs.append((key, value))
    }
    pairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
    return pairs.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
  }

  /// Trims the value and collapses every run of whitespace (spaces, tabs, folded line breaks) into one space.
  static func canonicalHeaderValue(_ value: String) -> String {
    value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
  }

  /// RFC 3986 encoding that keeps only unreserved characters (`A-Z a-z 0-9 - . _ ~`); `/` is encoded too.
  static func uriEncode(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
        UInt8(ascii: "~"):
        out.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        out += "%" + hexByte(byte).uppercased()
      }
    }
    return out
  }

  /// Decodes `%XX` escapes; malformed escapes stay as they are.
  static func percentDecode(_ text: String) -> String {
    let bytes = Array(text.utf8)
    var out: [UInt8] = []
    var i = 0
    while i < bytes.count {
      if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count, let hi = hexValue(bytes[i + 1]),
        let lo = hexValue(bytes[i + 2])
      {
        out.append(hi << 4 | lo)
        i += 3
      } else {
        out.append(bytes[i])
        i += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  private static func hexValue(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}
