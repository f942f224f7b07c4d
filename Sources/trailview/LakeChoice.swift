import AWSClient
import EventStore
import TrailviewApp

/// `lake://` in the dashboard: the account's event data stores, listed in the background and offered as a choice.
enum LakeChoice {
  /// Lists the stores (every page) and posts them, or a note saying why they could not be listed.
  static func list(_ client: CloudTrailClient, to inbox: Inbox) {
    LakeEngine.allStores(client) { result in
      switch result {
      case .success(let stores):
        inbox.post(Msg.stores(stores.map(row)))
      case .failure(let error):
        inbox.post(Msg.note("cannot list the event data stores: \(error.explanation)"))
      }
    }
  }

  /// A store as the list shows it: "ID · ENABLED · 2557 days · multi-region · organization".
  static func row(_ store: EventDataStoreInfo) -> StoreRow {
    var parts = [store.id]
    if let status = store.status { parts.append(status) }
    if let days = store.retentionDays { parts.append("\(days) days") }
    if store.multiRegion == true { parts.append("multi-region") }
    if store.organization == true { parts.append("organization") }
    return StoreRow(arn: store.arn, name: store.name, detail: parts.joined(separator: " · "))
  }
}
