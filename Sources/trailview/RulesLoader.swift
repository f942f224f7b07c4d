import Detections
import EventStore

/// The detection rules a run checks events against: the built-in pack (unless `--no-builtin-rules`) and the files
/// of `--rules`; and the rule files that could not be used, as problems naming them.
enum RulesLoader {
  static func load(_ options: Options) -> (detector: Detector?, problems: [LoadProblem]) {
    var set = options.noBuiltinRules ? RuleSet() : BuiltinRules.load()
    if !options.ruleFolders.isEmpty {
      let extra = RuleSet.load(options.ruleFolders)
      set.rules += extra.rules
      set.problems += extra.problems
    }
    set.resolveCorrelations()
    let problems = set.problems.map { LoadProblem(source: $0.source, reason: "rule skipped: \($0.reason)") }
    return (set.rules.isEmpty ? nil : Detector(set.rules), problems)
  }
}
