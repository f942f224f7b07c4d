import Foundation
import Synchronization
import Testing

@testable import AWSClient

/// Clock-skew correction: the server's `Date` header is adopted once, for every later request.
@Suite struct ClockSkewTests {
  static let localNow: Int64 = 1_714_558_830

  @Test func httpDateRoundTripAndKnownValue() {
    #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == 784_111_777)
    #expect(HTTPDate.format(784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
    for seconds: Int64 in [0, 951_782_400, 1_714_558_830, 4_102_444_799] {
      #expect(HTTPDate.parse(HTTPDate.format(seconds)) == seconds)
    }
    // Only IMF-fixdate within years 1970...9999: the header comes from the network.
    for bad in [
      "", "Sun, 06 Nov 1994 08:49 GMT", "Sun, 32 Nov 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT",
      "2024-05-01T10:20:30Z", "-9223372036854775807", "9223372036854775807",
      "Thu, 01 Jan 9999999999999999 00:00:00 GMT",
      "Thu, 01 Jan 1969 00:00:00 GMT", "Thu, 01 Jan 10000 00:00:00 GMT",
    ] {
      #expect(HTTPDate.parse(bad) == nil, "\(bad)")
    }
  }

  /// A server whose clock is `skew` seconds ahead: it rejects requests signed more than 5 minutes off.
  static func skewedServer(_ skew: Int64) -> FakeTransport {
    FakeTransport { request, _ in
      let serverNow = localNow + skew
      let stamp = request.header("x-amz-date").flatMap(SigV4.parseAmzDate) ?? 0
      let date = ["Date": HTTPDate.format(serverNow)]
      if abs(stamp - serverNow) > 300 {
        return jsonResponse(
          400,
          #"{"__type":"InvalidSignatureException","message":"Signature expired: 20240501T102030Z is now earlier than 20240501T103530Z"}"#,
          headers: date)
      }
      return jsonResponse(200, #"{"Events":[]}"#, headers: date)
    }
  }

  @Test(arguments: [Int64(900), -3600])
  func skewIsCorrectedOnceAndRemembered(skew: Int64) async throws {
    let transport = Self.skewedServer(skew)
    let client = CloudTrailClient(
      region: "us-east-1", credentials: .fixed(FakeKeys.credentials), transport: transport,
      clock: { Self.localNow })
    let notices = Mutex<[String]>([])
    client.setNoticeHandler { notice in notices.withLock { $0.append(notice) } }
    for _ in 0..<3 {
      let result = await awaitCompletion { done in client.lookupEventsPage(LookupEventsRequest(), completion: done) }
      #expect(throws: Never.self) { try result.get() }
    }
    // One rejected request, its retry, then two requests signed with the server's time at once.
    let stamps = transport.sent.map { $0.request.header("x-amz-date").flatMap(SigV4.parseAmzDate) }
    #expect(stamps == [Self.localNow, Self.localNow + skew, Self.localNow + skew, Self.localNow + skew])
    #expect(client.clockOffset.seconds == skew)
    let expected = skew > 0 ? "about 15 min behind AWS" : "about 60 min ahead of AWS"
    #expect(notices.withLock { $0.count } == 1)
    #expect(notices.withLock { $0.first?.contains(expected) } == true)
  }

  @Test func aRejectionWithoutAUsableDateIsFinalAndExplained() async {
    let transport = FakeTransport { _, _ in
      jsonResponse(400, #"{"__type":"InvalidSignatureException","message":"Signature expired: too old"}"#)
    }
    let client = CloudTrailClient(
      region: "us-east-1", credentials: .fixed(FakeKeys.credentials), transport: transport,
      clock: { Self.localNow })
    let result = await awaitCompletion { done in client.lookupEventsPage(LookupEventsRequest(), completion: done) }
    guard case .failure(let error) = result else {
      Issue.record("expected the skew error")
      return
    }
    #expect(error.isClockSkew)
    #expect(error.explanation.contains("clock"))
    #expect(transport.sent.count == 1)
    #expect(client.clockOffset.seconds == 0)
  }

  @Test(arguments: [(Int64(0), 1), (900, 2)])
  func aServerThatKeepsRejectingIsAskedAtMostTwice(serverSkew: Int64, requests: Int) async {
    // With a Date header equal to the local clock there is nothing to correct; otherwise one corrected retry.
    let transport = FakeTransport { _, _ in
      jsonResponse(
        400, #"{"__type":"InvalidSignatureException","message":"Signature expired"}"#,
        headers: ["Date": HTTPDate.format(Self.localNow + serverSkew)])
    }
    let client = CloudTrailClient(
      region: "us-east-1", credentials: .fixed(FakeKeys.credentials), transport: transport,
      clock: { Self.localNow })
    _ = await awaitCompletion { done in client.lookupEventsPage(LookupEventsRequest(), completion: done) }
    #expect(transport.sent.count == requests)
  }

  @Test(arguments: [
    "-9223372036854775807", "Thu, 01 Jan 9999999999999999 00:00:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT",
  ])
  func hostileDateHeadersNeverCrashOrSkewTheClockAbsurdly(date: String) async {
    let transport = FakeTransport { _, _ in
      jsonResponse(
        400, #"{"__type":"InvalidSignatureException","message":"Signature expired"}"#, headers: ["Date": date])
    }
    let client = CloudTrailClient(
      region: "us-east-1", credentials: .fixed(FakeKeys.credentials), transport: transport,
      clock: { Self.localNow })
    _ = await awaitCompletion { done in client.lookupEventsPage(LookupEventsRequest(), completion: done) }
    #expect(transport.sent.count == 1)
    #expect(client.clockOffset.seconds == 0)
  }

  @Test func assumeRoleAdoptsSTSClockAndSharesItWithTheClient() async throws {
    // STS is 20 minutes ahead: it rejects the first AssumeRole (SignatureDoesNotMatch, "Signature expired"), the
    // chain adopts its clock and asks again; the CloudTrail client signs with the same offset from its first request.
    let home = TempHome()
    home.write(
      ".aws/config", "[profile reader]\nrole_arn = arn:aws:iam::111122223333:role/Reader\nsource_profile = base\n")
    home.write(".aws/credentials", "[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = basesecret\n")
    let stsNow = CredentialChainRemoteTests.now + 1200
    let sts = FakeTransport { request, _ in
      let stamp = request.header("x-amz-date").flatMap(SigV4.parseAmzDate) ?? 0
      let date = ["Date": HTTPDate.format(stsNow)]
      if abs(stamp - stsNow) > 300 {
        return jsonResponse(
          403,
          "<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code><Message>Signature expired: 20240501T102030Z is "
            + "now earlier than 20240501T103530Z</Message></Error></ErrorResponse>", headers: date)
      }
      return jsonResponse(200, CredentialChainRemoteTests.assumeRoleXML, headers: date)
    }
    var chain = CredentialChainTests.chain(home, profile: "reader", transport: sts)
    let offset = ClockOffset()
    chain.clockOffset = offset
    let notices = Mutex<[String]>([])
    let found = try chain.resolve()
    #expect(found.accessKeyId == "ASIAROLE")
    #expect(sts.sent.count == 2)
    #expect(offset.seconds == 1200)
    let cloudTrail = FakeTransport { _, _ in jsonResponse(200, #"{"Events":[]}"#) }
    let client = CloudTrailClient(
      region: "us-east-1", credentials: .fixed(found), transport: cloudTrail,
      clock: { CredentialChainRemoteTests.now }, clockOffset: offset)
    // The notice of a correction made before the handler was set still arrives.
    client.setNoticeHandler { notice in notices.withLock { $0.append(notice) } }
    _ = await awaitCompletion { done in client.lookupEventsPage(LookupEventsRequest(), completion: done) }
    #expect(cloudTrail.sent.first?.request.header("x-amz-date").flatMap(SigV4.parseAmzDate) == stsNow)
    #expect(
      notices.withLock { $0 } == ["the local clock is about 20 min behind AWS; requests are signed with AWS's time"])
  }
}
