import Foundation

/// One run of an external command under `/usr/bin/time`.
struct Timed: Sendable {
  /// Wall-clock seconds.
  var wall: Double
  /// User plus system CPU seconds.
  var cpu: Double
  /// Largest resident set size of any process in the run, in KiB.
  var maxRSSKiB: Int
  /// Lines the command wrote to its output file.
  var lines: Int

  /// CPU time over wall time: 1.0 means one busy core.
  var cores: Double { wall > 0 ? cpu / wall : 0 }
}

/// Runs shell pipelines under GNU time and collects their numbers.
enum External {
  /// Runs `script` with `sh -c` under `/usr/bin/time` `repeat` times; returns the run with the median wall time.
  static func measure(_ script: String, repeat count: Int, keepOutput: Bool = true) throws -> Timed {
    var runs: [Timed] = []
    for _ in 0..<max(1, count) { runs.append(try once(script, keepOutput: keepOutput)) }
    runs.sort { $0.wall < $1.wall }
    return runs[runs.count / 2]
  }

  /// One run; the output goes to a file whose lines are counted, or to /dev/null.
  static func once(_ script: String, keepOutput: Bool) throws -> Timed {
    let dir = NSTemporaryDirectory()
    let timeFile = dir + "/trailview-bench-time-\(getpid()).txt"
    let outFile = dir + "/trailview-bench-out-\(getpid()).txt"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/time")
    process.arguments = [
      "-f", "%e %U %S %M", "-o", timeFile, "sh", "-c", script + " > " + (keepOutput ? "'\(outFile)'" : "/dev/null"),
    ]
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 || process.terminationStatus == 2 else {
      throw GeneratorError(message: "exit status \(process.terminationStatus): \(script)")
    }
    let text = try String(contentsOfFile: timeFile, encoding: .utf8)
    let last = text.split(separator: "\n").last.map(String.init) ?? ""
    let parts = last.split(separator: " ").compactMap { Double($0) }
    guard parts.count == 4 else { throw GeneratorError(message: "cannot read /usr/bin/time output: \(text)") }
    let lines = keepOutput ? try countLines(outFile) : 0
    try? FileManager.default.removeItem(atPath: outFile)
    try? FileManager.default.removeItem(atPath: timeFile)
    return Timed(wall: parts[0], cpu: parts[1] + parts[2], maxRSSKiB: Int(parts[3]), lines: lines)
  }

  static func countLines(_ path: String) throws -> Int {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    return data.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
  }

  /// Output of a short command (for machine facts).
  static func capture(_ script: String) -> String {
    let process = Process()
    let pipe = Pipe()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", script]
    process.standardOutput = pipe
    do { try process.run() } catch { return "" }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Quotes `text` for `sh`.
  static func quote(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
