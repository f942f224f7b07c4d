import Testing

@testable import AWSClient

/// The next page's token is read from a FilterLogEvents answer without decoding the records in it.
@Suite struct LogEventsPageTests {
  @Test func theTopLevelTokenIsFoundAndNothingInsideAMessage() {
    func token(_ text: String) -> String? { CloudTrailClient.topLevelString("nextToken", in: Array(text.utf8)) }
    #expect(token(#"{"events":[],"nextToken":"f/123/abc=="}"#) == "f/123/abc==")
    #expect(token(#"{"events": [], "nextToken" : "a\/b\u0041"}"#) == "a/bA")
    // A message holding the text of a token is a string: its quotes are escaped, so it is not read.
    #expect(token(#"{"events":[{"message":"{\"nextToken\":\"evil\"}"}]}"#) == nil)
    #expect(token(#"{"events":[{"message":"{\"nextToken\":\"evil\"}"}],"nextToken":"good"}"#) == "good")
    #expect(token(#"{"events":[],"nextToken":null}"#) == nil)
    #expect(token(#"{"events":[],"nextToken":""}"#) == nil)
    #expect(token(#"{"events":[],"nextToken":"cut"#) == nil)
    #expect(token("") == nil)
  }
}
