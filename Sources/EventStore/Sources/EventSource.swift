/// Identifies one source feeding a store.
public struct SourceID: Hashable, Sendable {
  /// The number the store gave it, from 0.
  public let value: Int
}

/// Something that feeds events into a store (log files, the LookupEvents API, the demo account), reporting through
/// its ``SourceReporter``. The run loop and print mode hold a list of them and pass every request on.
public protocol EventSource: AnyObject, Sendable {
  /// The source's id in its store.
  var id: SourceID { get }
  /// Starts loading; called again when the filter changes (a paged source may start a new query for it).
  func start(filter: EventFilter)
  /// Fetches a little more (the cursor neared the end of what is loaded).
  func needMore()
  /// Fetches everything there is.
  func loadAll()
  /// Looks for new events every `seconds` from now on, marking them as arrived (nil: stops looking).
  func follow(every seconds: Int?)
  /// Stops work that runs on a server and costs (a running query); what was loaded stays. Waits up to `seconds`
  /// for the server to take the request (0: does not wait; the program is about to leave otherwise).
  func cancel(waitingUpTo seconds: Double)
}

extension EventSource {
  /// Sources that load everything at once have nothing more to fetch.
  public func needMore() {}
  /// Sources that load everything at once have nothing more to fetch.
  public func loadAll() {}
  /// Sources that cannot change have nothing new to look for.
  public func follow(every seconds: Int?) {}
  /// Sources that run nothing on a server have nothing to stop.
  public func cancel(waitingUpTo seconds: Double) {}
  /// Stops a running query without waiting.
  public func cancel() { cancel(waitingUpTo: 0) }
}
