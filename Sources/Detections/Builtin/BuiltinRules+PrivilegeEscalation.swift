extension BuiltinRules {
  /// Privilege escalation: administrator rights granted by managed or inline policy, and other users' passwords reset.
  static let privilegeEscalation: [(name: String, yaml: String)] = [
    (
      "iam-admin-policy-attached",
      #"""
      title: Administrator managed policy attached to a user, role or group
      id: cc789d9a-6c83-4509-a2dd-b9c731a9669d
      status: test
      description: >-
        AdministratorAccess (full rights over everything) or IAMFullAccess (enough to grant itself everything) was
        attached to an IAM user, role or group. Intruders do this to the user they just created, or to the
        credential they hold, before turning off logging and security tooling.
      author: trailview
      level: high
      tags:
        - attack.privilege-escalation
        - attack.persistence
        - attack.t1098.003
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          eventSource: iam.amazonaws.com
          eventName:
            - AttachUserPolicy
            - AttachRolePolicy
            - AttachGroupPolicy
          requestParameters.policyArn|endswith:
            - ':policy/AdministratorAccess'
            - ':policy/IAMFullAccess'
        filter_failed:
          errorCode|exists: true
        condition: selection and not filter_failed
      falsepositives:
        - Setting up a break-glass or administrator role
      """#
    ),
    (
      "iam-inline-admin-policy",
      #"""
      title: Inline or customer policy allows every action on every resource
      id: 6bc58f3d-c2e4-4cdd-bff9-9f4798f5ed2f
      status: test
      description: >-
        An inline policy was put on a user, role or group, or a new default version of a managed policy was
        created, with an Allow statement for action "*" on resource "*": administrator rights under an innocent
        policy name, which a glance at attached managed policies misses.
      author: trailview
      level: high
      tags:
        - attack.privilege-escalation
        - attack.persistence
        - attack.t1098.003
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          eventSource: iam.amazonaws.com
          eventName:
            - PutUserPolicy
            - PutRolePolicy
            - PutGroupPolicy
            - CreatePolicyVersion
        selection_statement:
          requestParameters.policyDocument|re:
            - '"Effect"\s*:\s*"Allow"[^{}]*"Action"\s*:\s*(\[\s*)?"\*"[^{}]*"Resource"\s*:\s*(\[\s*)?"\*"'
            - '"Effect"\s*:\s*"Allow"[^{}]*"Resource"\s*:\s*(\[\s*)?"\*"[^{}]*"Action"\s*:\s*(\[\s*)?"\*"'
            - '"Action"\s*:\s*(\[\s*)?"\*"[^{}]*"Effect"\s*:\s*"Allow"[^{}]*"Resource"\s*:\s*(\[\s*)?"\*"'
            - '"Action"\s*:\s*(\[\s*)?"\*"[^{}]*"Resource"\s*:\s*(\[\s*)?"\*"[^{}]*"Effect"\s*:\s*"Allow"'
            - '"Resource"\s*:\s*(\[\s*)?"\*"[^{}]*"Effect"\s*:\s*"Allow"[^{}]*"Action"\s*:\s*(\[\s*)?"\*"'
            - '"Resource"\s*:\s*(\[\s*)?"\*"[^{}]*"Action"\s*:\s*(\[\s*)?"\*"[^{}]*"Effect"\s*:\s*"Allow"'
        selection_encoded:
          requestParameters.policyDocument|re|i|all:
            - '%22Effect%22%3A(%20|%0A)*%22Allow%22'
            - '%22Action%22%3A(%20|%0A)*(%5B(%20|%0A)*)?%22(\*|%2A)%22'
            - '%22Resource%22%3A(%20|%0A)*(%5B(%20|%0A)*)?%22(\*|%2A)%22'
        filter_failed:
          errorCode|exists: true
        condition: selection and 1 of selection_* and not filter_failed
      falsepositives:
        - Administrator roles defined with inline policies
      """#
    ),
    (
      "iam-login-profile-updated-for-another-user",
      #"""
      title: Console password of another IAM user changed
      id: f8b3d73e-55f1-45a3-9e07-1b795f6c3881
      status: test
      description: >-
        An identity reset the console password of a different IAM user (UpdateLoginProfile; people changing their
        own password use ChangePassword). With the new password the caller can sign in as that user and act with
        its rights, which may be greater than its own.
      author: trailview
      level: medium
      tags:
        - attack.privilege-escalation
        - attack.persistence
        - attack.t1098.001
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          eventSource: iam.amazonaws.com
          eventName: UpdateLoginProfile
          requestParameters.userName: '*'
        filter_self:
          requestParameters.userName|fieldref: userIdentity.userName
        filter_failed:
          errorCode|exists: true
        condition: selection and not 1 of filter_*
      falsepositives:
        - Help-desk password resets by administrators
      """#
    ),
  ]
}
