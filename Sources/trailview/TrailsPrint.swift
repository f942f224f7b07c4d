import AWSClient
import CloudTrailModel

/// `--print --trails`: every trail with its status on stdout, in `--format` (a table when none is given).
enum TrailsPrint {
  /// Fetches and prints the trails; returns the exit status (0 all read, 2 some calls failed, 1 nothing read).
  static func run(clients: [CloudTrailClient], format: PrintFormat) -> Int32 {
    let outcome = TrailsFetch.run(clients: clients)
    let out = OutputWriter()
    TrailsOutput.write(outcome.trails, format: format, to: out)
    out.flush()
    for problem in outcome.problems {
      StandardError.write(
        "trailview: \(DisplayText.sanitize(problem.source)): \(DisplayText.sanitize(problem.reason))\n")
    }
    return outcome.problems.isEmpty ? 0 : (outcome.trails.isEmpty ? 1 : 2)
  }
}
