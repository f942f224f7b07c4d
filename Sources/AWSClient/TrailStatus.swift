/// A trail's status as `GetTrailStatus` returns it (times in seconds since 1970).
public struct TrailStatus: Sendable, Equatable {
  /// `IsLogging`.
  public var isLogging: Bool
  /// `LatestDeliveryError`.
  public var latestDeliveryError: String?
  /// `LatestNotificationError`.
  public var latestNotificationError: String?
  /// `LatestDeliveryTime`.
  public var latestDeliveryTime: Int64?
  /// `LatestNotificationTime`.
  public var latestNotificationTime: Int64?
  /// `StartLoggingTime`.
  public var startLoggingTime: Int64?
  /// `StopLoggingTime`.
  public var stopLoggingTime: Int64?
  /// `LatestCloudWatchLogsDeliveryError`.
  public var latestCloudWatchLogsDeliveryError: String?
  /// `LatestCloudWatchLogsDeliveryTime`.
  public var latestCloudWatchLogsDeliveryTime: Int64?
  /// `LatestDigestDeliveryTime`.
  public var latestDigestDeliveryTime: Int64?
  /// `LatestDigestDeliveryError`.
  public var latestDigestDeliveryError: String?

  /// Creates a status; other fields start empty.
  public init(isLogging: Bool) { self.isLogging = isLogging }
}

extension TrailStatus {
  /// Reads a `GetTrailStatus` response (fields AWS marks "no longer in use" are ignored).
  init(json: JSONObject) {
    self.init(isLogging: json.bool("IsLogging") ?? false)
    latestDeliveryError = json.string("LatestDeliveryError")
    latestNotificationError = json.string("LatestNotificationError")
    latestDeliveryTime = json.epochSeconds("LatestDeliveryTime")
    latestNotificationTime = json.epochSeconds("LatestNotificationTime")
    startLoggingTime = json.epochSeconds("StartLoggingTime")
    stopLoggingTime = json.epochSeconds("StopLoggingTime")
    latestCloudWatchLogsDeliveryError = json.string("LatestCloudWatchLogsDeliveryError")
    latestCloudWatchLogsDeliveryTime = json.epochSeconds("LatestCloudWatchLogsDeliveryTime")
    latestDigestDeliveryTime = json.epochSeconds("LatestDigestDeliveryTime")
    latestDigestDeliveryError = json.string("LatestDigestDeliveryError")
  }
}
