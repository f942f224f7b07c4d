import AWSClient
import CloudTrailModel
import EventStore
import Foundation
import Synchronization

/// `--print lake://`: the account's CloudTrail Lake event data stores (ListEventDataStores, every page), a table by
/// default, or JSON (`{"EventDataStores":[...]}`) or NDJSON (a store a line).
enum LakeStoresPrint {
  /// Lists the stores; returns the exit status (0, or 1 when the list could not be read).
  static func run(client: CloudTrailClient, format: PrintFormat) -> Int32 {
    let listed = Mutex<Result<[EventDataStoreInfo], AWSError>?>(nil)
    let done = DispatchSemaphore(value: 0)
    LakeEngine.allStores(client) { result in
      listed.withLock { $0 = result }
      done.signal()
    }
    done.wait()
    switch listed.withLock({ $0 }) ?? .success([]) {
    case .failure(let error):
      StandardError.write("trailview: ListEventDataStores: \(DisplayText.sanitize(error.explanation))\n")
      return 1
    case .success(let stores):
      let out = OutputWriter()
      write(stores, format: format, to: out)
      out.flush()
      return 0
    }
  }

  static func write(_ stores: [EventDataStoreInfo], format: PrintFormat, to out: OutputWriter) {
    func object(_ store: EventDataStoreInfo) -> [String: Any] {
      var fields: [String: Any] = ["EventDataStoreArn": store.arn, "Name": store.name, "Id": store.id]
      if let status = store.status { fields["Status"] = status }
      if let days = store.retentionDays { fields["RetentionPeriod"] = days }
      if let multi = store.multiRegion { fields["MultiRegionEnabled"] = multi }
      if let org = store.organization { fields["OrganizationEnabled"] = org }
      return fields
    }
    func json(_ value: Any) -> String {
      let data =
        (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes]))
        ?? Data("{}".utf8)
      return String(decoding: data, as: UTF8.self)
    }
    switch format {
    case .json: out.write(json(["EventDataStores": stores.map(object)]) + "\n")
    case .ndjson: for store in stores { out.write(json(object(store)) + "\n") }
    case .csv, .table:
      let titles = ["ID", "NAME", "STATUS", "RETENTION", "MULTI-REGION", "ORGANIZATION"]
      let rows = stores.map { store -> [String] in
        let retention = store.retentionDays.map { "\($0) days" } ?? ""
        let multi = store.multiRegion.map { $0 ? "yes" : "no" } ?? ""
        let org = store.organization.map { $0 ? "yes" : "no" } ?? ""
        return [store.id, store.name, store.status ?? "", retention, multi, org]
      }
      if format == .csv {
        for row in [titles] + rows { out.write(row.map(CSVCell.cell).joined(separator: ",") + "\n") }
        return
      }
      let safe = rows.map { $0.map(DisplayText.sanitize) }
      var table = AlignedTable(titles: titles, caps: [64, 64, 20, 12, 12, 12], separator: "  ")
      for row in safe { table.measure(row) }
      out.write(table.line(titles))
      for row in safe { out.write(table.line(row)) }
    }
  }
}
