import Foundation

@testable import EventStore
@testable import TrailviewDemo

/// Shared fixtures for the demo-account tests.
enum DemoFixture {
  /// 2026-11-26T13:33:20Z.
  static let now: Int64 = 1_795_700_000
  /// The seed-1 records, generated once.
  static let records: [[UInt8]] = DemoAccount.records(now: now, seed: 1)
  /// The seed-1 records parsed with Foundation.
  nonisolated(unsafe) static let parsed: [[String: Any]] = records.map { parse($0) }

  /// Parses one record (fails loudly in tests if it is not a JSON object).
  static func parse(_ bytes: [UInt8]) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] ?? [:]
  }

  /// `YYYY-MM-DDTHH:MM:SSZ` to seconds since 1970, via Foundation (independent of the generator's own calendar).
  static func seconds(_ text: String) -> Int64? {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    guard text.count == 20, let date = formatter.date(from: text) else { return nil }
    return Int64(date.timeIntervalSince1970)
  }

  /// The record's `eventTime` in seconds.
  static func time(_ record: [String: Any]) -> Int64 {
    seconds(record["eventTime"] as? String ?? "") ?? -1
  }

  /// `userIdentity.userName`.
  static func userName(_ record: [String: Any]) -> String? {
    (record["userIdentity"] as? [String: Any])?["userName"] as? String
  }
}
