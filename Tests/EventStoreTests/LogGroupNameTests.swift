import Testing

@testable import EventStore

/// `cwl://` paths and the log group ARNs DescribeTrails gives.
@Suite struct LogGroupNameTests {
  @Test func pathsAndARNs() {
    #expect(LogGroupSource.parse("cwl:///aws/cloudtrail/main") == "/aws/cloudtrail/main")
    #expect(LogGroupSource.parse("cwl://") == nil && LogGroupSource.parse("s3://b") == nil)
    let arn = LogGroupSource.arn("arn:aws:logs:eu-west-1:123456789012:log-group:CloudTrail/Default:*")
    #expect(arn?.name == "CloudTrail/Default" && arn?.region == "eu-west-1")
    #expect(LogGroupSource.arn("arn:aws:logs:us-east-1:123456789012:log-group:a:b")?.name == "a:b")
    #expect(LogGroupSource.arn("arn:aws-cn:logs:cn-north-1:1:log-group:x")?.region == "cn-north-1")
    for bad in [
      "arn:aws:logs:us-east-1:1:log-group::*", "arn:aws:s3:::bucket", "CloudTrail/Default",
      "arn:aws:logs::1:log-group:x",
    ] {
      #expect(LogGroupSource.arn(bad) == nil, "\(bad)")
    }
  }
}
