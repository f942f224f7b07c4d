import Foundation
import TestSupport
import Testing

/// CloudTrail Lake as a source (`lake://ID`) against scripts/query-endpoint.py, which runs the statement it is sent
/// in DuckDB over a store of the records with Lake's types. The AWS CLI (botocore's own model of the Lake
/// operations) drives the endpoint first, so the shapes trailview reads are the service's; then trailview lists the
/// stores, reads records back whole in their record form, and names a failing query with its reason.
@Suite(
  .enabled(if: QueryEndpoint.isAvailable, "\(QueryEndpoint.missingMessage)"),
  .enabled(if: BuiltProducts.path("trailview") != nil, "the trailview binary is not built"))
struct LakeEndpointTests {
  static let store = QueryEndpoint.store

  @Test(.enabled(if: FakeAWSCLI.path != nil, "\(FakeAWSCLI.missingMessage)"))
  func theAWSCLIDrivesTheEndpointsLakeOperations() async throws {
    let endpoint = try QueryEndpoint(records: AthenaEndpointTests.records, options: ["--polls", "2"])
    defer { endpoint.stop() }
    let list = try await FakeAWSCLI.cloudtrail(["list-event-data-stores"], endpoint: endpoint.endpoint)
    #expect(list.status == 0, "\(list.stderr)")
    let stores = list.json["EventDataStores"] as? [[String: Any]] ?? []
    #expect((stores.first?["EventDataStoreArn"] as? String)?.hasSuffix("eventdatastore/\(Self.store)") == true)
    let start = try await FakeAWSCLI.cloudtrail(
      [
        "start-query", "--query-statement",
        "SELECT eventid, eventtime, readonly FROM \(Self.store) WHERE eventname = 'GetObject'",
      ], endpoint: endpoint.endpoint)
    let id = try #require(start.json["QueryId"] as? String, "\(start.stderr)")
    var status = ""
    for _ in 0..<10 where status != "FINISHED" {
      let described = try await FakeAWSCLI.cloudtrail(
        ["describe-query", "--query-id", id], endpoint: endpoint.endpoint)
      status = described.json["QueryStatus"] as? String ?? ""
    }
    #expect(status == "FINISHED")
    let results = try await FakeAWSCLI.cloudtrail(
      ["get-query-results", "--query-id", id, "--max-query-results", "2", "--no-paginate"], endpoint: endpoint.endpoint)
    let rows = results.json["QueryResultRows"] as? [[[String: String]]] ?? []
    #expect(rows.count == 2 && results.json["NextToken"] != nil, "\(results.stdout)")
    // A row is a list of one-column objects; a NULL column is left out of its row.
    #expect(Set(rows.flatMap { $0.flatMap(\.keys) }) == ["eventid", "eventtime", "readonly"])
    #expect(rows.allSatisfy { $0.first?.keys.first == "eventid" && $0.allSatisfy { $0.count == 1 } })
    let cancel = try await FakeAWSCLI.cloudtrail(["cancel-query", "--query-id", id], endpoint: endpoint.endpoint)
    #expect(cancel.status != 0 && cancel.stderr.contains("InactiveQueryException"), "\(cancel.stderr)")
  }

  @Test func theStoresAreListedAndRecordsComeBackInTheirRecordForm() throws {
    let endpoint = try QueryEndpoint(records: AthenaEndpointTests.records)
    defer { endpoint.stop() }
    let listed = try AthenaEndpointTests.run(["--print", "lake://"], endpoint: endpoint.endpoint)
    #expect(listed.status == 0, "\(listed.stderr)")
    let lines = String(decoding: listed.stdout, as: UTF8.self).split(separator: "\n")
    #expect(lines.first?.hasPrefix("ID") == true && lines.count == 2)
    #expect(lines.last?.contains(Self.store) == true && lines.last?.contains("management-events") == true)
    let out = try AthenaEndpointTests.run(
      ["--print", "--yes"] + AthenaEndpointTests.window + ["--where", "eventName=GetObject", "lake://\(Self.store)"],
      endpoint: endpoint.endpoint)
    #expect(out.status == 0, "\(out.stderr)")
    #expect(out.stderr.contains("events matched") && out.stderr.contains("scanned"), "\(out.stderr)")
    let sent = Dictionary(
      uniqueKeysWithValues: AthenaEndpointTests.records.compactMap { text -> (String, [String: Any])? in
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
          let id = object["eventID"] as? String
        else { return nil }
        return (id, object)
      })
    let back = String(decoding: out.stdout, as: UTF8.self).split(separator: "\n").compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
    #expect(back.count == 4)
    for record in back {
      let id = try #require(record["eventID"] as? String)
      let original = try #require(sent[id])
      // Times as CloudTrail writes them, flags as booleans, identities whole.
      for key in ["eventTime", "eventName", "userAgent", "eventSource", "recipientAccountId"] {
        #expect(record[key] as? String == original[key] as? String, "\(id) \(key)")
      }
      #expect(record["readOnly"] as? Bool == original["readOnly"] as? Bool, "\(id)")
      #expect(record["userIdentity"] as? NSDictionary == original["userIdentity"] as? NSDictionary, "\(id)")
      // Lake keeps request parameters as a map of strings: nested values come back as JSON text.
      let parameters = try #require(record["requestParameters"] as? [String: Any])
      #expect(
        parameters["bucketName"] as? String == (original["requestParameters"] as? [String: Any])?["bucketName"]
          as? String)
    }
  }

  @Test func aFailingQueryIsNamedWithItsReason() throws {
    let endpoint = try QueryEndpoint(records: AthenaEndpointTests.records)
    defer { endpoint.stop() }
    let out = try AthenaEndpointTests.run(
      ["--print", "--yes"] + AthenaEndpointTests.window + ["lake://EXAMPLE-not-a-store"], endpoint: endpoint.endpoint)
    #expect(out.status != 0)
    #expect(out.stderr.contains("does not list this store"), "\(out.stderr)")
    #expect(out.stderr.contains("lake://EXAMPLE-not-a-store") && out.stderr.contains("query failed"), "\(out.stderr)")
    let bad = try AthenaEndpointTests.run(["--print", "lake://x;DROP"], endpoint: endpoint.endpoint)
    #expect(bad.status != 0 && bad.stderr.contains("lake://ID or lake://ARN"), "\(bad.stderr)")
  }

  @Test func aStoreWithoutAnOptionalColumnIsAskedAgainWithoutThem() throws {
    let endpoint = try QueryEndpoint(records: AthenaEndpointTests.records, options: ["--lake-drop", "tlsdetails"])
    defer { endpoint.stop() }
    let out = try AthenaEndpointTests.run(
      ["--print", "--yes"] + AthenaEndpointTests.window + ["--where", "eventName=GetObject", "lake://\(Self.store)"],
      endpoint: endpoint.endpoint)
    #expect(out.status == 0, "\(out.stderr)")
    #expect(out.stderr.contains("without the optional columns"), "\(out.stderr)")
    #expect(String(decoding: out.stdout, as: UTF8.self).split(separator: "\n").count == 4)
    let statements = endpoint.requests.filter { $0.operation == "StartQuery" }.compactMap(\.query)
    #expect(statements.count == 2 && statements[0].contains("tlsdetails") && !statements[1].contains("tlsdetails"))
  }
}
