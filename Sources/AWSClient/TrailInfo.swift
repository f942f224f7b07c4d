/// One entry of `ListTrails`.
public struct TrailInfo: Sendable, Equatable {
  /// `TrailARN`.
  public var trailARN: String
  /// `Name`.
  public var name: String
  /// `HomeRegion`.
  public var homeRegion: String

  /// Creates an entry.
  public init(trailARN: String, name: String, homeRegion: String) {
    self.trailARN = trailARN
    self.name = name
    self.homeRegion = homeRegion
  }
}
