import AWSClient
import Foundation
import Testing

/// The query operations' requests as sent (service, endpoint, target, signature, body) and their answers read:
/// Athena (`athena` signing name, `AmazonAthena.` targets), CloudTrail Lake (CloudTrail's own), CloudWatch Logs'
/// FilterLogEvents with a filter pattern.
@Suite struct QueryRequestTests {
  static func client(_ transport: FakeTransport) -> CloudTrailClient {
    CloudTrailClient(
      region: "eu-west-1", credentials: .fixed(FakeKeys.credentials), transport: transport,
      clock: { CloudTrailClientRequestTests.now })
  }

  static func body(_ transport: FakeTransport) throws -> [String: Any] {
    let sent = try #require(transport.sent.last)
    return try #require(JSONSerialization.jsonObject(with: Data(sent.request.body)) as? [String: Any])
  }

  @Test func athenaOperationsGoToAthenaSignedForIt() async throws {
    let transport = FakeTransport(json: #"{"QueryExecutionId":"q-1"}"#)
    let client = Self.client(transport)
    let place = AthenaPlace(database: "db", workgroup: "wg", outputLocation: "s3://out/")
    let id = await awaitCompletion { done in client.startQueryExecution("SELECT 1", place: place, completion: done) }
    #expect(try id.get() == "q-1")
    let sent = try #require(transport.sent.first)
    #expect(sent.url.absoluteString == "https://athena.eu-west-1.amazonaws.com")
    #expect(sent.request.header("X-Amz-Target") == "AmazonAthena.StartQueryExecution")
    #expect(sent.request.header("Authorization")?.contains("/eu-west-1/athena/aws4_request") == true)
    let body = try Self.body(transport)
    #expect(body["QueryString"] as? String == "SELECT 1" && body["WorkGroup"] as? String == "wg")
    #expect((body["ResultConfiguration"] as? [String: String])?["OutputLocation"] == "s3://out/")
    #expect((body["QueryExecutionContext"] as? [String: String]) == ["Database": "db", "Catalog": "AwsDataCatalog"])
  }

  @Test func athenaStateAndStatisticsAreRead() async throws {
    let transport = FakeTransport(
      json: #"{"QueryExecution":{"Status":{"State":"FAILED","AthenaError":{"ErrorMessage":"TABLE_NOT_FOUND"}},"#
        + #""Statistics":{"DataScannedInBytes":12345678901,"EngineExecutionTimeInMillis":250}}}"#)
    let execution = try await awaitCompletion { done in Self.client(transport).getQueryExecution("q", completion: done)
    }
    .get()
    #expect(
      execution
        == AthenaExecution(
          state: "FAILED", reason: "TABLE_NOT_FOUND", bytesScanned: 12_345_678_901,
          engineMilliseconds: 250))
    #expect(execution.isFinal)
  }

  @Test func lakeOperationsGoToCloudTrail() async throws {
    let transport = FakeTransport(
      json: #"{"QueryStatus":"RUNNING","QueryStatistics":{"EventsMatched":3,"EventsScanned":40,"BytesScanned":500}}"#)
    let client = Self.client(transport)
    let query = try await awaitCompletion { done in client.describeQuery("q-2", completion: done) }.get()
    #expect(query == LakeQuery(status: "RUNNING", eventsMatched: 3, eventsScanned: 40, bytesScanned: 500))
    let sent = try #require(transport.sent.first)
    #expect(sent.url.absoluteString == "https://cloudtrail.eu-west-1.amazonaws.com")
    #expect(
      sent.request.header("X-Amz-Target") == "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.DescribeQuery")
    #expect(try Self.body(transport) as NSDictionary == ["QueryId": "q-2"])
    _ = await awaitCompletion { done in
      client.getLakeQueryResults("q-2", nextToken: "t", maxResults: 5000, completion: done)
    }
    #expect(try Self.body(transport) as NSDictionary == ["QueryId": "q-2", "NextToken": "t", "MaxQueryResults": 1000])
  }

  @Test func storesAreListed() async throws {
    let transport = FakeTransport(
      json: #"{"EventDataStores":[{"EventDataStoreArn":"arn:aws:cloudtrail:eu-west-1:1:eventdatastore/EDS-1","#
        + #""Name":"all","Status":"ENABLED","RetentionPeriod":90,"MultiRegionEnabled":true}],"NextToken":"n"}"#)
    let page = try await awaitCompletion { done in Self.client(transport).listEventDataStores(completion: done) }.get()
    #expect(page.next == "n" && page.stores.count == 1)
    #expect(page.stores[0].id == "EDS-1" && page.stores[0].name == "all" && page.stores[0].retentionDays == 90)
    #expect(EventDataStoreInfo.id("EDS-2") == "EDS-2")
  }

  @Test func filterLogEventsSendsThePattern() async throws {
    let transport = FakeTransport(json: #"{"events":[]}"#)
    _ = await awaitCompletion { done in
      Self.client(transport).filterLogEvents(
        group: "g", start: 10, end: 20, nextToken: nil, pattern: "{ ($.sourceIPAddress = \"1.2.3.4\") }",
        completion: done)
    }
    let body = try Self.body(transport)
    #expect(body["filterPattern"] as? String == "{ ($.sourceIPAddress = \"1.2.3.4\") }")
    #expect(body["startTime"] as? Int == 10_000 && body["endTime"] as? Int == 20_999)
  }
}
