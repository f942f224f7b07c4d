/// Small hand-written CloudTrail fixtures for every file shape.
public enum FixturesRecords {
  /// An IAM user's `ListUsers` call.
  public static let iamUser = """
    {"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDA1","arn":"arn:aws:iam::111122223333:user/alice","accountId":"111122223333","accessKeyId":"AKIA1","userName":"alice"},"eventTime":"2024-05-01T12:34:56Z","eventSource":"iam.amazonaws.com","eventName":"ListUsers","awsRegion":"us-east-1","sourceIPAddress":"192.0.2.1","userAgent":"aws-cli/2.0","requestParameters":null,"responseElements":null,"eventID":"e-1","readOnly":true,"eventType":"AwsApiCall","recipientAccountId":"111122223333"}
    """

  /// An assumed role's failed `StopLogging` call with a trail name.
  public static let assumedRole = """
    {"eventTime":"2024-05-01T12:35:00Z","eventSource":"cloudtrail.amazonaws.com","eventName":"StopLogging","userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::111122223333:assumed-role/Admin/bob","sessionContext":{"sessionIssuer":{"type":"Role","userName":"Admin"}}},"requestParameters":{"name":"main-trail"},"errorCode":"AccessDenied","errorMessage":"not allowed","eventID":"e-2","readOnly":false}
    """

  /// A `{"Records":[...]}` batch of the two records.
  public static let batch = "{\"Records\":[" + iamUser + "," + assumedRole + "]}"

  /// The same records as a bare array.
  public static let array = "[" + iamUser + ",\n" + assumedRole + "]"

  /// The same records as NDJSON.
  public static let ndjson = iamUser + "\n" + assumedRole + "\n"

  /// A digest file.
  public static let digest = """
    {"awsAccountId":"111122223333","digestStartTime":"2024-05-01T12:00:00Z","digestEndTime":"2024-05-01T13:00:00Z","digestS3Bucket":"b","digestS3Object":"o","logFiles":[],"previousDigestSignature":null}
    """
}
