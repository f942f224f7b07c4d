extension BuiltinRules {
  /// Defense evasion: logging and monitoring turned off, narrowed or pointed away, and the account taken out of its
  /// organization.
  static let defenseEvasion: [(name: String, yaml: String)] = [
    (
      "cloudtrail-logging-stopped",
      #"""
      title: CloudTrail logging stopped or trail deleted
      id: 7d1f0b8e-3c1a-4f5e-9a61-0c2b7e4d9a01
      status: stable
      description: >-
        A trail stopped recording or was deleted, so later API calls in the account go unrecorded in S3. Attackers do
        this right after gaining access; the call itself is still in Event History.
      author: trailview
      level: high
      tags:
        - attack.defense-evasion
        - attack.t1562.008
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          eventSource: cloudtrail.amazonaws.com
          eventName:
            - StopLogging
            - DeleteTrail
        filter_failed:
          errorCode|exists: true
        condition: selection and not filter_failed
      falsepositives:
        - Planned decommissioning of a trail by its owners
      """#
    ),
    (
      "cloudtrail-logging-stop-denied",
      #"""
      title: Denied attempt to stop CloudTrail logging or delete a trail
      id: ddb72409-5d13-45f2-951a-cf49cb0a66fc
      status: test
      description: >-
        Someone tried to stop a trail or delete it and was refused. The attempt is itself notable: few people or
        pipelines ever call these, and an intruder probing what a stolen credential may do tries them early.
      author: trailview
      level: medium
      tags:
        - attack.defense-evasion
        - attack.t1562.008
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          eventSource: cloudtrail.amazonaws.com
          eventName:
            - StopLogging
            - DeleteTrail
          errorCode|contains:
            - AccessDenied
            - Unauthorized
        condition: selection
      falsepositives:
        - An administrator whose role lacks the permission, trying a planned change
      """#
    ),
    (
      "cloudtrail-trail-redirected",
      #"""
      title: CloudTrail trail redirected to another bucket or narrowed
      id: d469c477-7c06-4735-a54f-ad919ee0a6f8
      status: test
      description: >-
        A trail was changed to deliver to a different S3 bucket (which an intruder may own or may be able to delete
        from), or to record only one region or no global service events (IAM, STS). Either way the logs the
        account relies on stop arriving where they did.
      author: trailview
      level: medium
      tags:
        - attack.defense-evasion
        - attack.t1562.008
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          eventSource: cloudtrail.amazonaws.com
          eventName: UpdateTrail
        selection_change:
          - requestParameters.s3BucketName: '*'
          - requestParameters.isMultiRegionTrail: false
          - requestParameters.includeGlobalServiceEvents: false
        filter_failed:
          errorCode|exists: true
        condition: selection and selection_change and not filter_failed
      falsepositives:
        - Moving a trail to a new central log archive bucket
      """#
    ),
    (
      "cloudtrail-management-events-excluded",
      #"""
      title: CloudTrail event selectors drop management events
      id: da805ebd-aa45-45aa-8256-ff448611635a
      status: test
      description: >-
        A trail's event selectors were replaced with ones that no longer record management events, or record only
        reads or only writes. The trail keeps running and looks healthy, but the control-plane calls an
        investigation needs (IAM, STS, EC2 changes) are no longer delivered.
      author: trailview
      level: high
      tags:
        - attack.defense-evasion
        - attack.t1562.008
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection_basic:
          eventSource: cloudtrail.amazonaws.com
          eventName: PutEventSelectors
        selection_basic_drops:
          - requestParameters.eventSelectors.includeManagementEvents: false
          - requestParameters.eventSelectors.readWriteType:
              - ReadOnly
              - WriteOnly
        selection_advanced:
          eventSource: cloudtrail.amazonaws.com
          eventName: PutAdvancedEventSelectors
        selection_advanced_management:
          requestParameters.advancedEventSelectors|re: '"Management"'
        selection_advanced_one_way:
          requestParameters.advancedEventSelectors|re:
            - '"Management".*"field"\s*:\s*"readOnly"'
            - '"field"\s*:\s*"readOnly".*"Management"'
        filter_failed:
          errorCode|exists: true
        condition: >-
          ((selection_basic and selection_basic_drops) or
          (selection_advanced and (not selection_advanced_management or selection_advanced_one_way)))
          and not filter_failed
      falsepositives:
        - A data-events-only trail added next to another trail that records management events
      """#
    ),
    (
      "network-logging-removed",
      #"""
      title: VPC flow logs or Route 53 Resolver query logging removed
      id: 68f6f2f4-efcf-4567-aea0-aca92f82ca77
      status: test
      description: >-
        VPC flow logs were deleted, or a Route 53 Resolver query logging configuration was deleted or detached
        from a VPC. These are the network and DNS records that show data leaving and command-and-control traffic;
        removing them blinds the investigation of what a compromised workload talked to.
      author: trailview
      level: medium
      tags:
        - attack.defense-evasion
        - attack.t1562.008
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          - eventSource: ec2.amazonaws.com
            eventName: DeleteFlowLogs
          - eventSource: route53resolver.amazonaws.com
            eventName:
              - DeleteResolverQueryLogConfig
              - DisassociateResolverQueryLogConfig
        filter_failed:
          errorCode|exists: true
        condition: selection and not filter_failed
      falsepositives:
        - Tearing down a VPC or replacing its logging configuration (infrastructure as code does both)
      """#
    ),
    (
      "guardduty-disabled",
      #"""
      title: GuardDuty detector deleted, disabled or detached from its administrator
      id: 6f691805-4a37-40c1-a833-25517360a202
      status: test
      description: >-
        GuardDuty was turned off in a region (the detector deleted or updated with enable false), or monitoring
        between the administrator account and its members was stopped or removed, so threat findings stop being
        produced or stop reaching the security team.
      author: trailview
      level: high
      tags:
        - attack.defense-evasion
        - attack.t1562.001
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection_removed:
          eventSource: guardduty.amazonaws.com
          eventName:
            - DeleteDetector
            - StopMonitoringMembers
            - DisassociateFromMasterAccount
            - DisassociateFromAdministratorAccount
            - DisassociateMembers
            - DeleteMembers
        selection_disabled:
          eventSource: guardduty.amazonaws.com
          eventName: UpdateDetector
          requestParameters.enable: false
        filter_failed:
          errorCode|exists: true
        condition: 1 of selection_* and not filter_failed
      falsepositives:
        - Closing a region or an account, or reorganizing the GuardDuty administrator account
      """#
    ),
    (
      "config-recording-stopped",
      #"""
      title: AWS Config recorder stopped or deleted
      id: dbbaf53f-8aca-4566-9000-f223e8de3291
      status: test
      description: >-
        The AWS Config recorder was stopped or deleted, or its delivery channel deleted. Config keeps the history
        of resource configurations (security groups, bucket policies, IAM) that shows what an intruder changed;
        stopping it hides later changes from both the history and the compliance rules.
      author: trailview
      level: high
      tags:
        - attack.defense-evasion
        - attack.t1562.008
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          eventSource: config.amazonaws.com
          eventName:
            - StopConfigurationRecorder
            - DeleteConfigurationRecorder
            - DeleteDeliveryChannel
        filter_failed:
          errorCode|exists: true
        condition: selection and not filter_failed
      falsepositives:
        - Decommissioning Config in a region, or replacing the recorder during a landing zone migration
      """#
    ),
    (
      "organizations-leave-attempt",
      #"""
      title: Account tried to leave its AWS Organization
      id: 7f2129b9-fb11-4aef-8a13-50d165ebe800
      status: test
      description: >-
        The account called LeaveOrganization. Leaving removes the organization's service control policies,
        organization trails and delegated security tooling at once; a refused attempt is as notable as a
        successful one, since it is seldom anything but deliberate.
      author: trailview
      level: high
      tags:
        - attack.defense-evasion
        - attack.t1666
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          eventSource: organizations.amazonaws.com
          eventName: LeaveOrganization
        condition: selection
      falsepositives:
        - A planned move of the account to another organization
      """#
    ),
    (
      "bedrock-invocation-logging-deleted",
      #"""
      title: Bedrock model invocation logging deleted
      id: 7c3851cb-5708-4acb-894a-29ebbf5c3f37
      status: test
      description: >-
        The account's Bedrock model invocation logging configuration was deleted, so prompts and responses stop
        being recorded. Intruders reselling stolen model access (LLMjacking) remove it before they start.
      author: trailview
      level: medium
      tags:
        - attack.defense-evasion
        - attack.t1562.008
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          eventSource: bedrock.amazonaws.com
          eventName: DeleteModelInvocationLoggingConfiguration
        filter_failed:
          errorCode|exists: true
        condition: selection and not filter_failed
      falsepositives:
        - Turning off invocation logging on purpose, for cost or privacy
      """#
    ),
  ]
}
