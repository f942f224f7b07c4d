import AWSClient
import ArgumentParser
import CursesBackend
import EventStore
import Foundation
import TerminalUI
import TrailviewApp

/// The interactive dashboard: the main thread owns the terminal and runs the loop.
enum Dashboard {
  /// Runs the dashboard until the user quits; `config` is the config file as `main` read it.
  static func run(filter: EventFilter, starter: SourceStarter, config loaded: TrailviewConfig.Loaded) throws {
    let inbox = Inbox()
    let rules = RulesLoader.load(starter.options)
    let store = EventStore(
      detector: rules.detector, hashingFiles: starter.options.validateEvidence, packingChunks: true
    ) { update in
      inbox.post(update)
    }
    let validation =
      starter.options.validateEvidence
      ? DashboardValidation(options: starter.options, store: store, log: starter.log) : nil
    store.addProblems(rules.problems)
    let environment = ProcessInfo.processInfo.environment
    // The table's columns: --columns, else the config file's (a broken file is noted and ignored), else the defaults.
    if let problem = loaded.problem { store.addNotice("config: \(problem)") }
    let columns = (try? starter.options.columnFields) ?? loaded.config.columns ?? TableColumns.defaults
    let terminal: CursesTerminal
    do {
      terminal = try CursesTerminal()
    } catch {
      StandardError.write("trailview: \(error)\n")
      throw ExitCode.failure
    }
    defer { terminal.shutdown() }
    let ascii = !localeIsUTF8(ProcessInfo.processInfo.environment)
    let env = RenderEnvironment(
      theme: terminal.colorMode == .none || starter.options.theme == .mono ? .mono : .color, ascii: ascii,
      localOffset: { TimeZone.current.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval($0))) },
      zoneName: { TimeZone.current.abbreviation(for: Date(timeIntervalSince1970: TimeInterval($0))) ?? "local" })
    var state = AppState(
      width: terminal.size.width, height: terminal.size.height, filter: filter, sourceLabel: starter.label,
      columns: columns)
    state.now = Int64(Date().timeIntervalSince1970)
    store.setFilter(filter)
    let questions = ScanQuestions(inbox: inbox)
    var sources = starter.start(store, approval: questions.ask)
    var bucketReader: S3Client? = starter.s3
    let followSeconds = starter.options.followEvery ?? Options.defaultFollowSeconds
    if starter.options.paths.contains("lake://"), let lake = starter.lake { LakeChoice.list(lake, to: inbox) }
    if starter.options.follow {
      state.following = true
      for source in sources { source.follow(every: followSeconds) }
    }
    let background = DispatchQueue(label: "trailview.queries", qos: .userInitiated)
    var dirty = true
    var lastTick: Int64 = 0
    while !state.quit && !terminal.quitRequested {
      if dirty {
        terminal.draw(render(state, env: env))
        dirty = false
      }
      var messages: [Msg] = []
      if let key = terminal.readKey(timeoutMilliseconds: 40) {
        if key == .resize {
          let size = terminal.size
          messages.append(.resize(width: size.width, height: size.height))
        } else {
          messages.append(.key(key))
        }
      } else if terminal.syncSize() {
        let size = terminal.size
        messages.append(.resize(width: size.width, height: size.height))
      }
      messages += inbox.drain()
      let now = Int64(Date().timeIntervalSince1970)
      if now != lastTick {
        lastTick = now
        messages.append(.tick(now))
      }
      for message in messages {
        for effect in update(&state, message) {
          switch effect {
          case .setFilter(let filter):
            store.setFilter(filter)
            for source in sources { source.start(filter: filter) }
          case .needMore: for source in sources { source.needMore() }
          case .loadAll: for source in sources { source.loadAll() }
          case .refreshTrails: starter.refreshTrails(store)
          case .openBucket(let bucket, let prefix):
            do {
              let client = try bucketReader ?? SourceStarter.s3Client(starter.options, log: starter.log)
              bucketReader = client
              let source = S3Source(
                bucket: bucket, prefix: prefix, client: client,
                window: (state.filter.startTime, state.filter.endTime ?? Int64(Date().timeIntervalSince1970)),
                into: store, maxFileBytes: max(1, starter.options.maxFileMB) << 20)
              source.start(filter: state.filter)
              sources.append(source)
            } catch {
              inbox.post(Msg.note("cannot read s3://\(bucket): \(error)"))
            }
          case .openLogGroup(let group):
            do {
              let (name, region) = LogGroupSource.arn(group) ?? (group, nil)
              let client = try SourceStarter.logsClient(starter.options, region: region, log: starter.log)
              let source = LogGroupSource(
                group: name, client: client, window: (state.filter.startTime, state.filter.endTime), into: store)
              source.start(filter: state.filter)
              if state.following { source.follow(every: followSeconds) }
              sources.append(source)
            } catch {
              inbox.post(Msg.note("cannot read cwl://\(group): \(error)"))
            }
          case .follow(let on):
            for source in sources { source.follow(every: on ? followSeconds : nil) }
          case .count(let field, let request):
            let snapshot = state.snapshot
            background.async {
              let counts = snapshot.counts(of: field, limit: SummaryState.limit)
              inbox.post(Msg.counted(request: request, counts: counts, events: snapshot.count))
            }
          case .copy(let text): terminal.copyToClipboard(text)
          case .saveColumns(let chosen):
            do {
              try TrailviewConfig.save(columns: chosen, environment: environment)
              inbox.post(Msg.note("columns saved to \(TrailviewConfig.path(environment: environment))"))
            } catch {
              inbox.post(Msg.note("could not save the columns: \(error)"))
            }
          case .export(let request):
            let snapshot = state.snapshot
            background.async {
              ExportRunner.run(request, snapshot: snapshot) { inbox.post(Msg.exported(request: request.request, $0)) }
            }
          case .answerScan(let request, let approved): questions.answer(request, approved: approved)
          case .cancelQueries: for source in sources { source.cancel() }
          case .openStore(let arn):
            guard let lake = starter.lake else { break }
            let now = Int64(Date().timeIntervalSince1970)
            let end = state.filter.endTime ?? now
            let source = QuerySource(
              engine: LakeEngine(store: arn, client: lake), window: (state.filter.startTime ?? end - 86_400, end),
              into: store, approval: starter.options.yes ? SourceStarter.approveAll : questions.ask)
            source.start(filter: state.filter)
            sources.append(source)
          case .quit: state.quit = true
          }
        }
        dirty = true
      }
      if !messages.isEmpty { validation?.observe(state.snapshot) }
    }
    // A query still running on AWS is stopped before leaving (it would go on scanning, and costing, without us).
    for source in sources { source.cancel(waitingUpTo: 3) }
    starter.log.say(1, DiagnosticLog.summary(state.snapshot))
    for problem in state.snapshot.progress.problems { starter.log.say(1, "\(problem.source): \(problem.reason)") }
  }
}

/// True when the user's locale (LC_ALL, else LC_CTYPE, else LANG) says UTF-8; otherwise the screen uses ASCII
/// lines and markers, since the terminal may not show UTF-8.
func localeIsUTF8(_ environment: [String: String]) -> Bool {
  let locale =
    [environment["LC_ALL"], environment["LC_CTYPE"], environment["LANG"]].compactMap { $0 }.first { !$0.isEmpty } ?? ""
  let lower = locale.lowercased()
  return lower.contains("utf-8") || lower.contains("utf8")
}
