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
