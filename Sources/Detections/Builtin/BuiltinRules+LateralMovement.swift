extension BuiltinRules {
  /// Lateral movement: SSH keys pushed to instances through EC2 Instance Connect and the serial console.
  static let lateralMovement: [(name: String, yaml: String)] = [
    (
      "ec2-instance-connect-ssh-key-pushed",
      #"""
      title: SSH key pushed to an instance with EC2 Instance Connect
      id: 1dfd730e-01a1-4864-9bd9-abd21f61e132
      status: test
      description: >-
        SendSSHPublicKey installed a public key for an OS user on an instance for sixty seconds, long enough to
        log in with SSH. With API access alone, an intruder gets a shell on any instance that runs the Instance
        Connect agent and is reachable.
      author: trailview
      level: low
      tags:
        - attack.lateral-movement
        - attack.t1021.008
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          eventSource: ec2-instance-connect.amazonaws.com
          eventName: SendSSHPublicKey
        filter_failed:
          errorCode|exists: true
        condition: selection and not filter_failed
      falsepositives:
        - Administrators connecting through the console's Instance Connect button
      """#
    ),
    (
      "ec2-serial-console-ssh-key-pushed",
      #"""
      title: SSH key pushed for the EC2 serial console
      id: dd59258b-391c-4ad0-909f-618bff8d01ac
      status: test
      description: >-
        SendSerialConsoleSSHPublicKey opened the instance's serial console to a key. The serial console reaches the
        machine below its network (no security group, no open port) and is rarely used outside break-glass
        troubleshooting.
      author: trailview
      level: medium
      tags:
        - attack.lateral-movement
        - attack.t1021.008
      logsource:
        product: aws
        service: cloudtrail
      detection:
        selection:
          eventSource: ec2-instance-connect.amazonaws.com
          eventName: SendSerialConsoleSSHPublicKey
        filter_failed:
          errorCode|exists: true
        condition: selection and not filter_failed
      falsepositives:
        - Troubleshooting an instance that does not boot or has lost its network
      """#
    ),
  ]
}
