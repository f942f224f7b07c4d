extension BuiltinRules {
  /// Discovery: reads refused by IAM, one event each (a burst of them is the signal); inventories of secrets, keys and
  /// the organization first.
  static let discovery: [(name: String, yaml: String)] = [
    (
      "discovery-access-denied",
      #"""
      title: List, Describe or Get call denied
      id: 798224df-fffa-47bc-a5c4-a9617b22544c
      status: test
      description: >-
        A read-only List, Describe or Get call was refused for lack of permission. One such event is weak
        evidence (misconfigured tools and consoles hit them daily); a burst of them from one identity across
        many services is how a stolen credential's reach is mapped (enumerate-iam, Pacu, manual recon). The
        inventories an intruder looks for first have their own rule, one level up.
      author: trailview
      level: informational
      tags:
        - attack.discovery
        - attack.t1526
        - attack.t1580
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          eventName|startswith:
            - List
            - Describe
            - Get
          errorCode:
            - AccessDenied
            - AccessDeniedException
            - UnauthorizedOperation
            - Client.UnauthorizedOperation
        filter_service:
          - userIdentity.invokedBy|exists: true
          - sourceIPAddress|endswith: .amazonaws.com
        condition: selection and not 1 of filter_*
      falsepositives:
        - Consoles and tools that probe for optional features
        - Least-privilege roles running a tool that reads more than it needs
      """#
    ),
    (
      "discovery-sensitive-inventory-denied",
      #"""
      title: Listing of secrets, keys or the organization denied
      id: 275db7ca-7568-454e-b013-c34d67f2b862
      status: test
      description: >-
        A call listing the account's secrets (Secrets Manager, SSM parameters), KMS keys and aliases, the
        organization's accounts and structure, or every IAM entity with its policies at once was refused.
        Workloads seldom need these inventories and never by trial; an intruder with a fresh credential asks for
        exactly them. One event is weak evidence; several across these services from one identity is recon.
      author: trailview
      level: low
      tags:
        - attack.discovery
        - attack.t1526
        - attack.t1087.004
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          - eventSource: secretsmanager.amazonaws.com
            eventName: ListSecrets
          - eventSource: kms.amazonaws.com
            eventName:
              - ListKeys
              - ListAliases
          - eventSource: organizations.amazonaws.com
            eventName|startswith:
              - List
              - DescribeOrganization
          - eventSource: ssm.amazonaws.com
            eventName: DescribeParameters
          - eventSource: iam.amazonaws.com
            eventName: GetAccountAuthorizationDetails
        selection_denied:
          errorCode:
            - AccessDenied
            - AccessDeniedException
            - UnauthorizedOperation
            - Client.UnauthorizedOperation
        filter_service:
          - userIdentity.invokedBy|exists: true
          - sourceIPAddress|endswith: .amazonaws.com
        condition: selection and selection_denied and not 1 of filter_*
      falsepositives:
        - Consoles opening the Secrets Manager, KMS or Organizations pages for someone without access
      """#
    ),
  ]
}
