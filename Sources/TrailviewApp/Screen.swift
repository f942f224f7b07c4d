/// A screen on the stack above the dashboard; the top one gets the keys and is drawn over the dashboard.
public enum Screen: Sendable, Equatable {
  /// The key help, scrolled to a line.
  case help(scroll: Int)
  /// The list of files or requests that could not be read, scrolled to a line.
  case problems(scroll: Int)
  /// Counts of one field's values.
  case summary(SummaryState)
  /// Two events compared.
  case compare(CompareState)
  /// Writing events to a file.
  case export(ExportState)
  /// Choosing the time window.
  case timeWindow(TimeWindowState)
  /// The chain behind an access key.
  case trace(TraceState)
  /// Choosing the table's columns.
  case columns(ColumnsState)
  /// The detection rules' hits.
  case findings(FindingsState)

  /// The key scope of the screen (see ``AppKeys``).
  var scope: String {
    switch self {
    case .help: return "help"
    case .problems: return "problems"
    case .summary: return "summary"
    case .compare: return "compare"
    case .export: return "export"
    case .timeWindow: return "timeWindow"
    case .trace: return "trace"
    case .columns: return "columns"
    case .findings: return "findings"
    }
  }
}
