extension AWSError {
  /// The IAM permission each operation needs, for AccessDenied explanations.
  static func permission(for operation: String) -> String? {
    switch operation {
    case "LookupEvents", "DescribeTrails", "GetTrailStatus", "ListTrails", "GetEventSelectors",
      "GetInsightSelectors", "ListPublicKeys", "StartQuery", "DescribeQuery", "GetQueryResults", "CancelQuery",
      "ListEventDataStores":
      return "cloudtrail:\(operation)"
    case "AssumeRole": return "sts:AssumeRole"
    case "DescribeRegions": return "ec2:DescribeRegions"
    case "GetCallerIdentity": return "sts:GetCallerIdentity"
    case "GetRoleCredentials": return "sso:GetRoleCredentials"
    case "StartQueryExecution", "GetQueryExecution", "StopQueryExecution":
      return "athena:\(operation)"
    case "GetTableMetadata": return "athena:GetTableMetadata` and `glue:GetTable"
    case "FilterLogEvents": return "logs:FilterLogEvents"
    default: return nil
    }
  }

  /// One or two sentences for the UI: what went wrong and what to do about it.
  public var explanation: String {
    if isClockSkew {
      let server = serverDate.map { " (the server's clock says \($0))" } ?? ""
      return "Your computer's clock differs from AWS's by more than 5 minutes\(server), so AWS rejected the "
        + "signature. Fix the system time (enable NTP) and try again."
    }
    switch code {
    case "NoCredentials":
      // The message already says that nothing was found and where trailview looked; add only what to do.
      return "\(message.prefix(1).uppercased() + message.dropFirst()). "
        + "Set AWS_PROFILE or pass --profile, run `aws configure`, or `aws sso login`."
    case "ProfileNotFound":
      let name = message.split(separator: "(", maxSplits: 1).dropFirst().first?.split(separator: ")").first ?? ""
      return "\(message.prefix(1).uppercased() + message.dropFirst()). Check the name, or create the profile with "
        + "`aws configure --profile \(name)`."
    case "CredentialsError":
      return "AWS credentials could not be loaded: \(message)"
    case "ExpiredTokenException", "ExpiredToken", "TokenRefreshRequired":
      return "Your AWS session credentials have expired. Refresh them (for SSO: `aws sso login`) and try again."
    case "UnrecognizedClientException", "InvalidClientTokenId":
      return "AWS does not recognise the access key: the credentials are invalid, deleted, or for another "
        + "partition. Check AWS_PROFILE / --profile and the keys it uses."
    case "InvalidSignatureException", "SignatureDoesNotMatch", "IncompleteSignature":
      if message.lowercased().contains("scoped to a valid region") {
        return "The endpoint does not serve the region the request was signed for (AWS: "
          + "\"\(message.trimmingWhitespace())\"). Check that --region (or AWS_REGION) names the region of "
          + "--endpoint-url (or AWS_ENDPOINT_URL)."
      }
      return "AWS rejected the request signature: the secret access key does not match the access key id."
    case "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "OperationNotPermittedException":
      let needed =
        operation.flatMap(Self.permission(for:)).map { "the IAM permission `\($0)`" }
        ?? "permission for this call"
      return "Access denied: your identity lacks \(needed). Ask an administrator to grant it. (\(message))"
    case "UnknownRegion":
      return "\(message). Pass --region with a valid region such as us-east-1, or set AWS_REGION."
    case "InvalidEndpoint":
      return "\(message). Check --endpoint-url / AWS_ENDPOINT_URL_CLOUDTRAIL / AWS_ENDPOINT_URL."
    case "UnknownHost":
      return "Could not reach AWS: \(message). Check the region name (regions look like us-east-1) or --endpoint-url."
    case "NetworkError":
      return "Could not reach AWS: \(message). Check the network, proxy settings and the region/endpoint."
    case "ThrottlingException", "Throttling", "TooManyRequestsException":
      return "AWS is throttling requests (LookupEvents allows 2 per second per account and region). Wait a moment "
        + "and retry."
    case "MalformedResponse":
      return "AWS answered with something that could not be read: \(message)"
    default:
      if code.hasPrefix("HTTP5") {
        return "AWS had a server error (\(code)). Retry in a moment."
      }
      return message.isEmpty ? code : "\(code): \(message)"
    }
  }
}
