import Foundation
import TestSupport
import Testing

/// Raw HTTP against `cloudtrail-fake`: routing, protocol limits and the fault flags.
@Suite(.enabled(if: FakeServer.binary != nil, "\(FakeServer.missingMessage)"))
struct FakeFaultTests {
  static let base = ["--demo", "--now", "1795700000", "--no-auth", "--quiet"]

  func status(_ reply: FakeHTTPClient.Reply) -> Int? {
    if case .response(let status, _, _) = reply { return status }
    return nil
  }

  func body(_ reply: FakeHTTPClient.Reply) -> String {
    if case .response(_, _, let body) = reply { return body }
    return ""
  }

  @Test func answersWithTheJSONProtocol() throws {
    let server = try FakeServer(Self.base + ["--rate", "1000"])
    let client = try FakeHTTPClient(port: server.port)
    let reply = client.call("LookupEvents", body: #"{"MaxResults":3}"#)
    guard case .response(200, let headers, let text) = reply else {
      Issue.record("unexpected \(reply)")
      return
    }
    #expect(headers["content-type"] == "application/x-amz-json-1.1")
    #expect(headers["x-amzn-requestid"]?.isEmpty == false)
    let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect((json["Events"] as? [Any])?.count == 3)
    #expect(json["NextToken"] is String)
    let unknown = client.call("DeleteTrail", body: #"{"Name":"x"}"#)
    #expect(status(unknown) == 400)
    #expect(body(unknown).contains(#""__type":"UnknownOperationException""#))
    let bad = client.call("LookupEvents", body: #"{"MaxResults":3,"StartTime":20,"EndTime":10}"#)
    #expect(body(bad).contains("InvalidTimeRangeException"))
    let attribute = client.call(
      "LookupEvents", body: #"{"LookupAttributes":[{"AttributeKey":"Color","AttributeValue":"x"}]}"#)
    #expect(body(attribute).contains("InvalidLookupAttributesException"))
    let notJSON = client.call("ListTrails", body: "{nope")
    #expect(status(notJSON) == 400)
  }

  @Test func protocolLimits() throws {
    let server = try FakeServer(Self.base)
    let chunked = try FakeHTTPClient(port: server.port)
    chunked.sendRaw("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n")
    #expect(status(chunked.readReply()) == 411)
    #expect(chunked.readReply() == .closed)
    let huge = try FakeHTTPClient(port: server.port)
    huge.sendRaw("POST / HTTP/1.1\r\nX-Big: " + String(repeating: "a", count: 40_000) + "\r\n\r\n")
    #expect(status(huge.readReply()) == 431)
    let close = try FakeHTTPClient(port: server.port)
    let reply = close.call("ListTrails", extraHeaders: ["Connection: close"])
    guard case .response(200, let headers, _) = reply else {
      Issue.record("unexpected \(reply)")
      return
    }
    #expect(headers["connection"] == "close")
    #expect(close.readReply() == .closed)
  }

  @Test func everyNthRequestFails() throws {
    let server = try FakeServer(Self.base + ["--fail-every", "3"])
    let client = try FakeHTTPClient(port: server.port)
    let replies = (1...9).map { _ in client.call("ListTrails") }
    #expect(replies.map { status($0) } == [200, 200, 500, 200, 200, 500, 200, 200, 500])
    #expect(body(replies[2]).contains(#""__type":"InternalFailure""#))
  }

  @Test func resetsTruncationGarbageAndWrongContentType() throws {
    let reset = try FakeServer(Self.base + ["--reset-every", "2"])
    let first = try FakeHTTPClient(port: reset.port)
    #expect(status(first.call("ListTrails")) == 200)
    #expect(first.call("ListTrails") == .closed)
    #expect(status(try FakeHTTPClient(port: reset.port).call("ListTrails")) == 200)

    let truncate = try FakeServer(Self.base + ["--truncate-every", "2"])
    let client = try FakeHTTPClient(port: truncate.port)
    #expect(status(client.call("ListTrails")) == 200)
    guard case .truncated(200, let partial) = client.call("ListTrails") else {
      Issue.record("expected a truncated body")
      return
    }
    #expect(!partial.isEmpty)

    let garbage = try FakeServer(Self.base + ["--garbage-every", "1"])
    let g = try FakeHTTPClient(port: garbage.port).call("ListTrails")
    #expect(status(g) == 200)
    #expect((try? JSONSerialization.jsonObject(with: Data(body(g).utf8))) == nil)

    let html = try FakeServer(Self.base + ["--wrong-content-type-every", "1"])
    guard case .response(200, let headers, _) = try FakeHTTPClient(port: html.port).call("ListTrails") else {
      Issue.record("expected a response")
      return
    }
    #expect(headers["content-type"]?.hasPrefix("text/html") == true)
  }

  @Test func throttlesLookupEventsBeyondTheRate() throws {
    let server = try FakeServer(Self.base + ["--rate", "2"])
    let client = try FakeHTTPClient(port: server.port)
    let replies = (1...6).map { _ in client.call("LookupEvents", body: #"{"MaxResults":1}"#) }
    #expect(status(replies[0]) == 200)
    #expect(status(replies[1]) == 200)
    let throttled = replies.filter { body($0).contains(#""__type":"ThrottlingException""#) }
    #expect(throttled.count >= 1)
    #expect(throttled.allSatisfy { status($0) == 400 && body($0).contains("Rate exceeded") })
    // Other operations are not rate-limited.
    #expect((1...6).allSatisfy { _ in status(client.call("ListTrails")) == 200 })
  }

  @Test func throttleBurstAfterEveryTenRequests() throws {
    let server = try FakeServer(Self.base + ["--throttle-burst", "2"])
    let client = try FakeHTTPClient(port: server.port)
    let statuses = (1...24).map { _ in status(client.call("ListTrails")) }
    let ok = Array(repeating: Optional(200), count: 10)
    #expect(statuses == ok + [400, 400] + ok + [400, 400])
  }

  @Test func deniedKeysAndExpiredTokens() throws {
    let server = try FakeServer(Self.base + ["--deny-key", "AKIDDENIED", "--expire-after", "2"])
    let client = try FakeHTTPClient(port: server.port)
    let auth = "Authorization: AWS4-HMAC-SHA256 Credential=AKIDDENIED/20261126/us-east-1/cloudtrail/aws4_request, x"
    let denied = client.call("ListTrails", extraHeaders: [auth])
    #expect(status(denied) == 403)
    #expect(body(denied).contains("AccessDeniedException"))
    let token = { (t: String) in client.call("ListTrails", extraHeaders: ["X-Amz-Security-Token: \(t)"]) }
    #expect(status(token("one")) == 200)
    #expect(status(token("one")) == 200)
    let expired = token("one")
    #expect(status(expired) == 400)
    #expect(body(expired).contains("ExpiredTokenException"))
    #expect(status(token("two")) == 200)
  }

  @Test func trailsFromAFile() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("trails-\(UUID().uuidString).json")
    defer { try? FileManager.default.removeItem(at: file) }
    let trails = """
      [{"Name":"audit","HomeRegion":"us-east-1","IsMultiRegionTrail":true,"S3BucketName":"b","IsLogging":true,
        "StartLoggingTime":1700000000,"LatestDeliveryError":"AccessDenied"},
       {"Name":"local","HomeRegion":"ap-south-1","IsLogging":false}]
      """
    try Data(trails.utf8).write(to: file)
    let server = try FakeServer(Self.base + ["--trails", file.path, "--trails-page-size", "1"])
    let client = try FakeHTTPClient(port: server.port)
    let described = body(client.call("DescribeTrails"))
    #expect(described.contains(#""Name":"audit""#) && described.contains(#""IsMultiRegionTrail":true"#))
    #expect(!described.contains(#""Name":"local""#))
    let arn = "arn:aws:cloudtrail:ap-south-1:123456789012:trail/local"
    #expect(body(client.call("DescribeTrails", body: #"{"trailNameList":["\#(arn)"]}"#)).contains(arn))
    let status = body(client.call("GetTrailStatus", body: #"{"Name":"audit"}"#))
    #expect(status.contains(#""IsLogging":true"#) && status.contains(#""StartLoggingTime":1700000000"#))
    #expect(status.contains(#""LatestDeliveryError":"AccessDenied""#))
    let firstPage = body(client.call("ListTrails"))
    #expect(firstPage.contains(#""Name":"audit""#) && firstPage.contains(#""NextToken":"#))
  }

  @Test func logsOneLinePerRequestWithoutSecrets() throws {
    let server = try FakeServer(["--demo", "--now", "1795700000", "--no-auth"])
    let client = try FakeHTTPClient(port: server.port)
    let auth = "Authorization: AWS4-HMAC-SHA256 Credential=AKIDLOGGED/20261126/us-east-1/cloudtrail/aws4_request, "
    _ = client.call("GetTrailStatus", body: #"{"Name":"nope"}"#, extraHeaders: [auth + "Signature=deadbeef"])
    server.stop()
    let line = try #require(server.log.split(separator: "\n").first { $0.contains("GetTrailStatus") })
    #expect(line.hasSuffix("GetTrailStatus 400 TrailNotFoundException AKIDLOGGED"))
    #expect(!server.log.contains("deadbeef"))
  }
}
