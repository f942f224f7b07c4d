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
}
