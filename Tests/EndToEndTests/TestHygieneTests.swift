import Foundation
import TestSupport
import Testing

/// The tests clean up after themselves: this very test binary, run on suites that make temporary folders and homes
/// (some shared by a whole suite), leaves its temporary directory as it found it.
@Suite struct TestHygieneTests {
  /// This test binary (`swift test` runs it by path).
  static let testBinary: String? = {
    let path = URL(fileURLWithPath: CommandLine.arguments.first ?? "").standardizedFileURL.path
    return path.hasSuffix(".xctest") && FileManager.default.isExecutableFile(atPath: path) ? path : nil
  }()

  @Test(.enabled(if: testBinary != nil, "not running as the SwiftPM test binary"))
  func suitesLeaveNothingInTheTemporaryDirectory() throws {
    let scratch = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let suites = "LogFileSourceTests|FilterTests|TrailsTests|CredentialChainTests|AWSSettingsTests"
    let run = try Subprocess.run(
      try #require(Self.testBinary), ["--testing-library", "swift-testing", "--filter", suites],
      environment: ["TMPDIR": scratch.path])
    #expect(run.status == 0, "\(run.stderr.suffix(2000))")
    #expect(run.stderr.contains("Test run with"), "\(run.stderr.suffix(2000))")
    let left = try FileManager.default.contentsOfDirectory(atPath: scratch.path)
    #expect(left.isEmpty, "left behind: \(left)")
  }
}
