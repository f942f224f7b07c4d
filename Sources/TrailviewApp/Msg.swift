import CloudTrailModel
import EventStore
import TerminalUI

/// Something that happened: a key, a resize, the clock, or news from the store.
public enum Msg: Sendable {
  /// A key press.
  case key(Key)
  /// The terminal's new size.
  case resize(width: Int, height: Int)
  /// An update from the store.
  case store(StoreUpdate)
  /// The clock, seconds since 1970 (sent about once a second, for time-driven work).
  case tick(Int64)
  /// The answer to a ``Effect/count(_:request:)``: the counts and the number of events counted.
  case counted(request: Int, counts: [ValueCount], events: Int)
  /// Something the run loop did, for the status line ("columns saved to …").
  case note(String)
  /// The event data stores `lake://` offers to open.
  case stores([StoreRow])
  /// A source asks whether it may run a query AWS charges for; answered with ``Effect/answerScan(request:approved:)``.
  case askScan(request: Int, summary: String)
  /// News about an ``Effect/export(_:)``.
  case exported(request: Int, ExportNews)
}

/// Work for the run loop to do after an update.
public enum Effect: Sendable, Equatable {
  /// Ask the store (and the sources) for a new filter.
  case setFilter(EventFilter)
  /// Fetch another page (lazy LookupEvents sources).
  case needMore
  /// Fetch every remaining page.
  case loadAll
  /// Reload the trails pane from the API.
  case refreshTrails
  /// Read `s3://bucket/prefix` in place as one more source, for the filter's window.
  case openBucket(bucket: String, prefix: String)
  /// Read a CloudWatch Logs group (an ARN or a name) as one more source, for the filter's window.
  case openLogGroup(String)
  /// Start (true) or stop following new events.
  case follow(Bool)
  /// Count the values of a field over the current snapshot's visible events, in the background, and answer with
  /// ``Msg/counted(request:counts:events:)``.
  case count(Field, request: Int)
  /// Write events to a file in the background, answering with ``Msg/exported(request:_:)``.
  case export(ExportRequest)
  /// Put text on the terminal's clipboard (OSC 52).
  case copy(String)
  /// Keep the table's columns in the config file.
  case saveColumns([Field])
  /// The user's answer to ``Msg/askScan(request:summary:)``.
  case answerScan(request: Int, approved: Bool)
  /// Open a CloudTrail Lake event data store (its ARN) as one more source, for the filter's window.
  case openStore(String)
  /// Stop the queries sources run on servers (Athena); what was loaded stays.
  case cancelQueries
  /// Leave the program.
  case quit
}
