import AWSClient
import Dispatch
import EventStore
import Synchronization

/// CloudTrail's public keys for digests read from S3, from ListPublicKeys in each digest's region.
enum ValidationKeys {
  /// The keys by fingerprint for `digests`, and each region whose keys could not be had (named with the reason).
  static func fetch(for digests: [DigestChain.Input], options: Options, log: DiagnosticLog) throws -> (
    keys: [String: [UInt8]], problems: [LoadProblem]
  ) {
    let requests = DigestChain.keyRequests(digests)
    guard !requests.isEmpty else { return ([:], []) }
    let clients = try SourceStarter.cloudTrailClients(options, regions: requests.map(\.region), log: log)
    let answers = Mutex<[Int: Result<[String: [UInt8]], AWSError>]>([:])
    let done = DispatchGroup()
    for (n, request) in requests.enumerated() {
      done.enter()
      clients[n].listPublicKeys(start: request.start, end: request.end) { result in
        answers.withLock { $0[n] = result }
        done.leave()
      }
    }
    done.wait()
    var keys: [String: [UInt8]] = [:]
    var problems: [LoadProblem] = []
    for (n, request) in requests.enumerated() {
      switch answers.withLock({ $0[n]! }) {
      case .success(let found): keys.merge(found) { a, _ in a }
      case .failure(let error):
        problems.append(
          LoadProblem(
            source: "ListPublicKeys in \(request.region)",
            reason: "\(error.explanation); digests signed in \(request.region) are not checked"))
      }
    }
    return (keys, problems)
  }
}
