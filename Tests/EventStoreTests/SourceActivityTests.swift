import CloudTrailModel
import Testing

@testable import EventStore

/// With several sources, what one of them is doing is shown with its name.
@Suite struct SourceActivityTests {
  @Test func anActivityNamesItsRegionWhenThereAreSeveral() throws {
    let collector = SnapshotCollector()
    let store = EventStore(publishIntervalMilliseconds: 1) { collector.take($0) }
    let east = store.makeReporter()
    let west = store.makeReporter()
    east.begin(label: "CloudTrail us-east-1", unit: "pages", total: nil)
    west.begin(label: "CloudTrail us-west-2", unit: "pages", total: nil)
    west.activity("throttled by AWS (ThrottlingException), retrying in 2 s")
    let shown = collector.wait { $0.progress.activity != nil }
    #expect(shown?.progress.activity == "us-west-2: throttled by AWS (ThrottlingException), retrying in 2 s")
  }
}

/// The timeline's counts: an Insights event is neither a write nor a failure.
@Suite struct HistogramInsightTests {
  @Test func insightsCountWithTheReads() throws {
    let insight = """
      {"eventVersion":"1.08","eventTime":"2026-11-30T21:09:00Z","awsRegion":"us-east-1","eventID":"ins-1",\
      "eventType":"AwsCloudTrailInsight","insightDetails":{"state":"Start","eventSource":"kms.amazonaws.com",\
      "eventName":"ListKeys","insightType":"ApiErrorRateInsight"},"eventCategory":"Insight"}
      """
    let write =
      #"{"eventVersion":"1.09","eventTime":"2026-11-30T21:09:30Z","eventName":"CreateUser","#
      + #""eventSource":"iam.amazonaws.com","readOnly":false,"eventID":"w-1","awsRegion":"us-east-1"}"#
    let collector = SnapshotCollector()
    let store = EventStore(publishIntervalMilliseconds: 1) { collector.take($0) }
    let reporter = store.makeReporter()
    reporter.begin(label: "test", unit: "files", total: 1)
    let scan = RecordScanner.scan(Array((insight + "\n" + write + "\n").utf8))
    reporter.batch(RecordBatch(scan: scan, source: "test", ordinal: 0))
    reporter.finish()
    let snapshot = try #require(collector.wait { $0.total == 2 && $0.progress.finished })
    let start = try #require(EventTime.parse(ArraySlice("2026-11-30T21:09:00Z".utf8)))
    let h = snapshot.histogram(from: start, to: start + 59, buckets: 1)
    #expect(h.reads == [1] && h.writes == [1] && h.errors == [0])
  }
}
