import CloudTrailModel
import EventStore
import Foundation

/// How print mode asks before a query AWS charges for: on the terminal when stdin and stderr are one, else not at
/// all (the query does not run; `--yes` runs it without asking).
enum PrintApproval {
  /// Asks on stderr and reads the answer from stdin; declines, saying why, without a terminal.
  static let ask: QueryApproval = { summary, reply in
    let text = DisplayText.sanitize(summary)
    guard isatty(STDIN_FILENO) == 1, isatty(STDERR_FILENO) == 1 else {
      StandardError.write("trailview: \(text)\ntrailview: no terminal to ask on: pass --yes to run the query\n")
      reply(false)
      return
    }
    StandardError.write("trailview: \(text)\nRun the query? [y/N] ")
    let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
    reply(answer == "y" || answer == "yes")
  }
}
