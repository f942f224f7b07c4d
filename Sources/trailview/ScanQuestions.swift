import EventStore
import Synchronization
import TrailviewApp

/// The dashboard's side of ``QueryApproval``: a source's question goes to the screen as a message, and the user's
/// answer back to the source that asked.
final class ScanQuestions: Sendable {
  private let inbox: Inbox
  private let replies = Mutex<(next: Int, waiting: [Int: @Sendable (Bool) -> Void])>((0, [:]))

  init(inbox: Inbox) { self.inbox = inbox }

  /// Puts the question on the screen (called from any queue).
  var ask: QueryApproval {
    { [self] summary, reply in
      let request = replies.withLock { state in
        state.next += 1
        state.waiting[state.next] = reply
        return state.next
      }
      inbox.post(Msg.askScan(request: request, summary: summary))
    }
  }

  /// Hands the answer to the source that asked.
  func answer(_ request: Int, approved: Bool) {
    let reply = replies.withLock { $0.waiting.removeValue(forKey: request) }
    reply?(approved)
  }
}
