import EventStore
import Foundation
import TerminalUI
import TestSupport
import TrailviewApp

/// A small, fixed set of events loaded through the real store, for screen and update tests.
enum AppFixture {
  static let root: URL = {
    let root = LogTree.temporaryFolder()
    var records: [String] = []
    let users = ["alice", "bob", "deploy-bot"]
    let names = ["DescribeInstances", "CreateUser", "GetObject", "AssumeRole", "PutBucketPolicy"]
    for i in 0..<40 {
      let name = names[i % names.count]
      let read = name.hasPrefix("Describe") || name.hasPrefix("Get")
      records.append(
        LogTree.record(
          time: String(format: "2024-05-01T%02d:%02d:00Z", 10 + i / 30, (i * 2) % 60), name: name,
          user: users[i % users.count], source: i % 2 == 0 ? "ec2.amazonaws.com" : "iam.amazonaws.com",
          region: i % 3 == 0 ? "eu-west-1" : "us-east-1", ip: "198.51.100.\(i)", readOnly: read,
          errorCode: i % 6 == 0 ? "AccessDenied" : nil, eventID: "app-\(i)"))
    }
    records.append(
      LogTree.record(
        time: "2024-05-01T12:00:00Z", name: "StopLogging", user: "mallory", ip: "203.0.113.66", eventID: "app-stop",
        requestParameters: "{\"name\":\"management-events\"}", extra: "\"userAgent2\":\"evil\\u001b[2Jtext\""))
    LogTree.write(LogTree.recordsFile(records), to: "AWSLogs/fixture.json", under: root)
    return root
  }()

  static func snapshot(filter: EventFilter = EventFilter()) -> EventSnapshot {
    StoreHarness.load([root.path], filter: filter)
  }

  static func state(width: Int, height: Int) -> AppState {
    var state = AppState(width: width, height: height, sourceLabel: "fixture")
    _ = update(&state, .store(.snapshot(snapshot())))
    return state
  }
}

/// A store kept alive for a test, so that effects from `update` are applied the way the run loop applies them.
final class LiveFixture {
  let collector = SnapshotCollector()
  let store: EventStore
  var state: AppState

  init(paths: [String] = [AppFixture.root.path], width: Int = 100, height: Int = 30) {
    let collector = self.collector
    store = EventStore(publishIntervalMilliseconds: 5) { collector.take($0) }
    LogFileSource.load(paths, into: store)
    state = AppState(width: width, height: height, sourceLabel: "fixture")
    _ = update(&state, .store(.snapshot(collector.waitFinished()!)))
  }

  /// Sends a key and performs the filter effects it asks for; returns the effects.
  @discardableResult
  func press(_ keys: Key...) -> [Effect] {
    var all: [Effect] = []
    for key in keys {
      let effects = update(&state, .key(key))
      all += effects
      for case .setFilter(let filter) in effects {
        _ = update(&state, .store(.snapshot(collector.refilter(store, filter))))
      }
    }
    return all
  }

  /// Types each character of `text`.
  func type(_ text: String) {
    for c in text { press(.char(c)) }
  }
}
