import Foundation
import Testing

@testable import CloudTrailModel

/// Athena's GetQueryResults pages read without building values, catalog types parsed, and rows of AWS's CloudTrail
/// table written back as records: the expectations are built with Foundation's JSONSerialization.
struct AthenaRowsTests {
  static func page(_ rows: [[String?]], columns: [String], next: String? = nil) -> [UInt8] {
    var object: [String: Any] = [
      "UpdateCount": 0,
      "ResultSet": [
        "Rows": rows.map { ["Data": $0.map { $0.map { ["VarCharValue": $0] } ?? [:] }] },
        "ResultSetMetadata": ["ColumnInfo": columns.map { ["Name": $0, "Type": "varchar"] }],
      ],
    ]
    if let next { object["NextToken"] = next }
    return Array(try! JSONSerialization.data(withJSONObject: object))
  }

  @Test func aPageGivesColumnsCellsAndTheNextToken() throws {
    let bytes = Self.page(
      [["eventid", "eventname"], ["e1", "Get\"Object\n"], [nil, "ü"]], columns: ["eventid", "eventname"], next: "t2")
    var page = try AthenaResultsPage.read(bytes)
    #expect(page.columns == ["eventid", "eventname"])
    #expect(page.nextToken == "t2")
    page.dropHeader(in: bytes)
    #expect(page.rows.count == 2)
    #expect(page.rows[0].map { $0.decode(in: bytes) } == ["e1", "Get\"Object\n"])
    #expect(!page.rows[1][0].isPresent && page.rows[1][1].decode(in: bytes) == "ü")
    // A row that is not the header stays.
    var other = try AthenaResultsPage.read(Self.page([["e1", "x"]], columns: ["eventid", "eventname"]))
    other.dropHeader(in: Self.page([["e1", "x"]], columns: ["eventid", "eventname"]))
    #expect(other.rows.count == 1 && other.nextToken == nil)
    for broken in ["", "[]", "{\"ResultSet\":{\"Rows\":[{\"Data\":[{\"VarCharValue\":\"x}]}]}}", "{\"ResultSet\":"] {
      #expect(throws: ResultsPageError.self) { try AthenaResultsPage.read(Array(broken.utf8)) }
    }
  }

  @Test func catalogTypesParse() {
    let identity = HiveType.parse(
      "struct<type:string,sessioncontext:struct<attributes:map<string,string>>,tags:array<struct<k:string>>>")
    #expect(
      identity
        == .structure([
          HiveField(name: "type", type: .scalar("string")),
          HiveField(
            name: "sessioncontext",
            type: .structure([HiveField(name: "attributes", type: .map(.scalar("string")))])),
          HiveField(name: "tags", type: .array(.structure([HiveField(name: "k", type: .scalar("string"))]))),
        ]))
    #expect(HiveType.parse("decimal(10,2)") == .scalar("decimal"))
    #expect(HiveType.parse("STRING") == .scalar("string"))
    #expect(HiveType.parse("struct<a:string") == .scalar("struct<a:string"))
    let deep = String(repeating: "array<", count: 40) + "string" + String(repeating: ">", count: 40)
    #expect(!HiveType.parse(deep).isComplex)
  }

  /// The row written as a record, read back with JSONSerialization.
  static func write(_ row: [String?], columns: [(String, String)], partitions: Set<String> = []) throws -> NSDictionary
  {
    let bytes = Self.page([row], columns: columns.map(\.0))
    let page = try AthenaResultsPage.read(bytes)
    let writer = AthenaRecordWriter(
      columns: columns.map { ($0.0, HiveType.parse($0.1)) }, partitionKeys: partitions)
    var out: [UInt8] = []
    writer.append(row: page.rows[0], page: bytes, to: &out)
    #expect(out.last == 0x0A)
    return try #require(try JSONSerialization.jsonObject(with: Data(out)) as? NSDictionary)
  }

  @Test func rowsBecomeRecordsWithTheRecordsKeyNames() throws {
    let identity =
      "struct<type:string,principalid:string,sessioncontext:struct<attributes:struct<"
      + "mfaauthenticated:string>,sessionissuer:struct<username:string>>>"
    let columns = [
      ("eventid", "string"), ("useridentity", identity), ("readonly", "string"), ("requestparameters", "string"),
      ("responseelements", "string"), ("resources", "array<struct<arn:string,type:string>>"),
      ("timestamp", "string"), ("custom", "int"),
    ]
    let record = try Self.write(
      [
        "e1",
        "{\"type\":\"IAMUser\",\"principalid\":null,\"sessioncontext\":{\"attributes\":{\"mfaauthenticated\":"
          + "\"true\"},\"sessionissuer\":{\"username\":null}}}",
        "true", "{\"bucketName\":\"b\",\"n\":[1,{\"x\":null}]}", "not json {", "[{\"arn\":\"arn:1\",\"type\":null}]",
        "2024/05/01", "42",
      ], columns: columns, partitions: ["timestamp"])
    let expected: [String: Any] = [
      "eventID": "e1",
      "userIdentity": ["type": "IAMUser", "sessionContext": ["attributes": ["mfaAuthenticated": "true"]]],
      "readOnly": true, "requestParameters": ["bucketName": "b", "n": [1, ["x": NSNull()]]],
      "responseElements": "not json {", "resources": [["ARN": "arn:1"]], "custom": 42,
    ]
    #expect(record == expected as NSDictionary)
  }

  @Test func structsCastAsArraysAreReadInFieldOrder() throws {
    let record = try Self.write(
      ["[\"AssumedRole\",null,[[\"false\"],[\"Admin\"]]]", "maybe", "x1"],
      columns: [
        (
          "useridentity",
          "struct<type:string,arn:string,sessioncontext:struct<attributes:struct<mfaauthenticated:string>,"
            + "sessionissuer:struct<username:string>>>"
        ), ("readonly", "string"), ("custom", "bigint"),
      ])
    let expected: [String: Any] = [
      "userIdentity": [
        "type": "AssumedRole",
        "sessionContext": ["attributes": ["mfaAuthenticated": "false"], "sessionIssuer": ["userName": "Admin"]],
      ],
      "readOnly": "maybe", "custom": "x1",
    ]
    #expect(record == expected as NSDictionary)
  }

  @Test func wholeTextValidation() {
    for valid in ["{}", "[]", " 1 ", "\"s\"", "{\"a\":[1,{\"b\":null}],\"c\":true}", "-0.5e3"] {
      #expect(JSONValidation.isValid(Array(valid.utf8)), "\(valid)")
    }
    for invalid in ["", "{", "{\"a\" 1}", "[1,]", "{}{}", "01", "[1 2]", "{\"a\":}", "nul", "\"\\x\""] {
      #expect(!JSONValidation.isValid(Array(invalid.utf8)), "\(invalid)")
    }
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    #expect(JSONValidation.isValid(Array(deep.utf8)))
  }

  @Test func lakePagesKeepTheExpectedColumnOrderWhateverRowsLeaveOut() throws {
    let object: [String: Any] = [
      "QueryStatus": "FINISHED", "NextToken": "n2",
      "QueryResultRows": [
        [["eventid": "e1"], ["eventtime": "2024-05-01 10:00:00.000"]],
        [["eventid": "e2"], ["errorcode": "Denied"], ["eventtime": "2024-05-01 11:00:00.000"], ["extra": "x"]],
      ],
    ]
    let bytes = Array(try JSONSerialization.data(withJSONObject: object))
    let page = try LakeResultsPage.read(bytes, expected: ["eventid", "errorcode", "eventtime"])
    #expect(page.columns == ["eventid", "errorcode", "eventtime", "extra"])
    #expect(page.nextToken == "n2" && page.rows.count == 2)
    #expect(
      page.rows.map { $0.map { $0.isPresent ? $0.decode(in: bytes) : "-" } }
        == [["e1", "-", "2024-05-01 10:00:00.000", "-"], ["e2", "Denied", "2024-05-01 11:00:00.000", "x"]])
    // Without the expected order, the first row decides it.
    #expect(try LakeResultsPage.read(bytes).columns == ["eventid", "eventtime", "errorcode", "extra"])
    let writer = AthenaRecordWriter(
      columns: page.columns.map { ($0, HiveType.parse($0 == "eventtime" ? "timestamp" : "string")) }, partitionKeys: [])
    var out: [UInt8] = []
    writer.append(row: page.rows[0], page: bytes, to: &out)
    #expect(String(decoding: out, as: UTF8.self) == "{\"eventID\":\"e1\",\"eventTime\":\"2024-05-01T10:00:00Z\"}\n")
  }
}
