import CloudTrailModel
import Testing

@Suite struct TimeTextTests {
  let now: Int64 = 1_741_228_140  // 2025-03-06T02:29:00Z

  @Test func durations() {
    #expect(TimeText.duration("90m") == 5400)
    #expect(TimeText.duration("2w") == 1_209_600)
    #expect(TimeText.duration("12") == nil)
    #expect(TimeText.duration("h") == nil)
    #expect(TimeText.duration("-3d") == nil)
  }

  @Test func absoluteTimesWithOrWithoutSecondsAndZones() {
    #expect(TimeText.absolute("2025-03-06T02:29") == now)
    #expect(TimeText.absolute("2025-03-06 02:29") == now)
    #expect(TimeText.absolute("2025-03-06T02:29Z") == now)
    #expect(TimeText.absolute("2025-03-06T03:29+01:00") == now)
    #expect(TimeText.absolute("2025-03-06T02:29:00") == now)
    #expect(TimeText.absolute("2025-03-06") == now - 2 * 3600 - 29 * 60)
    #expect(TimeText.absolute("2025-03-06T25:00") == nil)
    #expect(TimeText.absolute("yesterday") == nil)
  }

  @Test func windows() throws {
    let open = try TimeText.window("2h", now: now).get()
    #expect(open.start == now - 7200 && open.end == nil)
    let closed = try TimeText.window("2025-03-06T01:00 .. now", now: now).get()
    #expect(closed.start == now - 5340 && closed.end == now)
    let relative = try TimeText.window(" 3d .. 1d ", now: now).get()
    #expect(relative.start == now - 3 * 86400 && relative.end == now - 86400)
    guard case .failure(let error) = TimeText.window("1h .. 2h", now: now) else {
      Issue.record("a start after the end was accepted")
      return
    }
    #expect(error.message == "the start (2025-03-06T01:29:00Z) is after the end (2025-03-06T00:29:00Z)")
    if case .success = TimeText.window("soon", now: now) { Issue.record("nonsense accepted") }
  }
}
