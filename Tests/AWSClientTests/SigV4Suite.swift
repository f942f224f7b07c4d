import AWSClient
import Foundation

/// Loads the AWS SigV4 test suite from `../shared/conformance/sigv4/aws4_testsuite` next to the package root.
enum SigV4Suite {
  /// The suite folder (may not exist).
  static let folder: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("../shared/conformance/sigv4/aws4_testsuite").standardizedFileURL

  /// Whether the suite is present.
  static var present: Bool { FileManager.default.fileExists(atPath: folder.path) }

  /// Every case folder holding a `NAME/NAME.req`, as paths relative to the suite folder.
  static let cases: [String] = {
    guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
    var found: [String] = []
    while let item = walker.nextObject() as? String {
      guard item.hasSuffix(".req") else { continue }
      let dir = (item as NSString).deletingLastPathComponent
      if (dir as NSString).lastPathComponent + ".req" == (item as NSString).lastPathComponent { found.append(dir) }
    }
    return found.sorted()
  }()

  /// The text of `NAME/NAME.ext` for a case.
  static func file(_ testCase: String, _ ext: String) throws -> String {
    let name = (testCase as NSString).lastPathComponent
    return try String(contentsOf: folder.appendingPathComponent("\(testCase)/\(name).\(ext)"), encoding: .utf8)
  }

  /// Parses a `.req` file: request line, headers (continuation lines folded with a line break, duplicates kept in
  /// order), an empty line, then the body. A trailing newline after the headers means an empty body.
  static func parseRequest(_ text: String) -> HTTPRequestParts {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let first = lines.removeFirst()
    let afterMethod = first.firstIndex(of: " ")!
    let method = String(first[..<afterMethod])
    var target = String(first[first.index(after: afterMethod)...])
    if let httpVersion = target.range(of: " HTTP/", options: .backwards) {
      target = String(target[..<httpVersion.lowerBound])
    }
    let pathAndQuery = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
    var headers: [(name: String, value: String)] = []
    while !lines.isEmpty {
      let line = lines.removeFirst()
      if line.isEmpty { break }
      if line.first == " " || line.first == "\t", !headers.isEmpty {
        headers[headers.count - 1].value += "\n" + line
        continue
      }
      let colon = line.firstIndex(of: ":")!
      headers.append((name: String(line[..<colon]), value: String(line[line.index(after: colon)...])))
    }
    return HTTPRequestParts(
      method: method, path: String(pathAndQuery[0]), query: pathAndQuery.count > 1 ? String(pathAndQuery[1]) : "",
      headers: headers, body: Array(lines.joined(separator: "\n").utf8))
  }

  /// The request of a case, as the suite signs it: `get-vanilla-with-session-token` leaves the token header out of
  /// `.req` but signs it (it is in `.creq` and `.sreq`), so it is taken from `.sreq` when `.creq` names it.
  static func request(_ testCase: String) throws -> HTTPRequestParts {
    var request = parseRequest(try file(testCase, "req"))
    let tokenName = "X-Amz-Security-Token"
    if request.header(tokenName) == nil, try file(testCase, "creq").contains("\n\(tokenName.lowercased()):"),
      let token = parseRequest(try file(testCase, "sreq")).header(tokenName)
    {
      request.headers.append((name: tokenName, value: token))
    }
    return request
  }

  /// The suite's credentials.
  static let credentials = AWSCredentials(
    accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")

  /// 2015-08-30T12:36:00Z.
  static let date: Int64 = 1_440_938_160
}
