extension BuiltinRules {
  /// Bursts: Sigma correlation rules over single-event rules of the pack whose events mean little alone and much
  /// together (denied reads while mapping a credential's reach, sign-in failures, deletions, secrets read). The
  /// single-event rules keep reporting on their own (`generate: true`).
  static let bursts: [(name: String, yaml: String)] = [
    (
      "discovery-denied-reads-burst",
      #"""
      title: Burst of denied List, Describe or Get calls by one identity
      id: cf16f4d1-d6a5-49b9-9ef1-463a3376bc91
      status: test
      description: >-
        Ten or more read calls refused within ten minutes for the same identity. Tools that map what a stolen
        credential can reach (enumerate-iam, Pacu, ScoutSuite run with too little access) try call after call and
        collect refusals; a person missing a permission fails a few times and asks for it, and a workload usually
        repeats one call, which the rule below (several services) tells apart.
      author: trailview
      level: medium
      tags:
        - attack.discovery
        - attack.t1580
        - attack.t1526
      correlation:
        type: event_count
        rules:
          - 798224df-fffa-47bc-a5c4-a9617b22544c
        group-by:
          - userIdentity.arn
        timespan: 10m
        condition:
          gte: 10
        generate: true
      falsepositives:
        - A misconfigured job retrying a call it is not allowed to make
        - A console page polling a service the user cannot read
      """#
    ),
    (
      "discovery-denied-across-services",
      #"""
      title: Reads denied across several services for one identity
      id: b3c5cc56-0c73-4eb2-a375-111df21f7452
      status: test
      description: >-
        Read calls to five or more different services were refused within ten minutes for the same identity. A
        workload needs few services and fails on the same one, a person on the few they work with; an intruder
        probing a fresh credential asks KMS, Organizations, Secrets Manager, EC2, IAM and more in quick succession
        to learn what it can reach.
      author: trailview
      level: high
      tags:
        - attack.discovery
        - attack.t1580
        - attack.t1087.004
      correlation:
        type: value_count
        rules:
          - 798224df-fffa-47bc-a5c4-a9617b22544c
        group-by:
          - userIdentity.arn
        timespan: 10m
        condition:
          field: eventSource
          gte: 5
        generate: true
      falsepositives:
        - Inventory or compliance tools run with a role that lacks some read permissions
      """#
    ),
    (
      "console-login-failure-burst",
      #"""
      title: Burst of failed console sign-ins from one address
      id: 9102b5e7-6bf1-45d7-ac3f-e5af6af0409d
      status: test
      description: >-
        Five or more console sign-ins failed within ten minutes from the same source address: password guessing
        against one user, or spraying a common password across many. People who mistype fail once or twice and
        then succeed or reset their password.
      author: trailview
      level: high
      tags:
        - attack.credential-access
        - attack.t1110
        - attack.initial-access
        - attack.t1078.004
      correlation:
        type: event_count
        rules:
          - 13a42123-1c3e-4288-8dec-53b2bba7debb
        group-by:
          - sourceIPAddress
        timespan: 10m
        condition:
          gte: 5
        generate: true
      falsepositives:
        - Many people behind one corporate address failing at once (an expired shared password)
      """#
    ),
    (
      "secrets-read-in-bulk",
      #"""
      title: Many different secrets read by one identity
      id: 965139ec-e417-4438-8e48-a414aea3c504
      status: test
      description: >-
        Five or more different Secrets Manager secrets were read within ten minutes by the same identity.
        Applications read the few secrets they were built for, again and again; reading many different ones is
        how an intruder with a broad role harvests credentials before moving on.
      author: trailview
      level: high
      tags:
        - attack.credential-access
        - attack.t1555.006
      correlation:
        type: value_count
        rules:
          - e21ba5ce-b90c-42a5-b0dc-2da559dc127b
        group-by:
          - userIdentity.arn
        timespan: 10m
        condition:
          field: requestParameters.secretId
          gte: 5
        generate: true
      falsepositives:
        - Secret rotation or backup jobs that walk every secret
        - Deployment tooling that reads all of an application's secrets at start
      """#
    ),
    (
      "mass-deletion-burst",
      #"""
      title: Mass deletion or termination by one identity
      id: 2272037a-9aa0-4b0b-8aa7-8b96a947c1cb
      status: test
      description: >-
        Ten or more instances, buckets, databases or snapshots deleted or terminated within ten minutes by the
        same identity. Destruction for ransom or sabotage happens in bursts; teardown by infrastructure as code
        does too, so check who and from where before anything else.
      author: trailview
      level: high
      tags:
        - attack.impact
        - attack.t1485
      correlation:
        type: event_count
        rules:
          - 973cabc6-2719-4171-b7a4-5c0b02b251ad
        group-by:
          - userIdentity.arn
        timespan: 10m
        condition:
          gte: 10
        generate: true
      falsepositives:
        - Infrastructure as code destroying a test environment
        - Scheduled cleanup of old snapshots
      """#
    ),
  ]
}
