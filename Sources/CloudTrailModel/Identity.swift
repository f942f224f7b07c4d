/// Derives the name a responder would give the identity behind a record.
public enum Identity {
  /// The display name for the record's `userIdentity` (IAM user name, assumed-role session name, `root`, ...).
  public static func displayName(_ fields: RecordFields, in buffer: [UInt8]) -> String {
    fields.userName.decode(in: buffer)
  }
}
