import AWSClient
import EventStore
import Testing

@Suite struct PagingMachineTests {
  let template = LookupEventsRequest(startTime: 100, endTime: 200)

  func page(_ token: String?) -> LookupEventsResponse { LookupEventsResponse(events: [], nextToken: token) }

  @Test func pacesRequestsAndKeepsEndTimeFixed() {
    var machine = PagingMachine(template: template, minIntervalMilliseconds: 500)
    #expect(machine.start(now: 0) == .send(template, delayMilliseconds: 0))
    var expected = template
    expected.nextToken = "t1"
    // The page came back after 120 ms: the next request waits until 500 ms after the first.
    #expect(machine.received(page("t1"), now: 120) == .send(expected, delayMilliseconds: 380))
    expected.nextToken = "t2"
    #expect(machine.received(page("t2"), now: 1200) == .send(expected, delayMilliseconds: 0))
    #expect(machine.received(page(nil), now: 1300) == .finish)
    #expect(machine.pages == 3)
  }

  @Test func stopsOnRepeatedToken() {
    var machine = PagingMachine(template: template, minIntervalMilliseconds: 0)
    _ = machine.start(now: 0)
    _ = machine.received(page("same"), now: 10)
    #expect(machine.received(page("same"), now: 20) == .finish)
  }

  @Test func backsOffOnThrottlingAndGivesUpOnOtherErrors() {
    var machine = PagingMachine(template: template, minIntervalMilliseconds: 500, maxAttempts: 3)
    _ = machine.start(now: 0)
    let throttle = LookupError(code: "ThrottlingException", message: "Rate exceeded")
    guard case .send(let retry, let delay) = machine.failed(throttle, now: 100, jitter: 0) else {
      Issue.record("expected a retry")
      return
    }
    #expect(retry == template)
    #expect(delay >= 500)
    guard case .send(_, let longer) = machine.failed(throttle, now: 2000, jitter: 0.99) else {
      Issue.record("expected a second retry")
      return
    }
    #expect(longer > delay)
    if case .fail(let message) = machine.failed(throttle, now: 9000, jitter: 0) {
      #expect(message.contains("ThrottlingException"))
    } else {
      Issue.record("expected to give up after maxAttempts")
    }
    var other = PagingMachine(template: template)
    _ = other.start(now: 0)
    let denied = LookupError(code: "AccessDeniedException", message: "no")
    #expect(other.failed(denied, now: 10, jitter: 0) == .fail("AccessDeniedException: no"))
  }

  func event(_ id: String, _ time: Int64) -> LookupEvent {
    LookupEvent(
      eventId: id, eventName: "Get", readOnly: "true", accessKeyId: nil, eventTime: time,
      eventSource: "s3.amazonaws.com",
      username: "alice", resources: [], cloudTrailEvent: "{}")
  }

  @Test func rejectedNextTokenRestartsAtTheOldestSecondWithoutDuplicates() {
    var machine = PagingMachine(template: template, minIntervalMilliseconds: 0)
    _ = machine.start(now: 0)
    // The first page ends inside second 150: "c" was delivered, "d" (same second) was not yet.
    let first = LookupEventsResponse(events: [event("a", 190), event("b", 150), event("c", 150)], nextToken: "t1")
    #expect(machine.unseen(first) == first)
    _ = machine.received(first, now: 10)
    let invalid = LookupError(code: "InvalidNextTokenException", message: "Invalid NextToken")
    var restarted = template
    restarted.endTime = 150
    #expect(machine.failed(invalid, now: 20, jitter: 0) == .send(restarted, delayMilliseconds: 0))
    #expect(machine.restarts == 1)
    // The restarted query brings second 150 again: only "d" is new.
    let again = LookupEventsResponse(
      events: [event("c", 150), event("b", 150), event("d", 150), event("e", 120)], nextToken: nil)
    #expect(machine.unseen(again).events.map(\.eventId) == ["d", "e"])
    #expect(machine.received(again, now: 30) == .finish)
  }

  @Test func rejectedTokensGiveUpAfterMaxAttemptsAndAFirstRequestIsNotRestarted() {
    var machine = PagingMachine(template: template, minIntervalMilliseconds: 0, maxAttempts: 3)
    let invalid = LookupError(code: "InvalidNextTokenException", message: "Invalid NextToken")
    _ = machine.start(now: 0)
    // No token was sent: the service's complaint is final.
    #expect(machine.failed(invalid, now: 1, jitter: 0) == .fail("InvalidNextTokenException: Invalid NextToken"))
    // A service that keeps rejecting the token at the same place: restarts stop after maxAttempts.
    var paging = PagingMachine(template: template, minIntervalMilliseconds: 0, maxAttempts: 3)
    _ = paging.start(now: 0)
    var restarted = template
    restarted.endTime = 180
    var outcomes: [PagingMachine.Action] = []
    for step in 0..<4 {
      _ = paging.received(LookupEventsResponse(events: [event("a", 180)], nextToken: "t\(step)"), now: step * 10)
      outcomes.append(paging.failed(invalid, now: step * 10 + 5, jitter: 0))
    }
    #expect(
      Array(outcomes.prefix(2)) == [.send(restarted, delayMilliseconds: 0), .send(restarted, delayMilliseconds: 0)])
    if case .fail(let message) = outcomes[2] {
      #expect(message.contains("3 restarts at the same time"))
    } else {
      Issue.record("expected to give up, got \(outcomes[2])")
    }
  }
}
