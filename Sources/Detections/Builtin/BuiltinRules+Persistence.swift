extension BuiltinRules {
  /// Persistence: new users and credentials, roles that trust outsiders, and Lambda functions opened or changed.
  static let persistence: [(name: String, yaml: String)] = [
    (
      "iam-credentials-created-for-another-user",
      #"""
      title: Access key or console password created for another IAM user
      id: 51f2bb3d-33d6-4f0d-b77a-c65f090f13a5
      status: test
      description: >-
        An identity created an access key or a console password (login profile) for a different IAM user. An
        intruder holding one credential mints more on other users, often ones it has just created or given more
        rights, so that revoking the first key does not lock it out. A console password created with a forced
        reset at first sign-in is left out: that is how administrators onboard people.
      author: trailview
      level: medium
      tags:
        - attack.persistence
        - attack.t1098.001
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          eventSource: iam.amazonaws.com
          eventName:
            - CreateAccessKey
            - CreateLoginProfile
          requestParameters.userName: '*'
        filter_self:
          requestParameters.userName|fieldref: userIdentity.userName
        filter_onboarding:
          eventName: CreateLoginProfile
          requestParameters.passwordResetRequired: true
        filter_failed:
          errorCode|exists: true
        condition: selection and not 1 of filter_*
      falsepositives:
        - Administrators issuing keys to service users by hand (roles and SSO sessions have no userName, so their
          key creation for users always shows)
      """#
    ),
    (
      "iam-user-created",
      #"""
      title: IAM user created
      id: cb2627b9-a3e9-4b4a-bee6-4ba91d0d0930
      status: test
      description: >-
        A new IAM user was created outside CloudFormation. Long-term users are a favourite foothold: they survive
        the rotation of the credential the intruder came in with. Weigh it by who created the user and whether
        keys or policies for it follow.
      author: trailview
      level: low
      tags:
        - attack.persistence
        - attack.t1136.003
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          eventSource: iam.amazonaws.com
          eventName: CreateUser
        filter_service:
          userIdentity.invokedBy|exists: true
        filter_failed:
          errorCode|exists: true
        condition: selection and not 1 of filter_*
      falsepositives:
        - Onboarding people or service users by hand or with Terraform
      """#
    ),
    (
      "iam-role-trust-policy-public",
      #"""
      title: IAM role trust policy lets any AWS principal assume the role
      id: 17619fae-642c-4e1f-8ad4-a56c70d82930
      status: test
      description: >-
        A role was created, or its trust policy replaced, with an Allow statement whose principal is "*" (or
        AWS "*"): any AWS account in the world can then assume it unless a condition narrows it. This is a
        backdoor an intruder can use from its own account after every user key has been revoked.
      author: trailview
      level: high
      tags:
        - attack.persistence
        - attack.privilege-escalation
        - attack.t1098.003
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          eventSource: iam.amazonaws.com
          eventName:
            - UpdateAssumeRolePolicy
            - CreateRole
        selection_public:
          - requestParameters.policyDocument|re: &public
              - '"Effect"\s*:\s*"Allow"[^{}]*"Principal"\s*:\s*(\{\s*"AWS"\s*:\s*)?(\[\s*)?"\*"'
              - '"Principal"\s*:\s*(\{\s*"AWS"\s*:\s*)?(\[\s*)?"\*"\s*\]?\s*\}?[^{}]*"Effect"\s*:\s*"Allow"'
          - requestParameters.assumeRolePolicyDocument|re: *public
          - requestParameters.policyDocument|re|i: &encoded
              - '%22Principal%22%3A(%20|%0A)*(%7B(%20|%0A)*%22AWS%22%3A(%20|%0A)*)?(%5B(%20|%0A)*)?%22(\*|%2A)%22'
          - requestParameters.assumeRolePolicyDocument|re|i: *encoded
        filter_failed:
          errorCode|exists: true
        condition: selection and selection_public and not filter_failed
      falsepositives:
        - Trust policies that open the principal and restrict it with a condition (aws:PrincipalOrgID, an external
          id); the rule does not read conditions
      """#
    ),
    (
      "iam-role-trust-policy-aws-principal",
      #"""
      title: IAM role trust policy names an AWS account principal
      id: 0fa0595c-7a48-47fc-b80a-ba69fa113e20
      status: test
      description: >-
        A role was created, or its trust policy replaced, with an AWS principal (an account, user or role) allowed
        to assume it. When that account is not one of yours, whoever controls it can come back into this account
        at will. The rule cannot compare the account in the policy with this one, so same-account trusts show too.
      author: trailview
      level: medium
      tags:
        - attack.persistence
        - attack.t1098.003
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          eventSource: iam.amazonaws.com
          eventName:
            - UpdateAssumeRolePolicy
            - CreateRole
        selection_aws:
          - requestParameters.policyDocument|re: '"AWS"\s*:'
          - requestParameters.assumeRolePolicyDocument|re: '"AWS"\s*:'
          - requestParameters.policyDocument|contains: '%22AWS%22%3A'
          - requestParameters.assumeRolePolicyDocument|contains: '%22AWS%22%3A'
        filter_failed:
          errorCode|exists: true
        condition: selection and selection_aws and not filter_failed
      falsepositives:
        - Cross-account roles for your own organization's accounts, auditors or vendors
        - Roles that other roles in the same account assume
      """#
    ),
    (
      "lambda-permission-opened",
      #"""
      title: Lambda function or layer opened to everyone or to another account
      id: 698f402b-657b-4a20-abb8-c3a45bf6f445
      status: test
      description: >-
        A Lambda function's resource policy now lets "*" or an AWS account invoke it, or a layer version may be
        used by "*" or another account. A function anyone can call (with the role it runs as) is a way back in; a
        shared layer can carry code out, or into other accounts' functions. Grants limited to an organization are
        left out.
      author: trailview
      level: medium
      tags:
        - attack.persistence
        - attack.t1098
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          eventSource: lambda.amazonaws.com
          eventName|startswith:
            - AddPermission
            - AddLayerVersionPermission
        selection_principal:
          - requestParameters.principal: '\*'
          - requestParameters.principal|re:
              - '^\d{12}$'
              - '^arn:aws[a-z-]*:iam::\d{12}:'
        filter_organization:
          - requestParameters.principalOrgID|exists: true
          - requestParameters.organizationId|exists: true
        filter_failed:
          errorCode|exists: true
        condition: selection and selection_principal and not 1 of filter_*
      falsepositives:
        - Functions invoked by your other accounts (event buses, central deployment), and layers shared with them
      """#
    ),
    (
      "lambda-function-url-public",
      #"""
      title: Lambda function URL without authentication
      id: eb2f68c9-6840-4931-8cb0-82e587309b78
      status: test
      description: >-
        A function URL was created or changed with auth type NONE: anyone on the internet can call the function
        over HTTPS, and it runs with its role's permissions. An intruder uses such a URL as a backdoor that needs no
        AWS credentials at all.
      author: trailview
      level: medium
      tags:
        - attack.persistence
        - attack.t1098
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          eventSource: lambda.amazonaws.com
          eventName|startswith:
            - CreateFunctionUrlConfig
            - UpdateFunctionUrlConfig
          requestParameters.authType: NONE
        filter_failed:
          errorCode|exists: true
        condition: selection and not filter_failed
      falsepositives:
        - Public webhooks and APIs deliberately served by a function URL (they check callers themselves)
      """#
    ),
    (
      "lambda-code-updated-with-user-credentials",
      #"""
      title: Lambda function code replaced with a user's long-term key or from the console
      id: 336c91e3-efd4-4c25-ba03-e401651a54c3
      status: test
      description: >-
        A function's code was replaced by an IAM user's access key, by the root user, or by hand in the console.
        Deployment pipelines normally do this with a role; a stolen key or a person swapping in code is how a
        function is backdoored to run attacker code with the function's role.
      author: trailview
      level: low
      tags:
        - attack.persistence
        - attack.execution
        - attack.t1648
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          eventSource: lambda.amazonaws.com
          eventName|startswith: UpdateFunctionCode
        selection_person:
          - userIdentity.type:
              - IAMUser
              - Root
          - sessionCredentialFromConsole: 'true'
        filter_failed:
          errorCode|exists: true
        condition: selection and selection_person and not filter_failed
      falsepositives:
        - Deployment tools that still use an IAM user's access key
        - Developers editing functions in the console in development accounts
      """#
    ),
    (
      "rolesanywhere-trust-anchor-created",
      #"""
      title: IAM Roles Anywhere trust anchor or profile created
      id: 5eddac2d-436c-4060-b328-cd975e171e09
      status: test
      description: >-
        A Roles Anywhere trust anchor (a certificate authority whose certificates may obtain role credentials) was
        created or changed, or a profile naming roles was created. An intruder who registers its own CA can get
        role sessions from anywhere with certificates it signs, long after its keys are revoked.
      author: trailview
      level: medium
      tags:
        - attack.persistence
        - attack.t1098.001
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          eventSource: rolesanywhere.amazonaws.com
          eventName:
            - CreateTrustAnchor
            - UpdateTrustAnchor
            - CreateProfile
        filter_failed:
          errorCode|exists: true
        condition: selection and not filter_failed
      falsepositives:
        - Setting up Roles Anywhere for on-premises servers
      """#
    ),
    (
      "sts-federation-token-broad",
      #"""
      title: Federation token requested with broad permissions or a long lifetime
      id: fcd94a9f-7a84-4c40-8d43-06cb1f88220d
      status: test
      description: >-
        An IAM user called GetFederationToken with a session policy that allows every action, with the
        AdministratorAccess managed policy, or for longer than 12 hours. Federation tokens outlive the deletion of
        the access key that made them and can open console sessions, so intruders use them to stay in.
      author: trailview
      level: medium
      tags:
        - attack.persistence
        - attack.t1078.004
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          eventSource: sts.amazonaws.com
          eventName: GetFederationToken
        selection_broad:
          - requestParameters.policy|re: '"Action"\s*:\s*(\[\s*)?"\*"'
          - requestParameters.policyArns.arn|endswith: ':policy/AdministratorAccess'
          - requestParameters.durationSeconds|gt: 43200
        filter_failed:
          errorCode|exists: true
        condition: selection and selection_broad and not filter_failed
      falsepositives:
        - Identity brokers that hand out long federated sessions
      """#
    ),
  ]
}
