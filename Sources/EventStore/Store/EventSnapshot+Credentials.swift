import CloudTrailModel

/// One access key in a credential chain: how it was used and where it came from.
public struct CredentialLink: Sendable, Equatable {
  /// The access key ID.
  public var key: String
  /// Loaded events signed with it.
  public var events: Int
  /// The oldest and newest of them.
  public var first: Int64?
  /// The newest of them.
  public var last: Int64?
  /// Who used it (the newest event's user) and its ARN.
  public var user: String
  /// The newest event's caller ARN.
  public var arn: String
  /// The event that issued the key (row id), when loaded.
  public var issuedBy: UInt32?
  /// How the chain goes on or ends here, in words.
  public var origin: String

  /// True for a long-term key (`AKIA…`), false for a temporary one (`ASIA…`).
  public var isLongTerm: Bool { key.hasPrefix("AKIA") }
}

extension EventSnapshot {
  /// The chain behind an access key, over every loaded event: the key's own use, the call whose response issued it
  /// (AssumeRole, GetSessionToken, GetFederationToken, AssumeRoleWith…, CreateAccessKey), that caller's key, and so
  /// on back to a long-term key, a console sign-in, or a key whose issuer is not loaded. At most `limit` links.
  public func credentialChain(from key: String, limit: Int = 12) -> [CredentialLink] {
    guard let used = Field.accessKeyId.columnIndex, let issued = Field.issuedAccessKey.columnIndex else { return [] }
    let keys = flatColumn(used)
    let issuedKeys = flatColumn(issued)
    let times = flatTimes()
    var chain: [CredentialLink] = []
    var next: String? = key
    var seen = Set<String>()
    while let current = next, !current.isEmpty, chain.count < limit, seen.insert(current).inserted {
      next = nil
      let id = stringID(current)
      var link = CredentialLink(
        key: current, events: 0, first: nil, last: nil, user: "", arn: "", issuedBy: nil, origin: "")
      var newest: UInt32?
      if let id {
        for row in 0..<UInt32(keys.count) where keys[Int(row)] == id {
          link.events += 1
          let t = times[Int(row)]
          guard t != EventSummary.unknownTime else { continue }
          if link.first.map({ t < $0 }) ?? true { link.first = t }
          if link.last.map({ t > $0 }) ?? true {
            link.last = t
            newest = row
          }
        }
      }
      if let newest {
        link.user = text(.user, row: newest)
        link.arn = text(.arn, row: newest)
      }
      // The issuing call: the newest one at or before the key's first use.
      var issuer: UInt32?
      if let id {
        for row in 0..<UInt32(issuedKeys.count) where issuedKeys[Int(row)] == id {
          let t = times[Int(row)]
          if let first = link.first, t > first { continue }
          if issuer.map({ t > times[Int($0)] }) ?? true { issuer = row }
        }
      }
      if let issuer {
        link.issuedBy = issuer
        let event = event(row: issuer)
        let caller = text(.accessKeyId, row: issuer)
        link.origin =
          "issued by \(event.eventName) at \(EventTime.formatISO(event.time)) by \(event.user)"
          + (caller.isEmpty ? " (no access key: \(text(.identityType, row: issuer)))" : " with \(caller)")
        next = caller.isEmpty ? nil : caller
      } else {
        link.origin = origin(of: link, times: times)
      }
      chain.append(link)
    }
    if let last = chain.last, let loop = next, seen.contains(loop), last.issuedBy != nil {
      chain[chain.count - 1].origin += " (already in the chain: it stops here)"
    }
    return chain
  }

  /// Why a key's issuer is not in the chain: a long-term key, a console sign-in, or not loaded.
  private func origin(of link: CredentialLink, times: [Int64]) -> String {
    if link.isLongTerm {
      return "a long-term key of \(link.user.isEmpty ? "an IAM user" : link.user); no CreateAccessKey for it is loaded"
    }
    // A console session's key: the sign-in by the same principal just before the first use.
    if let first = link.first, !link.arn.isEmpty, let login = consoleLogin(arn: link.arn, before: first, times: times) {
      let mfa = text(.mfaUsed, row: login)
      return "a console session: ConsoleLogin at \(EventTime.formatISO(times[Int(login)]))"
        + (mfa.isEmpty ? "" : " (MFA: \(mfa))")
    }
    return "the call that issued it is not loaded (an older window, another account, or an AWS service)"
  }

  /// The newest ConsoleLogin by `arn` at or before `time`.
  private func consoleLogin(arn: String, before time: Int64, times: [Int64]) -> UInt32? {
    guard let name = Field.eventName.columnIndex, let login = stringID("ConsoleLogin"),
      let arnColumn = Field.arn.columnIndex,
      let arnID = stringID(arn)
    else { return nil }
    let names = flatColumn(name)
    let arns = flatColumn(arnColumn)
    var best: UInt32?
    for row in 0..<UInt32(names.count) where names[Int(row)] == login && arns[Int(row)] == arnID {
      let t = times[Int(row)]
      if t <= time, best.map({ t > times[Int($0)] }) ?? true { best = row }
    }
    return best
  }

  /// The string table id of `value`, if any loaded event uses it.
  func stringID(_ value: String) -> UInt32? {
    strings.firstIndex(of: value).map { UInt32($0) }
  }
}
