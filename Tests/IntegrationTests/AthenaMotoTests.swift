import AWSClient
import Foundation
import TestSupport
import Testing

/// Athena's API shapes as moto (an independent emulator) answers them: moto runs no SQL, so the rows a query
/// returns are set through moto's own API beforehand, written by the test the way AWS's CloudTrail table holds them
/// (lower-case columns, structs as JSON). Moto has no GetTableMetadata, so trailview says so and queries AWS's
/// documented table; the rows come back as the records they were made from. StopQueryExecution cancels a query.
@Suite(
  .enabled(if: MotoServer.isAvailable, "\(MotoServer.missingMessage)"),
  .enabled(if: BuiltProducts.path("trailview") != nil, "the trailview binary is not built"))
struct AthenaMotoTests {
  /// The documented table's columns in order, as trailview's SELECT lists them.
  static let columns = [
    "eventversion", "useridentity", "eventtime", "eventsource", "eventname", "awsregion", "sourceipaddress",
    "useragent", "errorcode", "errormessage", "requestparameters", "responseelements", "additionaleventdata",
    "requestid", "eventid", "readonly", "resources", "eventtype", "apiversion", "recipientaccountid",
    "serviceeventdetails", "sharedeventid", "vpcendpointid", "vpcendpointaccountid", "eventcategory", "addendum",
    "sessioncredentialfromconsole", "edgedevicedetails", "tlsdetails",
  ]

  /// A table row for `record`: each column's text as Athena gives it, nil for NULL.
  static func row(_ record: [String: Any]) -> [String?] {
    let lower = Dictionary(record.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
    func lowered(_ value: Any) -> Any {
      if let object = value as? [String: Any] {
        return Dictionary(object.map { ($0.key.lowercased(), lowered($0.value)) }, uniquingKeysWith: { a, _ in a })
      }
      if let array = value as? [Any] { return array.map(lowered) }
      return value
    }
    return columns.map { column -> String? in
      guard let value = lower[column], !(value is NSNull) else { return nil }
      if let text = value as? String { return text }
      if let flag = value as? Bool { return flag ? "true" : "false" }
      // Structs have the catalog's lower-case field names; JSON text columns hold the record's text as it is.
      let structs: Set = ["useridentity", "resources", "addendum", "tlsdetails"]
      let shaped = structs.contains(column) ? lowered(value) : value
      let json = try! JSONSerialization.data(withJSONObject: shaped, options: [.fragmentsAllowed])
      return String(decoding: json, as: UTF8.self)
    }
  }

  static func setResults(_ moto: MotoServer, rows: [[String?]]) throws {
    let body: [String: Any] = [
      "region": "us-east-1",
      "results": [
        [
          "rows": ([columns] + rows).map { ["Data": $0.map { $0.map { ["VarCharValue": $0] } ?? [:] }] },
          "column_info": columns.map { ["Name": $0, "Label": $0, "Type": "varchar"] },
        ]
      ],
    ]
    let folder = LogTree.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("results.json")
    try JSONSerialization.data(withJSONObject: body).write(to: file)
    let post =
      "import sys, urllib.request; urllib.request.urlopen(urllib.request.Request(sys.argv[1], "
      + "data=open(sys.argv[2], 'rb').read(), method='POST'))"
    let out = try Subprocess.run(
      "/usr/bin/env", ["python3", "-c", post, moto.endpoint + "/moto-api/static/athena/query-results", file.path])
    #expect(out.status == 0, "\(out.stderr)")
  }

  @Test func rowsComeBackAsTheRecordsTheyWereMadeFrom() throws {
    let moto = try MotoServer(authenticated: false)
    defer { moto.stop() }
    let now = Int64(Date().timeIntervalSince1970)
    let texts = (0..<3).map { i in
      LogTree.record(
        time: ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(now - 300 - Int64(i)))),
        name: "GetObject", identityType: "AssumedRole", readOnly: true, eventID: "moto-\(i)",
        requestParameters: "{\"bucketName\":\"b\(i)\"}")
    }
    let records = texts.map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
    try Self.setResults(moto, rows: records.map(Self.row))
    let out = try Subprocess.run(
      BuiltProducts.path("trailview")!, ["--print", "--yes", "--since", "1h", "athena://default.cloudtrail_logs"],
      environment: [
        "AWS_ACCESS_KEY_ID": moto.accessKeyId, "AWS_SECRET_ACCESS_KEY": moto.secretAccessKey,
        "AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL_ATHENA": moto.endpoint,
        "XDG_CONFIG_HOME": LogTree.root.appendingPathComponent("no-config").path,
      ])
    #expect(out.status == 0, "\(out.stderr)")
    #expect(out.stderr.contains("GetTableMetadata failed") && out.stderr.contains("documented"), "\(out.stderr)")
    let lines = String(decoding: out.stdout, as: UTF8.self).split(separator: "\n")
    let back = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    #expect(back.map { $0["eventID"] as? String } == ["moto-0", "moto-1", "moto-2"])
    for (sent, got) in zip(records, back) {
      var expected = sent
      expected.removeValue(forKey: "responseElements")  // null: left out
      #expect(expected as NSDictionary == got as NSDictionary, "\(got)")
    }
  }

  @Test func stopQueryExecutionCancelsAQuery() async throws {
    let moto = try MotoServer(authenticated: false)
    defer { moto.stop() }
    let client = CloudTrailClient(
      region: "us-east-1", endpoint: URL(string: moto.endpoint)!,
      credentials: .fixed(AWSCredentials(accessKeyId: moto.accessKeyId, secretAccessKey: moto.secretAccessKey)))
    let place = AthenaPlace(database: "default", workgroup: "primary", outputLocation: "s3://results/")
    let id = try await withCheckedThrowingContinuation { continuation in
      client.startQueryExecution("SELECT 1", place: place) { continuation.resume(with: $0) }
    }
    #expect(!id.isEmpty)
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
      client.stopQueryExecution(id) { continuation.resume(with: $0) }
    }
    let execution = try await withCheckedThrowingContinuation { continuation in
      client.getQueryExecution(id) { continuation.resume(with: $0) }
    }
    #expect(execution.state == "CANCELLED" && execution.isFinal)
    let missing = await withCheckedContinuation { continuation in
      client.getTableMetadata(catalog: "AwsDataCatalog", database: "default", table: "x") {
        continuation.resume(returning: $0)
      }
    }
    guard case .failure = missing else {
      Issue.record("moto answered GetTableMetadata: \(missing)")
      return
    }
  }
}
