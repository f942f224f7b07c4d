/// AWS's own `readOnly` marking for event names it is known for, used for records that lack the field (older event
/// versions, console sign-ins, some service calls) before the event-name prefix rule of ``ReadOnlyInference``.
///
/// Each entry is what AWS writes in records of that `eventSource` + `eventName` that do carry `readOnly`, with where
/// that was seen. Only names with such evidence are listed; an entry is worth having when the prefix rule gets the
/// name wrong (AssumeRole, KMS's cryptographic calls) or when the name often comes without `readOnly` (AssumeRole,
/// ConsoleLogin). Values taken from here are still flagged ``EventFlags/inferred``: they did not come from the record.
///
/// Evidence sources, checked 2026-12-01:
/// - samples: the shared samples (`shared/samples`: cloud-snitch's delivered log files, panther-analysis' test
///   records, the CloudTrail User Guide's examples), counted once per distinct record; the conformance test
///   `ReadOnlyMarkingTests.samplesAgreeWithTheTable` checks every entry against every sample record that has
///   `readOnly`.
/// - docs: the AWS documentation's example records (AWS KMS Developer Guide, "Logging AWS KMS API calls with AWS
///   CloudTrail": Encrypt, Decrypt and GenerateDataKey examples; the Secrets Manager, Amazon Keyspaces and ACM guides'
///   KMS examples), all `"readOnly": true`.
///
/// Left out for want of checkable evidence of AWS's own marking: `AssumeRoleWithSAML`, `AssumeRoleWithWebIdentity`,
/// `GetSessionToken` and `GetFederationToken` (no sample record of them carries the field, AWS's documented
/// examples predate it, and the few hand-written public examples found disagree), the console sign-in steps
/// `CheckMfa`, `GetSigninToken`, `PasswordUpdated`, and four panther-analysis test records whose marking contradicts
/// AWS's documentation (StartLogging `true`, DescribeTrail `false`, ...). Those keep the prefix rule.
enum ReadOnlyMarking {
  /// One event name's marking.
  struct Entry: Sendable {
    /// `eventSource`, such as `sts.amazonaws.com`.
    var source: String
    /// `eventName`.
    var name: String
    /// AWS's `readOnly` for it.
    var readOnly: Bool
  }

  /// The table (see the type's comment for the sources).
  static let entries: [Entry] = [
    // samples: 4 distinct sts AssumeRole records carry readOnly, all true (cloud-snitch 2, panther-analysis 2, one of
    // them as the string "True", which the scanner does not take); the others are eventVersion 1.05 or older shapes
    // without it. The prefix rule would call it a write. (signin.amazonaws.com's AssumeRole, a console step, is
    // marked false in panther-analysis: a different event, not in the table.)
    Entry(source: "sts.amazonaws.com", name: "AssumeRole", readOnly: true),
    // samples: panther-analysis 1 true (3 more without the field). The prefix rule agrees.
    Entry(source: "sts.amazonaws.com", name: "GetCallerIdentity", readOnly: true),
    // samples: 5 distinct records true (cloud-snitch 2, panther-analysis 3); docs: KMS Developer Guide.
    Entry(source: "kms.amazonaws.com", name: "Decrypt", readOnly: true),
    // docs: KMS Developer Guide's Encrypt example, ACM User Guide's private-key example.
    Entry(source: "kms.amazonaws.com", name: "Encrypt", readOnly: true),
    // docs: KMS Developer Guide's alias example; Secrets Manager, Amazon Keyspaces, Network Firewall guides.
    Entry(source: "kms.amazonaws.com", name: "GenerateDataKey", readOnly: true),
    // samples: panther-analysis 3 true. The prefix rule would call it a write.
    Entry(source: "rds.amazonaws.com", name: "DownloadDBLogFilePortion", readOnly: true),
    // samples: panther-analysis 5 distinct eventVersion 1.08 records false; the User Guide's 1.05 examples and the
    // AWS CLI's lookup-events example lack the field. The prefix rule agrees.
    Entry(source: "signin.amazonaws.com", name: "ConsoleLogin", readOnly: false),
  ]

  /// Event names that have an entry, whatever the source: records of other names skip the lookup.
  static let names: Set<String> = Set(entries.map(\.name))

  private static let byKey: [String: Bool] = Dictionary(
    entries.map { ($0.source + " " + $0.name, $0.readOnly) }, uniquingKeysWith: { first, _ in first })

  /// AWS's marking for `eventName` from `eventSource`, or nil when the table does not know it.
  static func readOnly(eventSource: String, eventName: String) -> Bool? {
    guard names.contains(eventName) else { return nil }
    return byKey[eventSource + " " + eventName]
  }
}
