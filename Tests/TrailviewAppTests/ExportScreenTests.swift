import CloudTrailModel
import EventStore
import Foundation
import TerminalUI
import TestSupport
import Testing
import TrailviewApp

/// The export screen's flow and the clipboard copy, through `update` (the run loop's file writing is tested end to
/// end).
@Suite struct ExportScreenTests {
  let env = RenderEnvironment(theme: .color, ascii: false)

  @Test func exportAsksBeforeReplacingAndReportsTheResult() throws {
    let f = LiveFixture(width: 80, height: 24)
    _ = update(&f.state, .tick(1_764_626_400))
    f.press(.char("x"))
    guard case .export(let opened)? = f.state.screens.last else {
      Issue.record("no export screen")
      return
    }
    #expect(opened.path == "trailview-export-20251201T220000.ndjson")
    f.press(.ctrl("u"))
    f.type("out.ndjson")
    f.press(.tab)
    guard case .export(let csv)? = f.state.screens.last else { return }
    #expect(csv.format == .json && csv.path == "out.json")
    assertSnapshot(render(f.state, env: env).lines, named: "export-80x24")
    let effects = f.press(.enter)
    guard case .export(let request)? = effects.first else {
      Issue.record("no export effect: \(effects)")
      return
    }
    #expect(request.path == "out.json" && request.format == .json && !request.overwrite)
    #expect(request.rows == f.state.snapshot.visible)
    // The file exists: the screen asks, and y asks again with overwrite.
    _ = update(&f.state, .exported(request: request.request, .exists))
    #expect(render(f.state, env: env).lines.joined().contains("Replace it?"))
    let again = f.press(.char("y"))
    guard case .export(let replace)? = again.first else {
      Issue.record("no second export effect")
      return
    }
    #expect(replace.overwrite && replace.request != request.request)
    _ = update(&f.state, .exported(request: replace.request, .progress(done: 20, total: 41)))
    #expect(render(f.state, env: env).lines.joined().contains("20 / 41 events (48%)"))
    // News for an older request is ignored.
    _ = update(&f.state, .exported(request: request.request, .finished(message: "old", failed: true)))
    guard case .export(let stillWriting)? = f.state.screens.last else { return }
    #expect(stillWriting.phase == .writing(done: 20, total: 41))
    _ = update(&f.state, .exported(request: replace.request, .finished(message: "wrote 41 events", failed: false)))
    #expect(f.state.message == "wrote 41 events")
    f.press(.char("q"))  // any key closes a finished export (q does not quit here)
    #expect(f.state.screens.isEmpty && !f.state.quit)
  }

  @Test func markedExportNeedsMarks() {
    let f = LiveFixture()
    f.press(.char("x"), .backTab, .enter)
    guard case .export(let export)? = f.state.screens.last else { return }
    #expect(export.phase == .finished(message: "no marked event is visible: m marks one", failed: true))
    f.press(.escape)
    f.press(.char("m"), .down, .char("m"), .char("x"), .backTab)
    let effects = f.press(.enter)
    guard case .export(let request)? = effects.first else {
      Issue.record("no export effect")
      return
    }
    #expect(request.rows == Array(f.state.snapshot.visible.prefix(2)))
  }

  @Test func copyPutsSafePrettyJSONOnTheClipboard() throws {
    let f = LiveFixture()
    // The newest fixture event carries an escape sequence in a value.
    let effects = f.press(.char("y"))
    guard case .copy(let text)? = effects.first else {
      Issue.record("no copy effect")
      return
    }
    #expect(text.contains("\n  \"eventName\": \"StopLogging\""))
    #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    #expect(text.contains("\\u001b"))
    let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary
    let original = try JSONSerialization.jsonObject(with: Data(f.state.snapshot.record(at: 0))) as? NSDictionary
    #expect(parsed == original)
    #expect(f.state.message?.hasPrefix("copied the event's JSON") == true)
  }
}
