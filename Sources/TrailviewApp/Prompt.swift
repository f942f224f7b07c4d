import CloudTrailModel
import EventStore

/// What a prompt is asking for.
public enum PromptKind: Sendable, Equatable {
  /// A user name pattern.
  case user
  /// An event name pattern.
  case eventName
  /// Free text over whole records.
  case search
  /// Any predicate: `FIELD=VALUE`, `FIELD!=VALUE`, `FIELD~TEXT`, `FIELD?` (FIELD a registry name or a JSON path).
  case predicate

  /// The prompt's label.
  public var label: String {
    switch self {
    case .user: return "user"
    case .eventName: return "event name"
    case .search: return "search"
    case .predicate: return "where"
    }
  }
}

/// An open prompt: the text typed so far, the highlighted suggestion, and the known values it offers.
public struct PromptState: Sendable, Equatable {
  /// What is asked.
  public var kind: PromptKind
  /// Typed text.
  public var text: String
  /// Index into the current suggestions, if one is highlighted.
  public var highlighted: Int?
  /// The values offered, with how many loaded events have each (most frequent first).
  public var known: [ValueCount]
  /// The field `known` belongs to.
  public var knownField: Field?

  /// Creates a prompt.
  public init(
    kind: PromptKind, text: String = "", highlighted: Int? = nil, known: [ValueCount] = [], knownField: Field? = nil
  ) {
    self.kind = kind
    self.text = text
    self.highlighted = highlighted
    self.known = known
    self.knownField = knownField
  }

  /// The field whose values the prompt offers: the user, the event name, or the field typed before an operator.
  var field: Field? {
    switch kind {
    case .user: return .user
    case .eventName: return .eventName
    case .search: return nil
    case .predicate:
      guard let op = text.firstIndex(where: { $0 == "=" || $0 == "!" || $0 == "~" }) else { return nil }
      return Field(name: String(text[..<op].filter { $0 != " " }))
    }
  }

  /// The part of the text the suggestions complete: the value after the operator, or the whole text.
  var valueText: String {
    guard kind == .predicate else { return text }
    guard let op = text.firstIndex(where: { $0 == "=" || $0 == "~" }) else { return text }
    return String(text[text.index(after: op)...])
  }

  /// The text before the value (`eventName=`), empty for single-value prompts.
  var valuePrefix: String { String(text.dropLast(valueText.count)) }
}

/// A suggestion under a prompt: the text it completes to, and how many events have the value (nil for field names).
public struct Suggestion: Sendable, Equatable {
  /// The completed value (or field name).
  public var text: String
  /// Events with the value.
  public var count: Int?
}

/// The suggestions for what is typed: known values containing the text (those starting with it first), or, in the
/// predicate prompt before an operator, the field names.
public func suggestions(for prompt: PromptState, limit: Int = 8) -> [Suggestion] {
  if prompt.kind == .search { return [] }
  if prompt.kind == .predicate && prompt.field == nil && !prompt.text.contains(where: { "=!~?".contains($0) }) {
    let typed = prompt.text.lowercased()
    return Field.allCases.map(\.name).filter { typed.isEmpty || $0.lowercased().hasPrefix(typed) }
      .prefix(limit).map { Suggestion(text: $0, count: nil) }
  }
  let typed = prompt.valueText
  let lower = typed.lowercased()
  var prefixed: [Suggestion] = []
  var containing: [Suggestion] = []
  let pattern = Pattern.hasWildcard(typed) ? Pattern(typed) : nil
  for entry in prompt.known where !entry.value.isEmpty {
    let suggestion = Suggestion(text: entry.value, count: entry.count)
    if let pattern {
      if pattern.matches(entry.value) { prefixed.append(suggestion) }
    } else if lower.isEmpty || entry.value.lowercased().hasPrefix(lower) {
      prefixed.append(suggestion)
    } else if entry.value.lowercased().contains(lower) {
      containing.append(suggestion)
    }
    if prefixed.count >= limit { break }
  }
  return Array((prefixed + containing).prefix(limit))
}
