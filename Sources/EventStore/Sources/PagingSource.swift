import CloudTrailModel
import Dispatch

/// Fetches LookupEvents pages from a service into a store, in the background, following ``PagingMachine``.
public enum PagingSource {
  /// Starts paging `request` from `service` into `store`.
  ///
  /// - Parameters:
  ///   - label: shown in the status bar ("demo account").
  ///   - minIntervalMilliseconds: spacing between requests.
  public static func load(
    from service: any LookupEventsService, request: LookupEventsRequest, into store: EventStore, label: String,
    minIntervalMilliseconds: Int = 500
  ) {
    let driver = Driver(
      service: service, store: store, label: label,
      machine: PagingMachine(template: request, minIntervalMilliseconds: minIntervalMilliseconds))
    driver.start()
  }

  /// Performs the machine's actions. `@unchecked Sendable`: `machine` is touched only on `queue`.
  private final class Driver: @unchecked Sendable {
    let service: any LookupEventsService
    let store: EventStore
    let label: String
    var machine: PagingMachine
    let queue = DispatchQueue(label: "trailview.paging")
    let clockStart = DispatchTime.now().uptimeNanoseconds

    init(service: any LookupEventsService, store: EventStore, label: String, machine: PagingMachine) {
      self.service = service
      self.store = store
      self.label = label
      self.machine = machine
    }

    var now: Int { Int((DispatchTime.now().uptimeNanoseconds - clockStart) / 1_000_000) }

    func start() {
      store.queue.async { [store, label] in store.beginLoad(label: label, unit: "pages", total: nil, problems: []) }
      queue.async { [self] in perform(machine.start(now: now)) }
    }

    func perform(_ action: PagingMachine.Action) {
      switch action {
      case .finish:
        store.queue.async { [store] in store.finishLoad() }
      case .fail(let message):
        store.queue.async { [store, label] in
          store.progress.problems.append(LoadProblem(source: "LookupEvents (\(label))", reason: message))
          store.finishLoad()
        }
      case .send(let request, let delay):
        queue.asyncAfter(deadline: .now() + .milliseconds(delay)) { [self] in
          service.lookupEvents(request) { result in self.queue.async { self.handle(result) } }
        }
      }
    }

    func handle(_ result: Result<LookupEventsResponse, LookupError>) {
      switch result {
      case .success(let page):
        let batch = Self.batch(from: page, ordinal: UInt32(machine.pages), label: label)
        store.queue.async { [store] in
          store.setActivity(nil)
          store.ingest(batch)
        }
        perform(machine.received(page, now: now))
      case .failure(let error):
        let action = machine.failed(error, now: now, jitter: Double.random(in: 0..<1))
        if case .send(_, let delay) = action {
          store.queue.async { [store] in
            store.setActivity("\(error.code), retrying in \((delay + 999) / 1000) s")
          }
        }
        perform(action)
      }
    }

    /// Turns a page's `CloudTrailEvent` strings into one NDJSON buffer and scans it like a file.
    static func batch(from page: LookupEventsResponse, ordinal: UInt32, label: String) -> RecordBatch {
      var bytes: [UInt8] = []
      for event in page.events {
        bytes.append(contentsOf: event.cloudTrailEvent.utf8)
        bytes.append(0x0A)
      }
      let scan =
        bytes.isEmpty ? ScanResult(buffer: [], records: [], shape: .empty, problems: []) : RecordScanner.scan(bytes)
      return RecordBatch(scan: scan, source: "\(label) page \(ordinal + 1)", ordinal: ordinal)
    }
  }
}
