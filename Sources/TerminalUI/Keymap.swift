/// One key binding: the keys, the action, and the help text shown in the `?` overlay and the hints.
public struct KeyBinding<Action: Sendable & Equatable>: Sendable {
  /// Keys that trigger the action.
  public var keys: [Key]
  /// The action.
  public var action: Action
  /// What it does, for help screens.
  public var help: String
  /// Where it applies, for example "table" or "global".
  public var scope: String

  /// Creates a binding.
  public init(keys: [Key], action: Action, help: String, scope: String) {
    self.keys = keys
    self.action = action
    self.help = help
    self.scope = scope
  }
}

/// Key bindings as data: lookups for input, and help lines for the overlay and the README.
public struct Keymap<Action: Sendable & Equatable>: Sendable {
  /// All bindings, in help order.
  public var bindings: [KeyBinding<Action>]

  /// Creates a keymap.
  public init(bindings: [KeyBinding<Action>]) {
    self.bindings = bindings
  }

  /// The action bound to `key` in `scope`, falling back to the "global" scope.
  public func action(for key: Key, scope: String) -> Action? {
    if let b = bindings.first(where: { $0.scope == scope && $0.keys.contains(key) }) { return b.action }
    return bindings.first(where: { $0.scope == "global" && $0.keys.contains(key) })?.action
  }

  /// Help lines for one scope: the keys joined by "/" and the help text.
  public func helpLines(scope: String) -> [(keys: String, help: String)] {
    bindings.filter { $0.scope == scope }.map { b in (b.keys.map(\.label).joined(separator: "/"), b.help) }
  }
}
