import Dispatch
import Synchronization
import TestSupport
import Testing

@testable import CloudTrailModel

/// Long values in the detail pane wrap at word boundaries: after a space, `/`, `,`, `:`, `;`, `-`, `&`, `?`, `=`.
@Suite struct JSONPrettyWrapTests {
  private func render(_ text: String, width: Int) -> [String] {
    JSONPretty.lines(ArraySlice(text.utf8), width: width).map {
      String(repeating: " ", count: $0.indent) + $0.spans.map(\.text).joined()
    }
  }

  @Test func arnsBreakAfterColonsAndSlashes() {
    let arn = #"{"arn":"arn:aws:iam::123456789012:role/service-role/my-very-long-role-name"}"#
    #expect(
      render(arn, width: 40) == [
        "{",
        #"  "arn": "arn:aws:iam::123456789012:"#,
        "    role/service-role/my-very-long-role-",
        #"    name""#,
        "}",
      ])
  }

  @Test func urlsBreakAtTheirSeparators() {
    let url = #"{"LoginTo":"https://console.aws.amazon.com/console/home?region=us-east-1&state=hashArgs#"}"#
    #expect(
      render(url, width: 40) == [
        "{",
        #"  "LoginTo": "https://"#,
        "    console.aws.amazon.com/console/home?",
        #"    region=us-east-1&state=hashArgs#""#,
        "}",
      ])
  }

  @Test func userAgentsBreakBetweenWords() {
    let agent =
      #"{"userAgent":"aws-cli/2.15.0 Python/3.11.6 Linux/6.5.0-1014-aws exe/x86_64.ubuntu.22 prompt/off "#
      + #"command/sts.get-caller-identity"}"#
    #expect(
      render(agent, width: 40) == [
        "{",
        #"  "userAgent": "aws-cli/2.15.0 Python/"#,
        "    3.11.6 Linux/6.5.0-1014-aws exe/",
        "    x86_64.ubuntu.22 prompt/off command/",
        #"    sts.get-caller-identity""#,
        "}",
      ])
  }

  @Test func aValueThatFitsOnTheNextLineMovesThere() {
    let name = #"{"eventName":"DescribeInstanceAttribute","n":1}"#
    #expect(
      render(name, width: 32) == [
        "{", #"  "eventName": "#, #"    "DescribeInstanceAttribute","#, #"  "n": 1"#, "}",
      ])
  }

  @Test func aWordLongerThanTheLineBreaksAtCharacters() {
    let word = "{\"k\":\"" + String(repeating: "x", count: 60) + "\"}"
    #expect(
      render(word, width: 30) == [
        "{",
        "  \"k\": \"" + String(repeating: "x", count: 22),
        "    " + String(repeating: "x", count: 26),
        "    " + String(repeating: "x", count: 12) + "\"",
        "}",
      ])
  }

  @Test func tokensMoveWholeAndAreBreakPoints() {
    let lines = JSONPretty.lines(ArraySlice(#"{"ua":"abc\u001bdefgh ijk\u202elmnop qrstuvw\nxyz"}"#.utf8), width: 20)
    #expect(
      lines.map { String(repeating: " ", count: $0.indent) + $0.spans.map(\.text).joined() } == [
        "{",
        #"  "ua": "abc\x1b"#,
        "    defgh ijk",
        "    <U+202E>lmnop ",
        #"    qrstuvw\nxyz""#,
        "}",
      ])
    let tokens = lines.flatMap(\.spans).filter { $0.kind == .token }.map(\.text)
    #expect(tokens == [#"\x1b"#, "<U+202E>", #"\n"#])
    #expect(lines[1...4].allSatisfy { $0.path == "ua" && $0.value == "abc\u{1b}defgh ijk\u{202e}lmnop qrstuvw\nxyz" })
  }

  @Test func continuationLinesKeepTheMembersIndent() {
    // A value of several spans (text, token, text) wraps at indent + 2 on every line, not 2 more per span.
    let text = #"{"a":{"b":"one two three\u001bfour five six seven eight nine ten"}}"#
    let lines = JSONPretty.lines(ArraySlice(text.utf8), width: 20)
    let value = lines.filter { $0.path == "a.b" }
    #expect(value.count > 3)
    #expect(value.first?.indent == 4)
    #expect(value.dropFirst().allSatisfy { $0.indent == 6 })
  }

  // MARK: - Width is never exceeded

  /// A JSON string literal for `text` (quotes, backslashes and controls escaped).
  static func jsonString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case _ where scalar.value < 0x20:
        out += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  /// Random text from letters, break characters, wide characters, emoji, controls, bidi and combining marks.
  static func randomText(_ rng: inout FixturesRNG) -> String {
    let pieces = [
      "a", "b", "Z", "0", " ", "/", ",", ":", ";", "-", "&", "?", "=", ".", "中", "日本", "😀", "\u{1b}", "\n",
      "\t", "\u{202e}", "e\u{301}", "\u{7f}", "arn:aws:iam::123456789012:role/", "https://example.com/a?b=c&d=e",
      String(repeating: "w", count: 45), "o\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}",
    ]
    let count = Int.random(in: 0...60, using: &rng)
    return (0..<count).map { _ in pieces.randomElement(using: &rng)! }.joined()
  }

  @Test func noLineIsWiderThanTheWidth() {
    var rng = FixturesRNG(seed: 11)
    for _ in 0..<400 {
      let width = Int.random(in: 12...70, using: &rng)
      let values = (0..<3).map { _ in Self.jsonString(Self.randomText(&rng)) }
      let json = #"{"a":\#(values[0]),"nested":{"b":[\#(values[1]),1]},"c:d/e":\#(values[2])}"#
      let lines = JSONPretty.lines(ArraySlice(json.utf8), width: width)
      for line in lines {
        let columns = line.indent + line.spans.reduce(0) { $0 + $1.text.reduce(0) { $0 + PrettyPrinter.columns($1) } }
        #expect(columns <= width, "width \(width): \(line.spans.map(\.text).joined())")
      }
      // Wrapping only adds line breaks: the same text in the same order, every token whole (a continuation line
      // has room for the widest token, `<+N marks>`, from width 18 on).
      let wide = JSONPretty.lines(ArraySlice(json.utf8), width: 1 << 20)
      #expect(lines.flatMap(\.spans).map(\.text).joined() == wide.flatMap(\.spans).map(\.text).joined())
      let tokens = lines.flatMap(\.spans).filter { $0.kind == .token }.flatMap { Self.tokens(in: $0.text) }
      if width >= 18 { #expect(tokens.allSatisfy(Self.isWholeToken), "width \(width): \(tokens)") }
      #expect(Set(lines.compactMap(\.path)) == Set(wide.compactMap(\.path)))
    }
  }

  /// A token span's text cut before each `\\` and `<`, where tokens start.
  static func tokens(in text: String) -> [String] {
    var out: [String] = []
    for ch in text {
      if out.isEmpty || ch == "\\" || ch == "<" { out.append("") }
      out[out.count - 1].append(ch)
    }
    return out
  }

  /// True for a whole sanitizer token: `\t`, `\n`, `\r`, `\x1b`, `\u009b`, `<U+202E>`, `<+2 marks>`.
  static func isWholeToken(_ token: String) -> Bool {
    let hex = Set("0123456789abcdefABCDEF")
    if ["\\t", "\\n", "\\r"].contains(token) { return true }
    if token.hasPrefix("\\x") { return token.count == 4 && token.dropFirst(2).allSatisfy(hex.contains) }
    if token.hasPrefix("\\u") { return token.count == 6 && token.dropFirst(2).allSatisfy(hex.contains) }
    if token.hasPrefix("<U+") { return token.hasSuffix(">") && token.dropFirst(3).dropLast().allSatisfy(hex.contains) }
    if token.hasPrefix("<+") {
      return token.hasSuffix(" marks>") && token.dropFirst(2).dropLast(7).allSatisfy(\.isNumber)
    }
    return false
  }

  @Test func theTokenCheckRecognisesTokens() {
    #expect(Self.tokens(in: #"\x7f<U+202E>\n<+2 marks>"#) == [#"\x7f"#, "<U+202E>", #"\n"#, "<+2 marks>"])
    #expect(Self.tokens(in: #"\x7f<U+202E>\n<+2 marks>"#).allSatisfy(Self.isWholeToken))
    #expect(!Self.isWholeToken("<U+20") && !Self.isWholeToken("2E>") && !Self.isWholeToken("<+2 ma"))
  }

  // MARK: - Hostile values stay linear

  /// Pretty-prints `json` behind a hang guard (a hang detector, not a timing check): nil when it has not finished.
  static func linesWithinHangGuard(_ json: [UInt8], width: Int) -> [PrettyLine]? {
    let done = DispatchSemaphore(value: 0)
    let result = Mutex<[PrettyLine]?>(nil)
    DispatchQueue.global().async {
      let lines = JSONPretty.lines(json[...], width: width)
      result.withLock { $0 = lines }
      done.signal()
    }
    guard done.wait(timeout: .now() + .seconds(120)) == .success else { return nil }
    return result.withLock { $0 }
  }

  @Test(arguments: [UInt8(ascii: "x"), UInt8(ascii: "/")])
  func aLongRunWithoutOrOfOnlyBreakPointsStaysLinear(_ byte: UInt8) throws {
    // 4 MiB stands for a 100 MB value: work quadratic in the run (~10^11 steps here) would not finish behind the
    // guard, while the linear printer takes seconds even unoptimized.
    let n = 4 << 20
    let json = Array("{\"k\":\"".utf8) + [UInt8](repeating: byte, count: n) + Array("\"}".utf8)
    let lines = try #require(Self.linesWithinHangGuard(json, width: 80), "pretty-printing did not finish")
    // `  "k": "` then 72 characters; then 76 per continuation line, the closing quote included.
    #expect(lines.count == 1 + 1 + (n - 72 + 1 + 75) / 76 + 1)
    #expect(lines.dropFirst().dropLast().allSatisfy { $0.path == "k" && $0.value?.utf8.count == n })
  }
}
