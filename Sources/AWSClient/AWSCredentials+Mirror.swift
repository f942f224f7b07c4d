extension AWSCredentials: CustomReflectable {
  /// Hides the secret and the session token from `dump`, debuggers and test failure output.
  public var customMirror: Mirror {
    Mirror(
      self,
      children: [
        "accessKeyId": accessKeyId, "sessionToken": sessionToken == nil ? "none" : "(hidden)",
        "expiration": expiration as Any, "source": source,
      ])
  }
}
