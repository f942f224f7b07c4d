/// Where a movement key takes a cursor in a list of `count` items: ↑↓ one, PgUp/PgDn a `page`, g/G the ends; nil
/// when `action` is not a movement. The result is clamped to the list (0 for an empty one).
func moved(_ position: Int, by action: AppAction?, page: Int, count: Int) -> Int? {
  let next: Int
  switch action {
  case .up?: next = position - 1
  case .down?: next = position + 1
  case .pageUp?: next = position - page
  case .pageDown?: next = position + page
  case .first?: next = 0
  case .last?: next = count - 1
  default: return nil
  }
  return max(0, min(next, count - 1))
}
