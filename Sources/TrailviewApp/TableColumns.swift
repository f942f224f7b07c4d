import CloudTrailModel
import EventStore

/// The events table's columns: the default set, and how the screen's width is shared among them.
public enum TableColumns {
  /// The columns shown when none were chosen.
  public static let defaults: [Field] = [
    .time, .readOnly, .eventName, .user, .eventSource, .sourceIP, .region, .errorCode,
  ]

  /// The width of each of `fields` in a table `width` columns wide, one column between them.
  ///
  /// `needs` is, per field, the width its title and the values on screen would take. Every column starts at its
  /// minimum (or its need, when smaller); spare width goes first to the columns whose values are cut, by weight
  /// and up to their need, then to the columns with a weight, by weight up to their cap.
  public static func widths(_ fields: [Field], width: Int, needs: [Int]) -> [Int] {
    let specs = fields.map { $0.spec.width }
    var widths = zip(specs, needs).map { spec, need in min(spec.minimum, max(need, 1)) }
    var room = width - widths.reduce(0, +) - max(0, fields.count - 1)
    // Cut columns first (up to their need), then everyone that grows (weight > 0) up to the cap.
    let needed = zip(specs, needs).map { min($0.cap, $1) }
    for limit in [needed, zip(specs, needed).map { $0.weight == 0 ? $1 : $0.cap }] {
      while room > 0 {
        let open = fields.indices.filter { widths[$0] < limit[$0] }
        guard !open.isEmpty else { break }
        let weight = open.reduce(0) { $0 + max(1, specs[$1].weight) }
        var given = 0
        for i in open {
          let share = min(limit[i] - widths[i], max(1, room * max(1, specs[i].weight) / weight), room - given)
          widths[i] += share
          given += share
        }
        room -= given
        if given == 0 { break }
      }
    }
    return widths
  }
}
