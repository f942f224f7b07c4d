extension BuiltinRules {
  /// Exfiltration: snapshots and images shared out, buckets made public.
  static let exfiltration: [(name: String, yaml: String)] = [
    (
      "snapshot-or-image-made-public",
      #"""
      title: EBS snapshot, AMI or RDS snapshot made public
      id: f661af36-2f2f-49ee-8fd8-499cc9f97bf2
      status: test
      description: >-
        An EBS snapshot's create-volume permission, an AMI's launch permission or an RDS snapshot's restore
        attribute was given to "all": any AWS account can now copy the disk or database and read it at leisure.
      author: trailview
      level: high
      tags:
        - attack.exfiltration
        - attack.t1537
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection_ebs:
          eventSource: ec2.amazonaws.com
          eventName: ModifySnapshotAttribute
          requestParameters.createVolumePermission.add.items.group: all
        selection_ami:
          eventSource: ec2.amazonaws.com
          eventName: ModifyImageAttribute
          requestParameters.launchPermission.add.items.group: all
        selection_rds:
          eventSource: rds.amazonaws.com
          eventName:
            - ModifyDBSnapshotAttribute
            - ModifyDBClusterSnapshotAttribute
          requestParameters.attributeName: restore
          requestParameters.valuesToAdd: all
        filter_failed:
          errorCode|exists: true
        condition: 1 of selection_* and not filter_failed
      falsepositives:
        - Publishing a public AMI on purpose
      """#
    ),
    (
      "snapshot-or-image-shared-with-account",
      #"""
      title: EBS snapshot, AMI or RDS snapshot shared with another account
      id: 502a80be-60a6-4002-bf5b-2d88686b97fd
      status: test
      description: >-
        An EBS snapshot, an AMI or an RDS snapshot was shared with a named AWS account, which can then copy it
        into its own account. Sharing with an account the intruder owns moves whole disks and databases out
        without a single byte crossing the network in view.
      author: trailview
      level: medium
      tags:
        - attack.exfiltration
        - attack.t1537
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection_ebs:
          eventSource: ec2.amazonaws.com
          eventName: ModifySnapshotAttribute
          requestParameters.createVolumePermission.add.items.userId: '*'
        selection_ami:
          eventSource: ec2.amazonaws.com
          eventName: ModifyImageAttribute
          requestParameters.launchPermission.add.items.userId: '*'
        selection_rds:
          eventSource: rds.amazonaws.com
          eventName:
            - ModifyDBSnapshotAttribute
            - ModifyDBClusterSnapshotAttribute
          requestParameters.attributeName: restore
          requestParameters.valuesToAdd|re: '^\d{12}$'
        filter_failed:
          errorCode|exists: true
        condition: 1 of selection_* and not filter_failed
      falsepositives:
        - Backups copied to a disaster-recovery or backup account, images shared across your own accounts
      """#
    ),
    (
      "s3-bucket-policy-public",
      #"""
      title: S3 bucket policy allows everyone
      id: 370fd84c-2b9c-4825-b963-b3167a3065ab
      status: test
      description: >-
        A bucket policy was set with an Allow statement for principal "*" (or AWS "*"): unless a condition or the
        public access block stops it, anyone can reach the objects it names. Deny statements for "*" (such as
        requiring TLS) are not matched, nor are statements with a condition between the effect and the principal.
      author: trailview
      level: high
      tags:
        - attack.exfiltration
        - attack.t1537
        - attack.collection
        - attack.t1530
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          eventSource: s3.amazonaws.com
          eventName: PutBucketPolicy
          requestParameters.bucketPolicy|re:
            - '"Effect"\s*:\s*"Allow"[^{}]*"Principal"\s*:\s*(\{\s*"AWS"\s*:\s*)?(\[\s*)?"\*"'
            - '"Principal"\s*:\s*(\{\s*"AWS"\s*:\s*)?(\[\s*)?"\*"\s*\]?\s*\}?[^{}]*"Effect"\s*:\s*"Allow"'
        filter_failed:
          errorCode|exists: true
        condition: selection and not filter_failed
      falsepositives:
        - Static websites and public datasets
        - Statements that open the principal and restrict it with a condition (aws:SourceVpce, aws:PrincipalOrgID)
      """#
    ),
    (
      "s3-acl-public",
      #"""
      title: S3 bucket or object ACL grants access to all users
      id: bf31da0a-5807-4427-a29f-226364a1f3c0
      status: test
      description: >-
        A bucket or object ACL was set with a canned public ACL (public-read, public-read-write,
        authenticated-read) or a grant to the AllUsers or AuthenticatedUsers groups (AuthenticatedUsers means any
        AWS account, not yours).
      author: trailview
      level: high
      tags:
        - attack.exfiltration
        - attack.t1537
        - attack.collection
        - attack.t1530
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          eventSource: s3.amazonaws.com
          eventName:
            - PutBucketAcl
            - PutObjectAcl
        selection_grant:
          - requestParameters|contains:
              - acs.amazonaws.com/groups/global/AllUsers
              - acs.amazonaws.com/groups/global/AuthenticatedUsers
          - requestParameters.x-amz-acl:
              - public-read
              - public-read-write
              - authenticated-read
        filter_failed:
          errorCode|exists: true
        condition: selection and selection_grant and not filter_failed
      falsepositives:
        - Legacy public websites served from ACLs
      """#
    ),
    (
      "s3-public-access-block-removed",
      #"""
      title: S3 public access block removed or relaxed
      id: a32ab456-60d3-4cf3-a910-ab60e869849b
      status: test
      description: >-
        A bucket's or the account's S3 public access block was deleted, or set with one of its four protections
        off. The block is what stops a public policy or ACL from taking effect; it is turned off just before a
        bucket is made public.
      author: trailview
      level: medium
      tags:
        - attack.exfiltration
        - attack.t1537
        - attack.defense-evasion
        - attack.t1562
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection_deleted:
          eventSource:
            - s3.amazonaws.com
            - s3-control.amazonaws.com
          eventName:
            - DeleteBucketPublicAccessBlock
            - DeleteAccountPublicAccessBlock
        selection_put:
          eventSource:
            - s3.amazonaws.com
            - s3-control.amazonaws.com
          eventName:
            - PutBucketPublicAccessBlock
            - PutAccountPublicAccessBlock
        selection_off:
          - requestParameters.PublicAccessBlockConfiguration.BlockPublicAcls: false
          - requestParameters.PublicAccessBlockConfiguration.IgnorePublicAcls: false
          - requestParameters.PublicAccessBlockConfiguration.BlockPublicPolicy: false
          - requestParameters.PublicAccessBlockConfiguration.RestrictPublicBuckets: false
        filter_failed:
          errorCode|exists: true
        condition: (selection_deleted or (selection_put and selection_off)) and not filter_failed
      falsepositives:
        - Buckets meant to be public (websites, datasets)
      """#
    ),
  ]
}
