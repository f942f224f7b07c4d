import ArgumentParser
import CloudTrailModel
import EventStore
import Foundation
import TrailviewApp

/// Output formats for `--print`.
enum PrintFormat: String, ExpressibleByArgument, CaseIterable {
  case ndjson, json, csv, table
}

/// The command line, shared by the dashboard and print mode.
struct Options: ParsableArguments {
  @Argument(
    help:
      "CloudTrail log files or folders (read recursively: .json, .json.gz, .jsonl, .ndjson), a trail's bucket read in place (s3://BUCKET/PREFIX), a trail's CloudWatch Logs group (cwl://LOG_GROUP), a CloudTrail table in Athena (athena://DATABASE.TABLE), or a CloudTrail Lake event data store (lake://ID or ARN; lake:// lists them)."
  )
  var paths: [String] = []

  @Flag(help: "Browse the built-in demo account (no AWS needed).")
  var demo = false

  @Flag(name: .customLong("print"), help: "No screen: print matching events to stdout, newest first.")
  var printMode = false

  @Option(
    help: """
      Print format: ndjson (one original record per line, the default), json ({"Records":[...]}), csv, table (the \
      default with --columns or --summary). With --trails: table (the default), json ({"trailList":[...]}), ndjson \
      (one trail per line), csv.
      """)
  var format: PrintFormat?

  @Option(help: "Only events by this user (ignores case; * and ? are wildcards).")
  var user: String?

  @Option(name: .customLong("event-name"), help: "Only events with this name (ignores case; * and ? wildcards).")
  var eventName: String?

  @Option(name: .customLong("read-only"), help: "true: only read-only calls; false: only writes.")
  var readOnly: Bool?

  @Option(help: "Only events whose record contains this text (ignores case).")
  var search: String?

  /// Every `--where` expression, as typed.
  @Option(
    name: .customLong("where"),
    help: ArgumentHelp(
      "Only events where EXPR holds: FIELD=VALUE, FIELD!=VALUE, FIELD~TEXT (contains) or FIELD? (has a value). "
        + "FIELD is a field (\(fieldNames)) or any JSON path such as requestParameters.bucketName. Values ignore "
        + "case; = and != take * and ? wildcards. Repeatable: several = on one field are ORed, the rest ANDed.",
      valueName: "expr"))
  var wheres: [String] = []

  @Option(
    help:
      "Only events newer than this: a whole number and a unit, s (seconds), m (minutes), h (hours), d (days) or w (weeks), such as 90m, 12h, 7d."
  )
  var since: String?

  @Option(
    name: .customLong("start-time"),
    help: "Only events at or after this ISO 8601 time, seconds optional (2025-03-06T02:29; UTC if no offset).")
  var startTime: String?

  @Option(
    name: .customLong("end-time"),
    help: "Only events at or before this ISO 8601 time, seconds optional (UTC if no offset).")
  var endTime: String?

  /// `--columns`, as typed (``columnFields`` has them parsed).
  @Option(
    help: ArgumentHelp(
      "For --format table (the default with --columns) or csv: the columns, field names separated by commas "
        + "(default: the \"columns\" of $XDG_CONFIG_HOME/trailview/config.toml, else of "
        + "~/.config/trailview/config.toml, "
        + "else \(TableColumns.defaults.map(\.name).joined(separator: ", "))); also level and rules, what the "
        + "detection rules found.",
      valueName: "fields"))
  var columns: String?

  /// `--summary`, as typed (``summaryField`` has it parsed).
  @Option(
    help: ArgumentHelp(
      "Print the values of FIELD among the matching events instead of the events, most frequent first, with count "
        + "and share (--format table, the default here, json, ndjson or csv).",
      valueName: "field"))
  var summary: String?

  @Option(
    name: .customLong("athena-workgroup"),
    help: "For athena:// tables: the Athena workgroup queries run in (default: the account's primary).")
  var athenaWorkgroup: String?

  @Option(
    name: .customLong("athena-output"),
    help: "For athena:// tables: where Athena writes query results, s3://BUCKET/PREFIX (default: the workgroup's).")
  var athenaOutput: String?

  @Flag(
    help: """
      Run queries that AWS charges for by data scanned (athena://, lake://) without asking first; print mode needs it \
      when it cannot ask on a terminal.
      """)
  var yes = false

  @Option(help: "AWS profile for the live API (else AWS_PROFILE, else default).")
  var profile: String?

  /// Every `--region` given, as typed (``regionList`` splits and de-duplicates them).
  @Option(
    name: .customLong("region"),
    help: """
      AWS region for the live API (else AWS_REGION, AWS_DEFAULT_REGION, the profile's region). Several regions are \
      read in parallel: --region us-east-1,eu-west-1, a repeated --region, or --region all (the regions enabled for \
      the account).
      """)
  var regions: [String] = []

  /// The regions asked for, in order, each once (empty: the default region).
  var regionList: [String] {
    var seen = Set<String>()
    return regions.flatMap { $0.split(separator: ",") }.map { String($0.filter { $0 != " " }) }
      .filter { !$0.isEmpty && seen.insert($0).inserted }
  }

  /// The first region asked for, if any.
  var region: String? { regionList.first }

  @Flag(
    help: """
      Insights events only (unusual call or error rates): the live API asks for EventCategory insight, log trees \
      show the events of their CloudTrail-Insight files. The same as --where eventCategory=Insight; I switches it in \
      the dashboard.
      """)
  var insights = false

  @Flag(
    help: """
      Follow: after the first load, look for new events every --follow-every seconds (LookupEvents for the newest \
      minutes; new files in log folders) and mark them; A in the dashboard switches it. With --print, new events are \
      printed as they arrive until interrupted.
      """)
  var follow = false

  @Option(
    name: .customLong("follow-every"),
    help: "Seconds between looks for new events when following (default: the config file's follow-every, else 30).")
  var followEvery: Int?

  /// How often following looks when nothing says otherwise.
  static let defaultFollowSeconds = 30

  @Option(
    name: .customLong("rules"),
    help: """
      A folder or file of Sigma rules (YAML, logsource aws/cloudtrail) to check every event against, beside the \
      built-in pack (repeatable). Rules that cannot be used are named and skipped.
      """)
  var ruleFolders: [String] = []

  @Flag(name: .customLong("no-builtin-rules"), help: "Do not use trailview's built-in detection rules.")
  var noBuiltinRules = false

  @Flag(help: "With --print: the detection rules' hits (rule, level, count) instead of events.")
  var findings = false

  @Flag(
    name: .customLong("validate"),
    help:
      "For local copies of a trail's bucket or s3:// URLs: check the digest files' signatures and chain and each log file's SHA-256. The dashboard marks events from files that are not valid and lists what was altered among the problems (p); --print writes a report, then those events (exit status 3 when evidence is invalid)."
  )
  var validateEvidence = false

  @Option(
    name: .customLong("public-keys"),
    help:
      "With --validate: CloudTrail's public keys, as `aws cloudtrail list-public-keys` prints them (for s3:// buckets trailview asks ListPublicKeys in each digest's region when this is not given)."
  )
  var publicKeysFile: String?

  @Flag(help: "With --print: only events a detection rule flagged (the table and CSV add their level and rules).")
  var flagged = false

  @Flag(
    name: .customLong("no-cache"),
    help: "Do not read or write the local cache of fetched events (live API).")
  var noCache = false

  @Option(
    name: .customLong("cache-dir"),
    help: """
      The local cache's folder (default $XDG_CACHE_HOME/trailview, else ~/.cache/trailview): fetched events per \
      partition, account and region, so that reopening shows them at once and asks only for what is new.
      """)
  var cacheDir: String?

  @Option(
    name: .customLong("endpoint-url"),
    help: "Endpoint for the live API, or for S3 with s3:// paths (for example a local fake or emulator).")
  var endpointURL: String?

  @Flag(name: .customLong("trails"), help: "With --print and the live API: print the trails instead of events.")
  var printTrails = false

  @Option(name: .customLong("max-file-mb"), help: "Largest decompressed size of one file, in MiB.")
  var maxFileMB: Int = 1024

  @Flag(
    name: .shortAndLong,
    help:
      "More detail on stderr, or in --log: -v the source, where credentials came from, notes and a summary; -vv every API request too."
  )
  var verbose: Int

  @Option(
    name: .customLong("log"),
    help: "Write the log to this file, mode 0600 (at least -v; the dashboard needs this for -v).")
  var logFile: String?

  @Option(
    help: "The dashboard's look: auto (colours unless NO_COLOR is set or the terminal has none) or mono (never).")
  var theme: ThemeChoice?

  @Flag(
    name: .customLong("print-config"),
    help:
      "Print the settings in effect, from the command line, the environment, the config file or the defaults, with where each came from, and exit."
  )
  var printConfig = false

  @Flag(name: .customLong("keys-markdown"), help: .hidden)
  var keysMarkdown = false

  @Option(name: .customLong("demo-page-ms"), help: .hidden)
  var demoPageMilliseconds: Int?

  /// The format events (or their summary) are printed in: `--format`, else a table for --summary and --columns,
  /// else NDJSON.
  var eventFormat: PrintFormat {
    format ?? (summary != nil || columns != nil || findings ? .table : .ndjson)
  }

  /// Refuses what parsing lets through: a malformed `--where`; an unknown field in `--columns` or `--summary`, either
  /// of them without `--print`, or with a format or another option they do not go with.
  func validate() throws {
    _ = try columnFields
    _ = try summaryField
    _ = try wherePredicates
    if !printMode && summary != nil {
      throw ValidationError("--summary works with --print (the dashboard has its summary screen: s)")
    }
    if columns != nil {
      if summary != nil { throw ValidationError("--columns and --summary do not go together") }
      if printTrails { throw ValidationError("--columns is for events, not --trails") }
      if let format, format != .table && format != .csv {
        throw ValidationError("--columns works with --format table or csv (\(format.rawValue) has whole records)")
      }
    }
    if summary != nil && printTrails { throw ValidationError("--summary is for events, not --trails") }
    if let followEvery, !(1...3600).contains(followEvery) {
      throw ValidationError("--follow-every takes 1 to 3600 seconds, not \(followEvery)")
    }
    if follow && (printTrails || summary != nil) {
      throw ValidationError("--follow is for events, not --trails or --summary")
    }
    if follow && printMode && format != nil && format != .ndjson {
      throw ValidationError(
        "--print --follow writes NDJSON, one event per line as it arrives (not --format \(format!.rawValue))")
    }
    if (findings || flagged) && !printMode { throw ValidationError("--findings and --flagged go with --print") }
    if validateEvidence && paths.isEmpty {
      throw ValidationError("--validate needs a local copy of a trail's bucket or an s3:// URL")
    }
    if findings && (flagged || summary != nil || columns != nil) {
      throw ValidationError("--findings lists rules: not with --flagged, --summary or --columns")
    }
    if findings, let format, format == .csv { throw ValidationError("--findings writes a table, json or ndjson") }
    if noCache && cacheDir != nil { throw ValidationError("--no-cache and --cache-dir do not go together") }
    if follow && (endTime != nil) { throw ValidationError("--follow needs an open time window: drop --end-time") }
    for path in paths where path.hasPrefix("athena://") {
      guard AthenaEngine.parse(path) != nil else {
        throw ValidationError("\(path): an Athena table is athena://DATABASE.TABLE")
      }
      if follow { throw ValidationError("--follow does not go with athena:// tables (a query answers once)") }
    }
    for path in paths where path.hasPrefix("lake://") {
      guard LakeEngine.parse(path) != nil else {
        throw ValidationError(
          "\(path): an event data store is lake://ID or lake://ARN (the ID: letters, digits and -), or lake:// to list them"
        )
      }
      if follow { throw ValidationError("--follow does not go with lake:// stores (a query answers once)") }
    }
    if let athenaOutput, !athenaOutput.hasPrefix("s3://") {
      throw ValidationError("--athena-output takes an s3://BUCKET/PREFIX location, not \(athenaOutput)")
    }
  }

  /// The filter the flags describe; throws a usage error for malformed times.
  func filter(now: Int64) throws -> EventFilter {
    var start: Int64?
    var end: Int64?
    if let since {
      guard let seconds = TimeText.duration(since) else {
        throw ValidationError(
          "--since takes a whole number and a unit, s, m, h, d or w, such as 90m, 12h or 7d (got \"\(since)\")")
      }
      start = now - seconds
    }
    if let startTime {
      guard let t = TimeText.absolute(startTime) else {
        throw ValidationError("--start-time is not an ISO 8601 time: \(startTime)")
      }
      start = max(start ?? t, t)
    }
    if let endTime {
      guard let t = TimeText.absolute(endTime) else {
        throw ValidationError("--end-time is not an ISO 8601 time: \(endTime)")
      }
      end = t
    }
    let readWrite: ReadWriteFilter = readOnly.map { $0 ? .readsOnly : .writesOnly } ?? .all
    var filter = EventFilter(
      user: user, eventName: eventName, readWrite: readWrite, search: search, startTime: start, endTime: end)
    filter.predicates += try wherePredicates
    if insights { filter.setEquals(.field(.eventCategory), "Insight") }
    return filter
  }
}
