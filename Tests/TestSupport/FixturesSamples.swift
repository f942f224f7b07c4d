import Foundation

/// Locates the shared CloudTrail samples (`../shared/samples` beside the package) and reads them.
public enum FixturesSamples {
  /// The samples directory, or nil when `../shared/samples` is absent.
  public static let directory: URL? = {
    let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let samples = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/samples")
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: samples.path, isDirectory: &isDirectory), isDirectory.boolValue
    else { return nil }
    return samples
  }()

  /// True when the samples are present.
  public static var available: Bool { directory != nil }

  /// Every `.json` and `.json.gz` file under the samples directory, sorted by path.
  public static func files() -> [URL] {
    guard let directory, let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
    else { return [] }
    var out: [URL] = []
    for case let url as URL in walker where url.path.hasSuffix(".json") || url.path.hasSuffix(".json.gz") {
      out.append(url)
    }
    return out.sorted { $0.path < $1.path }
  }

  /// The file's bytes, decompressed with `gzip -dc` when it ends in `.gz`.
  public static func bytes(of url: URL) throws -> [UInt8] {
    guard url.path.hasSuffix(".gz") else { return [UInt8](try Data(contentsOf: url)) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["gzip", "-dc", url.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return [UInt8](data)
  }

  /// The bytes of the sample at `relativePath` under the samples directory, or nil when absent.
  public static func sample(_ relativePath: String) throws -> [UInt8]? {
    guard let directory else { return nil }
    return try bytes(of: directory.appendingPathComponent(relativePath))
  }
}
