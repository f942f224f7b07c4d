import Foundation
import Testing

@testable import EventStore
@testable import TrailviewDemo

@Suite struct DemoAccountTests {
  @Test func sameInputsGiveIdenticalBytes() {
    let again = DemoAccount.records(now: DemoFixture.now, seed: 1)
    #expect(again == DemoFixture.records)
  }

  @Test func otherSeedOrNowDiffers() {
    #expect(DemoAccount.records(now: DemoFixture.now, seed: 2) != DemoFixture.records)
    #expect(DemoAccount.records(now: DemoFixture.now + 3600, seed: 1) != DemoFixture.records)
  }

  @Test(arguments: [UInt64(1), 2, 3, 42])
  func countAndErrorRateInRange(seed: UInt64) {
    let records = DemoAccount.records(now: 1_700_000_000, seed: seed).map(DemoFixture.parse)
    #expect((3000...4000).contains(records.count))
    let errors = records.filter { $0["errorCode"] != nil }.count
    let rate = Double(errors) / Double(records.count)
    #expect(rate > 0.02 && rate < 0.06, "error rate \(rate)")
  }

  @Test func theIncidentHasOneInsightStartAndEnd() {
    let insights = DemoFixture.parsed.filter { $0["eventType"] as? String == "AwsCloudTrailInsight" }
    let states = insights.compactMap { ($0["insightDetails"] as? [String: Any])?["state"] as? String }
    #expect(states == ["End", "Start"], "newest first")
  }

  @Test func everyRecordIsCompleteJSON() {
    let versions: Set<String> = ["1.08", "1.09", "1.10", "1.11"]
    let eventTypes: Set<String> = ["AwsApiCall", "AwsServiceEvent", "AwsConsoleSignIn"]
    for (bytes, record) in zip(DemoFixture.records, DemoFixture.parsed) {
      #expect(!bytes.contains(10) && !bytes.contains(13))
      if record["eventType"] as? String == "AwsCloudTrailInsight" {
        // Insights events have their own shape: what they are about is in insightDetails.
        let details = record["insightDetails"] as? [String: Any]
        #expect(record["eventCategory"] as? String == "Insight" && details?["eventName"] is String)
        #expect(["Start", "End"].contains(details?["state"] as? String ?? ""))
        continue
      }
      #expect(versions.contains(record["eventVersion"] as? String ?? ""))
      #expect((record["userIdentity"] as? [String: Any])?["type"] is String)
      #expect(DemoFixture.time(record) > 0, "eventTime \(record["eventTime"] ?? "nil")")
      for key in ["eventSource", "eventName", "awsRegion", "sourceIPAddress", "userAgent", "eventID", "eventCategory"] {
        #expect(record[key] is String, "missing \(key)")
      }
      #expect(record.keys.contains("requestParameters") && record.keys.contains("responseElements"))
      #expect(eventTypes.contains(record["eventType"] as? String ?? ""))
      #expect(record["recipientAccountId"] as? String == "123456789012")
      let text = String(decoding: bytes, as: UTF8.self)
      #expect(text.contains("\"readOnly\":true,") || text.contains("\"readOnly\":false,"))
      let management = record["managementEvent"] as? Bool
      #expect(management != nil)
      #expect((record["eventCategory"] as? String == "Data") == (management == false))
      let id = record["eventID"] as? String ?? ""
      #expect(id.count == 36 && id.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
    }
  }

  @Test func newestFirstInsideTheWeek() {
    let times = DemoFixture.parsed.map(DemoFixture.time)
    #expect(zip(times, times.dropFirst()).allSatisfy { $0 >= $1 })
    #expect(times.allSatisfy { $0 <= DemoFixture.now && $0 >= DemoFixture.now - 7 * 86_400 })
    #expect(times.first! > DemoFixture.now - 3600)
    #expect(times.last! < DemoFixture.now - 6 * 86_400)
  }

  @Test func eventIDsAndRequestIDsAreUnique() {
    let ids = DemoFixture.parsed.compactMap { $0["eventID"] as? String }
    #expect(Set(ids).count == DemoFixture.parsed.count)
    let requests = DemoFixture.parsed.compactMap { $0["requestID"] as? String }
    #expect(Set(requests).count == requests.count)
  }

  @Test func varietyOfIdentitiesSourcesAndRegions() {
    let types = Set(DemoFixture.parsed.compactMap { ($0["userIdentity"] as? [String: Any])?["type"] as? String })
    for type in ["IAMUser", "AssumedRole", "Root", "AWSService", "FederatedUser", "IdentityCenterUser"] {
      #expect(types.contains(type), "no \(type)")
    }
    let sources = Set(DemoFixture.parsed.compactMap { $0["eventSource"] as? String })
    for s in ["ec2", "s3", "iam", "sts", "kms", "lambda", "cloudtrail", "signin", "rds", "ssm", "logs", "dynamodb"] {
      #expect(sources.contains("\(s).amazonaws.com"), "no \(s)")
    }
    let regions = Set(DemoFixture.parsed.compactMap { $0["awsRegion"] as? String })
    #expect(regions == ["us-east-1", "eu-west-1", "us-west-2", "ap-southeast-2"])
    let users = Set(DemoFixture.parsed.compactMap(DemoFixture.userName))
    #expect(users.isSuperset(of: ["alice", "bob", "carol-admin", "deploy-bot"]))
    let arns = Set(DemoFixture.parsed.compactMap { ($0["userIdentity"] as? [String: Any])?["arn"] as? String })
    #expect(arns.contains("arn:aws:sts::123456789012:assumed-role/Admin/alice@example.com"))
    #expect(arns.contains { $0.hasPrefix("arn:aws:sts::123456789012:assumed-role/ci-deploy/gh-actions-") })
    #expect(arns.contains("arn:aws:sts::123456789012:assumed-role/web-server-role/i-0abc1234def567890"))
    let invokedBy = Set(
      DemoFixture.parsed.compactMap { ($0["userIdentity"] as? [String: Any])?["invokedBy"] as? String })
    #expect(invokedBy.isSuperset(of: ["cloudformation.amazonaws.com", "autoscaling.amazonaws.com"]))
  }

  @Test func consoleLoginsAndTrailSetup() {
    let logins = DemoFixture.parsed.filter { $0["eventName"] as? String == "ConsoleLogin" }
    #expect(logins.count >= 5)
    for login in logins {
      #expect(login["eventSource"] as? String == "signin.amazonaws.com")
      #expect((login["additionalEventData"] as? [String: Any])?["MFAUsed"] is String)
      #expect((login["responseElements"] as? [String: Any])?["ConsoleLogin"] is String)
    }
    #expect(logins.contains { ($0["userIdentity"] as? [String: Any])?["type"] as? String == "Root" })
    let trailCalls = DemoFixture.parsed.filter {
      ($0["requestParameters"] as? [String: Any])?["name"] as? String == "management-events"
    }
    let names = trailCalls.map { $0["eventName"] as? String ?? "" }
    #expect(names.contains("CreateTrail") && names.contains("StartLogging"))
    let created = trailCalls.first { $0["eventName"] as? String == "CreateTrail" }.map(DemoFixture.time) ?? 0
    #expect(created < DemoFixture.now - 5 * 86_400)
  }

  @Test func incidentStoryFromOneAddress() throws {
    let incident = DemoFixture.parsed.filter { $0["sourceIPAddress"] as? String == DemoAccount.incidentSourceIP }
    let names = incident.map { $0["eventName"] as? String ?? "" }
    for name in ["GetCallerIdentity", "ListBuckets", "ListUsers", "CreateUser", "CreateAccessKey", "AttachUserPolicy"] {
      #expect(names.contains(name), "no \(name)")
    }
    #expect(incident.allSatisfy { DemoFixture.time($0) >= DemoFixture.now - 36 * 3600 })
    #expect(Set(incident.compactMap(DemoFixture.userName)) == ["deploy-bot", "backup-admin"])
    let leaked = incident.filter {
      ($0["userIdentity"] as? [String: Any])?["accessKeyId"] as? String == DemoAccount.leakedAccessKeyId
    }
    #expect(leaked.count >= 45)
    let gets = incident.filter { $0["eventName"] as? String == "GetObject" }
    #expect(gets.count >= 40)
    #expect(
      gets.allSatisfy {
        $0["eventCategory"] as? String == "Data" && $0["managementEvent"] as? Bool == false
          && ($0["requestParameters"] as? [String: Any])?["bucketName"] as? String == "customer-exports"
      })
    let attach = try #require(incident.first { $0["eventName"] as? String == "AttachUserPolicy" })
    #expect(
      (attach["requestParameters"] as? [String: Any])?["policyArn"] as? String
        == "arn:aws:iam::aws:policy/AdministratorAccess")
    let denied = incident.filter { ($0["errorCode"] as? String)?.hasPrefix("AccessDenied") == true }
    #expect(denied.count >= 3)
    #expect(denied.allSatisfy { ($0["errorMessage"] as? String)?.isEmpty == false })
    let stop = try #require(incident.first { $0["eventName"] as? String == "StopLogging" })
    #expect((stop["requestParameters"] as? [String: Any])?["name"] as? String == "management-events")
    #expect(stop["errorCode"] == nil)
    // The story reads in order: recon, theft, persistence, then the trail goes dark.
    // Oldest occurrence of each name (records are newest first).
    let time: (String) -> Int64 = { n in incident.last { $0["eventName"] as? String == n }.map(DemoFixture.time) ?? 0 }
    #expect(time("GetCallerIdentity") <= time("CreateUser"))
    #expect(time("CreateUser") <= time("CreateAccessKey") && time("CreateAccessKey") <= time("StopLogging"))
    // The backdoor user is only ever seen from the intruder's address.
    let backdoor = DemoFixture.parsed.filter { DemoFixture.userName($0) == "backup-admin" }
    #expect(
      !backdoor.isEmpty && backdoor.allSatisfy { $0["sourceIPAddress"] as? String == DemoAccount.incidentSourceIP })
  }
}
