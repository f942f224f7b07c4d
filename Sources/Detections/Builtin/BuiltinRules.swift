/// trailview's own detection rules, written for this project (not copied from SigmaHQ), compiled into the binary so
/// that one file is all there is to copy. Each is a Sigma rule for `product: aws, service: cloudtrail` with a title,
/// an id, a level, ATT&CK tags, a description and false positives; the tests hold a real-shaped positive and a near
/// miss for each.
public enum BuiltinRules {
  /// Every built-in rule: a short name (`cloudtrail-logging-stopped`) and its YAML.
  public static var all: [(name: String, yaml: String)] {
    defenseEvasion + persistence + privilegeEscalation + credentialAccess + discovery + exfiltration + execution
      + initialAccess + lateralMovement + impact + bursts
  }

  /// The built-in rules, compiled (sources `builtin:NAME`).
  public static func load() -> RuleSet {
    var set = RuleSet()
    for (name, yaml) in all { set.add(yaml, source: "builtin:\(name)") }
    set.resolveCorrelations()
    return set
  }
}
