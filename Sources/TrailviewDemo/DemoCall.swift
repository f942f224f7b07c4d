import AWSClient
import LookupEmulator

/// A resource named by a demo call: written to the record's `resources` and reported by LookupEvents.
struct DemoResource: Sendable {
  /// The ARN written to the record.
  var arn: String
  /// `AWS::S3::Bucket` and the like.
  var type: String
  /// The LookupEvents `ResourceName`.
  var name: String
}

/// What is called: an API operation with its parameters and result, independent of who calls it.
struct DemoOp {
  /// Service prefix, e.g. `ec2` (the event source is `ec2.amazonaws.com`).
  var service: String
  /// `eventName`.
  var name: String
  /// `readOnly`.
  var readOnly: Bool
  /// `requestParameters`.
  var request: DemoJSON = .null
  /// `responseElements` (replaced by null when the call fails).
  var response: DemoJSON = .null
  /// `resources`.
  var resources: [DemoResource] = []
  /// A data event (S3 object / DynamoDB item level): not in Event History.
  var data = false
  /// `eventType`.
  var eventType = "AwsApiCall"
  /// `additionalEventData`.
  var additional: DemoJSON?
  /// `errorCode`.
  var errorCode: String?
  /// `errorMessage`.
  var errorMessage: String?
  /// A fixed region (global services), else the caller picks.
  var region: String?

  /// `eventSource`.
  var eventSource: String { service + ".amazonaws.com" }

  /// Marks the op as failed.
  func failing(_ code: String, _ message: String?) -> DemoOp {
    var op = self
    op.errorCode = code
    op.errorMessage = message
    op.response = .null
    return op
  }
}

/// One generated call: an op made by an actor at a time.
struct DemoCall {
  /// Seconds since 1970.
  var time: Int64
  /// Generation order (later = newer among equal times).
  var seq: Int
  /// Who.
  var actor: DemoActor
  /// What.
  var op: DemoOp
  /// `awsRegion`.
  var region: String
}

/// One finished demo record with the metadata LookupEvents needs, kept beside the JSON bytes.
struct DemoEvent: Sendable {
  /// `eventTime`, seconds since 1970.
  var time: Int64
  /// `eventID`.
  var eventID: String
  /// `eventName`.
  var eventName: String
  /// `eventSource`.
  var eventSource: String
  /// `readOnly`.
  var readOnly: Bool
  /// False for data events.
  var management: Bool
  /// `userIdentity.accessKeyId`.
  var accessKeyId: String?
  /// The LookupEvents `Username`.
  var username: String?
  /// The resources.
  var resources: [DemoResource]
  /// The record as compact JSON.
  var json: [UInt8]
  /// An Insights event (not a call; Event History answers it only for `EventCategory` `insight`).
  var insight = false
}
