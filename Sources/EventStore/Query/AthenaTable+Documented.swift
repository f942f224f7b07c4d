import AWSClient

extension AthenaTable {
  /// AWS's documented CloudTrail table for Athena with partition projection (`timestamp`, `yyyy/MM/dd`): used when
  /// the catalog cannot be asked.
  public static let documentedCloudTrail = AthenaTable(
    columns: [
      ("eventversion", "string"),
      (
        "useridentity",
        "struct<type:string,principalid:string,arn:string,accountid:string,invokedby:string,accesskeyid:string,"
          + "username:string,onbehalfof:struct<userid:string,identitystorearn:string>,sessioncontext:struct<"
          + "attributes:struct<mfaauthenticated:string,creationdate:string>,sessionissuer:struct<type:string,"
          + "principalid:string,arn:string,accountid:string,username:string>,ec2roledelivery:string,"
          + "webidfederationdata:struct<federatedprovider:string,attributes:map<string,string>>>>"
      ),
      ("eventtime", "string"), ("eventsource", "string"), ("eventname", "string"), ("awsregion", "string"),
      ("sourceipaddress", "string"), ("useragent", "string"), ("errorcode", "string"), ("errormessage", "string"),
      ("requestparameters", "string"), ("responseelements", "string"), ("additionaleventdata", "string"),
      ("requestid", "string"), ("eventid", "string"), ("readonly", "string"),
      ("resources", "array<struct<arn:string,accountid:string,type:string>>"), ("eventtype", "string"),
      ("apiversion", "string"), ("recipientaccountid", "string"), ("serviceeventdetails", "string"),
      ("sharedeventid", "string"), ("vpcendpointid", "string"), ("vpcendpointaccountid", "string"),
      ("eventcategory", "string"),
      ("addendum", "struct<reason:string,updatedfields:string,originalrequestid:string,originaleventid:string>"),
      ("sessioncredentialfromconsole", "string"), ("edgedevicedetails", "string"),
      ("tlsdetails", "struct<tlsversion:string,ciphersuite:string,clientprovidedhostheader:string>"),
    ], partitionKeys: [("timestamp", "string")], parameters: [:])
}
