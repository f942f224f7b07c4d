/// One API exchange, for `-vv` request logs. It carries no headers, bodies, keys, tokens or signatures.
public struct RequestRecord: Sendable, Equatable {
  /// The operation (`LookupEvents`, ...).
  public var operation: String
  /// The region the request was signed for.
  public var region: String
  /// The HTTP status, or nil when no answer arrived.
  public var status: Int?
  /// The error code when the exchange failed (`ThrottlingException`, `NetworkError`, ...).
  public var errorCode: String?
  /// Milliseconds from sending to the answer (or the failure).
  public var milliseconds: Int
  /// AWS's request ID (`x-amzn-RequestId`), when the answer had one.
  public var requestId: String?

  /// Creates a record.
  public init(
    operation: String, region: String, status: Int?, errorCode: String?, milliseconds: Int, requestId: String?
  ) {
    self.operation = operation
    self.region = region
    self.status = status
    self.errorCode = errorCode
    self.milliseconds = milliseconds
    self.requestId = requestId
  }

  /// `LookupEvents us-east-1 200 in 132 ms (request 0f1e...)`, or with the error code.
  public var line: String {
    var text = "\(operation) \(region) " + (status.map { "HTTP \($0)" } ?? "no answer")
    if let errorCode { text += " \(errorCode)" }
    text += " in \(milliseconds) ms"
    if let requestId { text += " (request \(requestId))" }
    return text
  }
}
