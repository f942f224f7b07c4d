extension BuiltinRules {
  /// Initial access: console sign-ins without MFA, failing, or as root; any use of the root user; attack tooling.
  static let initialAccess: [(name: String, yaml: String)] = [
    (
      "console-login-without-mfa",
      #"""
      title: Console sign-in without MFA
      id: d02af56a-509e-4c97-a14c-d237396e2500
      status: test
      description: >-
        An IAM user or the root user signed in to the console with a password alone. A phished or reused password
        is then all it takes. Federated and SSO sign-ins are left out: their MFA happens at the identity provider
        and CloudTrail reports them as MFAUsed No.
      author: trailview
      level: medium
      tags:
        - attack.initial-access
        - attack.t1078.004
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          eventSource: signin.amazonaws.com
          eventName: ConsoleLogin
          userIdentity.type:
            - IAMUser
            - Root
          responseElements.ConsoleLogin: Success
          additionalEventData.MFAUsed: 'No'
        condition: selection
      falsepositives:
        - Users not yet enrolled in MFA, in accounts that do not enforce it
      """#
    ),
    (
      "root-console-login",
      #"""
      title: Root user signed in to the console
      id: fffedd7e-1179-4f89-ab64-a51a33364182
      status: test
      description: >-
        The account's root user signed in to the console. Root cannot be limited by IAM policies and is needed
        for a handful of tasks only; every sign-in should match a planned task by a known person.
      author: trailview
      level: high
      tags:
        - attack.initial-access
        - attack.privilege-escalation
        - attack.t1078.004
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          eventSource: signin.amazonaws.com
          eventName: ConsoleLogin
          userIdentity.type: Root
          responseElements.ConsoleLogin: Success
        condition: selection
      falsepositives:
        - The tasks that require root (closing the account, changing its support plan or root MFA)
      """#
    ),
    (
      "root-account-api-usage",
      #"""
      title: Root user made an API call
      id: 00f281e7-0c5d-454c-a149-66b72253d6f1
      status: test
      description: >-
        A call was made as the account's root user (in the console after signing in, or with a root access key,
        which should not exist). Calls AWS services make on root's behalf and the sign-in itself (its own rule)
        are left out.
      author: trailview
      level: medium
      tags:
        - attack.initial-access
        - attack.privilege-escalation
        - attack.t1078.004
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          userIdentity.type: Root
        filter_service:
          - userIdentity.invokedBy|exists: true
          - eventType: AwsServiceEvent
        filter_signin:
          eventSource: signin.amazonaws.com
        condition: selection and not 1 of filter_*
      falsepositives:
        - The tasks that require root, done by a known person
      """#
    ),
    (
      "console-login-failed",
      #"""
      title: Console sign-in failed
      id: 13a42123-1c3e-4288-8dec-53b2bba7debb
      status: test
      description: >-
        A console sign-in was refused (a wrong password, most often). One failure is weak evidence; a burst of
        them against one user, or across many users from one address, is password guessing or spraying.
      author: trailview
      level: low
      tags:
        - attack.credential-access
        - attack.t1110
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          eventSource: signin.amazonaws.com
          eventName: ConsoleLogin
          responseElements.ConsoleLogin: Failure
        condition: selection
      falsepositives:
        - People mistyping their password
      """#
    ),
    (
      "pentest-distribution-user-agent",
      #"""
      title: API call from a penetration testing distribution
      id: 6ab1dc91-d0ca-4186-8cc4-ad5d55cffd11
      status: test
      description: >-
        The caller's user agent names Kali, Parrot or Pentoo Linux, as AWS SDKs and the CLI do by reporting the
        kernel they run on. Nobody runs production workloads there: it is a penetration test, or an intruder
        using a stolen credential with its usual tools. Every call it makes shows; weigh the first one most.
      author: trailview
      level: medium
      tags:
        - attack.initial-access
        - attack.t1078.004
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          userAgent|contains:
            - kali
            - parrot
            - pentoo
        condition: selection
      falsepositives:
        - Authorized penetration tests and red team exercises
        - Security staff who use Kali as their workstation
      """#
    ),
  ]
}
