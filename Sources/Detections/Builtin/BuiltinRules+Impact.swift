extension BuiltinRules {
  /// Impact: deletions (one event each; a burst is the signal), keys scheduled for deletion, models used by keys.
  static let impact: [(name: String, yaml: String)] = [
    (
      "resource-deleted",
      #"""
      title: Instance, bucket, database or snapshot deleted
      id: 973cabc6-2719-4171-b7a4-5c0b02b251ad
      status: test
      description: >-
        An instance was terminated, or a bucket, database instance or cluster, or snapshot deleted, by a caller
        other than an AWS service (auto scaling terminations are left out). One deletion is routine; many in a
        short time by one identity is destruction, or a ransom note's prelude.
      author: trailview
      level: informational
      tags:
        - attack.impact
        - attack.t1485
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          - eventSource: ec2.amazonaws.com
            eventName:
              - TerminateInstances
              - DeleteSnapshot
          - eventSource: s3.amazonaws.com
            eventName: DeleteBucket
          - eventSource: rds.amazonaws.com
            eventName:
              - DeleteDBInstance
              - DeleteDBCluster
              - DeleteDBSnapshot
              - DeleteDBClusterSnapshot
        filter_service:
          - userIdentity.invokedBy|exists: true
          - userIdentity.type: AWSService
          - sourceIPAddress|endswith: .amazonaws.com
        filter_failed:
          errorCode|exists: true
        condition: selection and not 1 of filter_*
      falsepositives:
        - Clean-up of test environments, retention jobs, infrastructure as code tearing down stacks
      """#
    ),
    (
      "kms-key-deletion-scheduled",
      #"""
      title: KMS key scheduled for deletion or disabled
      id: 3f7266e0-2929-4816-994b-30bf92a3ab96
      status: test
      description: >-
        A customer managed KMS key was scheduled for deletion or disabled. Everything encrypted under a deleted
        key (volumes, snapshots, objects, secrets) is lost for good; disabling first is how extortion starts.
      author: trailview
      level: medium
      tags:
        - attack.impact
        - attack.t1485
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          eventSource: kms.amazonaws.com
          eventName:
            - ScheduleKeyDeletion
            - DisableKey
        filter_service:
          userIdentity.invokedBy|exists: true
        filter_failed:
          errorCode|exists: true
        condition: selection and not 1 of filter_*
      falsepositives:
        - Retiring keys of decommissioned workloads
      """#
    ),
    (
      "bedrock-model-invoked-with-user-key",
      #"""
      title: Bedrock model invoked with an IAM user's or root's credentials
      id: 0c490fc1-93c2-4c23-afdb-eb647274d393
      status: test
      description: >-
        A Bedrock model was invoked (InvokeModel, Converse, or their streaming forms) by an IAM user's access key
        or by root. Applications call models with roles; long-term keys stolen from code and CI are what
        LLMjacking runs on, billing the account for someone else's prompts. Each call is one event; volume is the
        signal.
      author: trailview
      level: low
      tags:
        - attack.impact
        - attack.t1496
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          eventSource: bedrock.amazonaws.com
          eventName:
            - InvokeModel
            - InvokeModelWithResponseStream
            - Converse
            - ConverseStream
          userIdentity.type:
            - IAMUser
            - Root
        condition: selection
      falsepositives:
        - Developers trying models with personal access keys
      """#
    ),
  ]
}
