import TerminalUI

/// A source's question whether it may run a query AWS charges for by data scanned.
public struct ScanQuestion: Sendable, Equatable {
  /// The number the run loop gave the question (the answer carries it back).
  public var request: Int
  /// What is known before the scan: table, window, partitions, price.
  public var summary: String

  /// A question.
  public init(request: Int, summary: String) {
    self.request = request
    self.summary = summary
  }
}

/// `y` approves the scan; `n`, Esc and `q` decline it; other keys wait for an answer.
func answerScan(_ state: inout AppState, _ question: ScanQuestion, _ key: Key) -> [Effect] {
  let approved: Bool
  switch key {
  case .char("y"), .char("Y"): approved = true
  case .char("n"), .char("N"), .char("q"), .escape: approved = false
  default:
    state.message = "y runs the query, n does not"
    return []
  }
  state.scanQuestion = nil
  state.message = approved ? nil : "no query was run"
  return [.answerScan(request: question.request, approved: approved)]
}
