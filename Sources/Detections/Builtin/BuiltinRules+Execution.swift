extension BuiltinRules {
  /// Execution: commands and sessions on instances, boot scripts changed, expensive instances launched.
  static let execution: [(name: String, yaml: String)] = [
    (
      "ssm-command-sent",
      #"""
      title: SSM Run Command sent to instances
      id: 6fac9efc-d596-4df6-80b8-d9eff3c080ac
      status: test
      description: >-
        SendCommand ran a document (a shell or PowerShell script, typically) on managed instances, as root or
        SYSTEM. Whoever can call it runs code on every instance it targets without network access to them, which
        makes it the first move from the control plane onto hosts.
      author: trailview
      level: medium
      tags:
        - attack.execution
        - attack.t1651
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          eventSource: ssm.amazonaws.com
          eventName: SendCommand
        filter_service:
          - userIdentity.invokedBy|exists: true
          - sourceIPAddress|endswith: .amazonaws.com
        filter_failed:
          errorCode|exists: true
        condition: selection and not 1 of filter_*
      falsepositives:
        - Patching and configuration pipelines that run commands through SSM
      """#
    ),
    (
      "ssm-session-started",
      #"""
      title: SSM Session Manager shell started on an instance
      id: eb1e5488-e265-4c80-b84f-3920c41fa4e1
      status: test
      description: >-
        StartSession opened an interactive shell (or a port forward) on a managed instance. Administrators use it
        in place of SSH; with a stolen credential it is a way onto hosts that have no open ports.
      author: trailview
      level: low
      tags:
        - attack.lateral-movement
        - attack.t1021.008
        - attack.execution
        - attack.t1651
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          eventSource: ssm.amazonaws.com
          eventName: StartSession
        filter_failed:
          errorCode|exists: true
        condition: selection and not filter_failed
      falsepositives:
        - Administrators and support staff using Session Manager as their normal way in
      """#
    ),
    (
      "ec2-user-data-modified",
      #"""
      title: EC2 instance user data changed
      id: dc1df482-b1fb-4f8d-9590-7dbfcf5d9a00
      status: test
      description: >-
        ModifyInstanceAttribute replaced a (stopped) instance's user data, the script cloud-init runs as root at
        boot. Changing it and starting the instance runs any command on it, and user data is also where
        credentials get planted or read.
      author: trailview
      level: medium
      tags:
        - attack.execution
        - attack.t1651
        - attack.persistence
        - attack.t1037
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          eventSource: ec2.amazonaws.com
          eventName: ModifyInstanceAttribute
          requestParameters.userData|exists: true
        filter_failed:
          errorCode|exists: true
        condition: selection and not filter_failed
      falsepositives:
        - Changing the bootstrap script of a long-lived instance during maintenance
      """#
    ),
    (
      "ec2-gpu-or-large-instance-launched",
      #"""
      title: GPU, accelerator or very large EC2 instance launched
      id: 0773caca-e1de-43a4-8985-4e4657f78fe5
      status: test
      description: >-
        RunInstances launched a GPU or machine-learning accelerator instance (p, g, inf, trn, dl families), a
        high-memory instance (x, u-), a bare-metal one or a 24xlarge or larger. These are what cryptocurrency
        miners launch with stolen credentials; in accounts that never use them, one is worth a look.
      author: trailview
      level: medium
      tags:
        - attack.impact
        - attack.t1496
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          eventSource: ec2.amazonaws.com
          eventName: RunInstances
        selection_type:
          - requestParameters.instanceType|startswith: &families
              - p2.
              - p3
              - p4
              - p5
              - p6
              - g3
              - g4
              - g5
              - g6
              - inf1.
              - inf2.
              - trn1
              - trn2
              - dl1.
              - dl2q.
              - x1
              - x2
              - u-
              - u7
          - requestParameters.instanceType.value|startswith: *families
          - responseElements.instancesSet.items.instanceType|startswith: *families
          - requestParameters.instanceType|endswith: &sizes
              - .metal
              - .24xlarge
              - .32xlarge
              - .48xlarge
              - .56xlarge
              - .112xlarge
          - responseElements.instancesSet.items.instanceType|endswith: *sizes
        filter_failed:
          errorCode|exists: true
        condition: selection and selection_type and not filter_failed
      falsepositives:
        - Machine-learning, rendering and large database workloads
      """#
    ),
  ]
}
