extension BuiltinRules {
  /// Credential access: secrets and parameters read, Windows passwords fetched, instance credentials taken away.
  static let credentialAccess: [(name: String, yaml: String)] = [
    (
      "secretsmanager-secret-value-read",
      #"""
      title: Secrets Manager secret value read
      id: e21ba5ce-b90c-42a5-b0dc-2da559dc127b
      status: test
      description: >-
        A secret's value was read by a caller other than an AWS service. Applications do this all the time, so one
        read is weak evidence; it matters when the caller, its address or the secret is unusual, and a burst of
        reads of many secrets by one identity is harvesting.
      author: trailview
      level: low
      tags:
        - attack.credential-access
        - attack.t1555.006
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          eventSource: secretsmanager.amazonaws.com
          eventName: GetSecretValue
        filter_service:
          - userIdentity.invokedBy|exists: true
          - sourceIPAddress|endswith: .amazonaws.com
        filter_failed:
          errorCode|exists: true
        condition: selection and not 1 of filter_*
      falsepositives:
        - Applications and deployment tools reading their own secrets
      """#
    ),
    (
      "secretsmanager-secrets-batch-read",
      #"""
      title: Secrets Manager secret values read in a batch
      id: 7579cdde-f9d5-4543-b34e-a031e2d0d41f
      status: test
      description: >-
        BatchGetSecretValue returned the values of several secrets (up to twenty, or every secret matching a
        filter) in one call. Few applications need it; an intruder dumping an account's secrets does.
      author: trailview
      level: medium
      tags:
        - attack.credential-access
        - attack.t1555.006
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          eventSource: secretsmanager.amazonaws.com
          eventName: BatchGetSecretValue
        filter_failed:
          errorCode|exists: true
        condition: selection and not filter_failed
      falsepositives:
        - Tools that load many secrets at start-up with one call
      """#
    ),
    (
      "ssm-parameters-decrypted-in-bulk",
      #"""
      title: SSM SecureString parameters decrypted in bulk
      id: 9775816b-da6c-485d-9c56-6519741c46a5
      status: test
      description: >-
        Parameters were read with decryption a whole path at a time (GetParametersByPath), or ten or more at once
        (GetParameters). Applications usually read their own few parameters by name; reading a tree, or "/"
        recursively, with decryption is how an intruder collects every secret stored in Parameter Store. Reads of
        single parameters are left out: workloads make them constantly (one denied counts as discovery).
      author: trailview
      level: low
      tags:
        - attack.credential-access
        - attack.t1555.006
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          eventSource: ssm.amazonaws.com
          eventName:
            - GetParametersByPath
            - GetParameters
          requestParameters.withDecryption: true
        filter_few:
          eventName: GetParameters
          requestParameters|re|neq: '"names":\["[^"]*"(,"[^"]*"){9,}'
        filter_failed:
          errorCode|exists: true
        condition: selection and not 1 of filter_*
      falsepositives:
        - Applications that load their configuration tree from Parameter Store at start-up
      """#
    ),
    (
      "ec2-password-data-retrieved",
      #"""
      title: EC2 Windows administrator password data retrieved
      id: 62a5d94e-8333-428b-bebe-a9ff90f807da
      status: test
      description: >-
        GetPasswordData returned the encrypted Administrator password of a Windows instance. With the instance's
        key pair it decrypts to a password for remote desktop: a way from API access onto the machine.
      author: trailview
      level: medium
      tags:
        - attack.credential-access
        - attack.t1552
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          eventSource: ec2.amazonaws.com
          eventName: GetPasswordData
        filter_failed:
          errorCode|exists: true
        condition: selection and not filter_failed
      falsepositives:
        - Administrators fetching the password of a Windows instance they launched
      """#
    ),
    (
      "ec2-instance-credentials-used-outside",
      #"""
      title: EC2 instance role credentials used from a workstation
      id: 37b83ebd-77cd-4d3b-8b83-9ae37ea467f6
      status: test
      description: >-
        A call was made with an EC2 instance role's session (its session name is the instance id) from a public
        address, by a client that reports a desktop operating system (macOS, Windows desktop) or a penetration
        testing distribution. Instance credentials stolen through the metadata service (SSRF, a compromised
        host) are replayed from the intruder's machine; software on a Linux instance does not look like that.
        Instance calls from the instance's own public address are normal and left out, which is why the client
        is looked at: without knowing the instance's address the rule cannot tell a Linux attacker from it.
      author: trailview
      level: medium
      tags:
        - attack.credential-access
        - attack.t1552.005
        - attack.initial-access
        - attack.t1078.004
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          userIdentity.type: AssumedRole
          userIdentity.arn|re: ':assumed-role/[^/]+/i-[0-9a-f]{8,17}$'
        selection_client:
          userAgent|contains:
            - os/macos
            - os/windows
            - Darwin/
            - Windows/
            - Windows NT
            - Macintosh
            - '; darwin;'
            - '; windows;'
            - kali
            - parrot
        filter_private:
          sourceIPAddress|cidr:
            - 10.0.0.0/8
            - 172.16.0.0/12
            - 192.168.0.0/16
            - 100.64.0.0/10
            - 127.0.0.0/8
            - 169.254.0.0/16
            - fc00::/7
            - fe80::/10
        filter_service:
          - sourceIPAddress|endswith: .amazonaws.com
          - sourceIPAddress: AWS Internal
          - userIdentity.invokedBy|exists: true
        condition: selection_client and selection and not 1 of filter_*
      falsepositives:
        - Windows or macOS EC2 instances using their own role (their SDKs report those systems)
        - Role sessions named like an instance id by hand
      """#
    ),
  ]
}
