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
