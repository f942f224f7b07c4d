extension EventFlags {
  /// An Insights event (`eventType` AwsCloudTrailInsight or `eventCategory` Insight): neither a read nor a write, so
  /// it never has ``readOnly`` or ``inferred``, its `readOnly` text is empty and read/write filters leave it out.
  public static let insight = EventFlags(rawValue: 8)
}

extension EventFlags {
  /// The event arrived while following (after the first load), to be shown as new.
  public static let arrived = EventFlags(rawValue: 16)
}

extension EventFlags {
  /// At least one detection rule matched the event.
  public static let flagged = EventFlags(rawValue: 32)
}
