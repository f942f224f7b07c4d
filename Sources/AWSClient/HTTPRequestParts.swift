/// An HTTP request as SigV4 sees it: method, path, raw query, headers and body.
public struct HTTPRequestParts: Sendable, Equatable {
  /// `GET`, `POST`, ...
  public var method: String
  /// The path as sent (percent-encoded), for example `/`.
  public var path: String
  /// The raw query string without `?`, percent-encoded as sent; empty when none.
  public var query: String
  /// Headers in the order given; names keep their case (SigV4 lower-cases them).
  public var headers: [(name: String, value: String)]
  /// The body.
  public var body: [UInt8]

  /// Creates request parts.
  public init(method: String, path: String, query: String = "", headers: [(name: String, value: String)], body: [UInt8])
  {
    self.method = method
    self.path = path
    self.query = query
    self.headers = headers
    self.body = body
  }

  /// The first value of header `name` (case-insensitive).
  public func header(_ name: String) -> String? {
    let lower = name.lowercased()
    return headers.first { $0.name.lowercased() == lower }?.value
  }

  /// Compares method, path, query, body and headers (in order).
  public static func == (a: HTTPRequestParts, b: HTTPRequestParts) -> Bool {
    a.method == b.method && a.path == b.path && a.query == b.query && a.body == b.body
      && a.headers.map(\.name) == b.headers.map(\.name) && a.headers.map(\.value) == b.headers.map(\.value)
  }
}

/// AWS credentials. `description` never shows the secret or the session token.
public struct AWSCredentials: Sendable, Equatable, CustomStringConvertible {
  /// Access key ID (AKIA... long-term, ASIA... temporary).
  public var accessKeyId: String
  /// Secret access key.
  public var secretAccessKey: String
  /// Session token for temporary credentials.
  public var sessionToken: String?
  /// When temporary credentials expire, seconds since 1970.
  public var expiration: Int64?
  /// Where they came from ("environment", "profile default", "sso", "imds", ...), for messages.
  public var source: String

  /// Creates credentials.
  public init(
    accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Int64? = nil,
    source: String = ""
  ) {
    self.accessKeyId = accessKeyId
    self.secretAccessKey = secretAccessKey
    self.sessionToken = sessionToken
    self.expiration = expiration
    self.source = source
  }

  /// Safe for logs: the key ID and the source only.
  public var description: String { "AWSCredentials(\(accessKeyId), from \(source))" }
}
