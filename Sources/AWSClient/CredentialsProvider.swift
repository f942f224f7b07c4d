import Foundation
import Synchronization

/// Hands out credentials, caching them and refreshing them when they come within `refreshWindow` seconds of expiry,
/// so callers can ask before every request. Thread-safe: a `Mutex` guards the cache and is held while resolving, so
/// concurrent callers wait for one refresh instead of starting several.
public final class CredentialsProvider: Sendable {
  private let resolve: @Sendable () throws(AWSError) -> AWSCredentials
  private let clock: @Sendable () -> Int64
  private let refreshWindow: Int64
  private let cache = Mutex<AWSCredentials?>(nil)

  /// Creates a provider over a resolving function (for example `CredentialChain.resolve`); `clock` gives seconds since
  /// 1970.
  public init(
    refreshWindow: Int64 = 300, clock: @escaping @Sendable () -> Int64 = AWSClock.now,
    resolve: @escaping @Sendable () throws(AWSError) -> AWSCredentials
  ) {
    self.resolve = resolve
    self.clock = clock
    self.refreshWindow = refreshWindow
  }

  /// A provider that always returns `credentials`.
  public static func fixed(_ credentials: AWSCredentials) -> CredentialsProvider {
    CredentialsProvider { () throws(AWSError) -> AWSCredentials in credentials }
  }

  /// Cached credentials, or fresh ones when there are none or they expire within the refresh window. May block
  /// while a source answers (files, a process, STS, SSO, IMDS); call it off the UI thread.
  public func credentials() throws(AWSError) -> AWSCredentials {
    try cache.withLock { (cached: inout AWSCredentials?) throws(AWSError) -> AWSCredentials in
      if let current = cached, !expiresSoon(current) { return current }
      let fresh = try resolve()
      cached = fresh
      return fresh
    }
  }

  /// Drops the cached credentials (for example after `ExpiredTokenException`).
  public func invalidate() { cache.withLock { $0 = nil } }

  private func expiresSoon(_ credentials: AWSCredentials) -> Bool {
    guard let expiration = credentials.expiration else { return false }
    return expiration - clock() <= refreshWindow
  }
}

/// The wall clock, in whole seconds since 1970.
public enum AWSClock {
  /// Seconds since 1970 now.
  @Sendable public static func now() -> Int64 {
    Int64(Date().timeIntervalSince1970.rounded(.down))
  }
}
