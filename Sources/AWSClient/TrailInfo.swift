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

/// A `ListTrails` page.
public struct ListTrailsPage: Sendable, Equatable {
  /// `Trails`.
  public var trails: [TrailInfo]
  /// `NextToken`; nil on the last page.
  public var nextToken: String?

  /// Creates a page.
  public init(trails: [TrailInfo], nextToken: String?) {
    self.trails = trails
    self.nextToken = nextToken
  }
}

extension ListTrailsPage {
  /// Reads a `ListTrails` response.
  init(json: JSONObject) {
    trails = json.objects("Trails").compactMap { item in
      guard let arn = item.string("TrailARN") else { return nil }
      return TrailInfo(
        trailARN: arn, name: item.string("Name") ?? "",
        homeRegion: item.string("HomeRegion") ?? AWSEndpoints.region(
          fromARN: arn) ?? "")
    }
    nextToken = json.string("NextToken")
  }
}
