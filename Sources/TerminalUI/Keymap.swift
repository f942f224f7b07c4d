/// One entry of a ``Keymap``: the keys that trigger an action in a scope, and the help text shown for it.
public struct KeyBinding<Action> {
  /// The keys, in the order they are listed in help (the first is the primary one).
  public var keys: [Key]
  /// What the keys do.
  public var action: Action
  /// A short description for the help overlay and the status bar, for example "next event".
  public var help: String
  /// Where the binding applies, for example "list", "detail" or ``Keymap/globalScope``.
  public var scope: String
  /// A one-word label for the status bar's hints ("user", "quit"), or nil to leave the binding out of them.
  public var hint: String?

  /// Creates a binding.
  public init(
    keys: [Key], action: Action, help: String, scope: String = Keymap<Action>.globalScope, hint: String? = nil
  ) {
    self.keys = keys
    self.action = action
    self.help = help
    self.scope = scope
    self.hint = hint
  }

  /// The keys as one label for help screens, for example `↓/j`.
  public var keysLabel: String {
    keys.map(\.label).joined(separator: "/")
  }
}

extension KeyBinding: Sendable where Action: Sendable {}
extension KeyBinding: Equatable where Action: Equatable {}

/// Key bindings as data: the app looks actions up here, and the help overlay, the status bar hints and the
/// README key table are generated from the same list.
///
/// Lookup tries the bindings of the given scope first, then those of ``globalScope``; within a scope the first
/// binding that lists the key wins.
public struct Keymap<Action> {
  /// The scope whose bindings apply everywhere unless a narrower scope binds the same key.
  public static var globalScope: String { "global" }

  /// All bindings, in help order.
  public var bindings: [KeyBinding<Action>]

  /// Creates a keymap.
  public init(_ bindings: [KeyBinding<Action>]) {
    self.bindings = bindings
  }

  /// The action bound to `key` in `scope`, falling back to the global scope; nil when the key is unbound.
  public func action(for key: Key, scope: String) -> Action? {
    if let binding = binding(for: key, exactScope: scope) { return binding.action }
    if scope != Self.globalScope, let binding = binding(for: key, exactScope: Self.globalScope) {
      return binding.action
    }
    return nil
  }

  /// The action bound to `key` in the first of `scopes` that binds it, then in the global scope; nil when unbound.
  public func action(for key: Key, scopes: [String]) -> Action? {
    for scope in scopes {
      if let binding = binding(for: key, exactScope: scope) { return binding.action }
    }
    if !scopes.contains(Self.globalScope), let binding = binding(for: key, exactScope: Self.globalScope) {
      return binding.action
    }
    return nil
  }

  /// The status bar's hints for `scopes` (then the global scope, unless `includeGlobal` is false): the primary key's label and the hint, for the
  /// bindings that have one and whose primary key is not taken by an earlier scope.
  public func hints(scopes: [String], includeGlobal: Bool = true) -> [(key: String, hint: String)] {
    let chain = scopes.contains(Self.globalScope) || !includeGlobal ? scopes : scopes + [Self.globalScope]
    var result: [(key: String, hint: String)] = []
    for scope in chain {
      for binding in bindings(in: scope) {
        guard let hint = binding.hint, let key = binding.keys.first,
          chain.first(where: { self.binding(for: key, exactScope: $0) != nil }) == scope
        else { continue }
        result.append((key: key.label, hint: hint))
      }
    }
    return result
  }

  /// The bindings of exactly `scope` (no global fallback), in order.
  public func bindings(in scope: String) -> [KeyBinding<Action>] {
    bindings.filter { $0.scope == scope }
  }

  /// Help lines for exactly `scope`, in order: the keys label (`↓/j`) and the help text.
  public func helpLines(scope: String) -> [(keys: String, help: String)] {
    bindings(in: scope).map { (keys: $0.keysLabel, help: $0.help) }
  }

  /// The scopes that have bindings, in order of first appearance.
  public var scopes: [String] {
    var seen: Set<String> = []
    return bindings.compactMap { seen.insert($0.scope).inserted ? $0.scope : nil }
  }

  /// Keys bound more than once within one scope (a mistake: only the first binding would ever fire).
  public func conflicts() -> [(key: Key, scope: String)] {
    var seen: Set<ScopedKey> = []
    var result: [(key: Key, scope: String)] = []
    for binding in bindings {
      for key in binding.keys where !seen.insert(ScopedKey(key: key, scope: binding.scope)).inserted {
        result.append((key: key, scope: binding.scope))
      }
    }
    return result
  }

  private func binding(for key: Key, exactScope scope: String) -> KeyBinding<Action>? {
    bindings.first { $0.scope == scope && $0.keys.contains(key) }
  }
}

extension Keymap: Sendable where Action: Sendable {}

private struct ScopedKey: Hashable {
  let key: Key
  let scope: String
}
