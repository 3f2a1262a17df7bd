// The iam-data service files only mention the three tag-related `aws:` keys. The rest of the
// global condition context keys come from AWS's "AWS global condition context keys" page
// (IAM User Guide, reference_policies_condition-keys) and are embedded here with their documented
// types, flagged `d` in the catalogue so readers can tell they did not come from iam-data.
//
// aws:EpochTime is documented as "Date, Numeric"; Date is recorded because date operators are
// the documented primary use and numeric operators also accept it at evaluation time.

let documentedGlobalConditionKeys: [(name: String, type: String)] = [
    ("aws:AssumedRoot", "Bool"),
    ("aws:CalledVia", "ArrayOfString"),
    ("aws:CalledViaAWSMCP", "String"),
    ("aws:CalledViaFirst", "String"),
    ("aws:CalledViaLast", "String"),
    ("aws:ChatbotSourceArn", "ARN"),
    ("aws:CurrentTime", "Date"),
    ("aws:Ec2InstanceSourcePrivateIPv4", "IPAddress"),
    ("aws:Ec2InstanceSourceVpc", "String"),
    ("aws:EpochTime", "Date"),
    ("aws:FederatedProvider", "String"),
    ("aws:MultiFactorAuthAge", "Numeric"),
    ("aws:MultiFactorAuthPresent", "Bool"),
    ("aws:PrincipalAccount", "String"),
    ("aws:PrincipalArn", "ARN"),
    ("aws:PrincipalIsAWSService", "Bool"),
    ("aws:PrincipalOrgID", "String"),
    ("aws:PrincipalOrgPaths", "ArrayOfString"),
    ("aws:PrincipalServiceName", "String"),
    ("aws:PrincipalServiceNamesList", "ArrayOfString"),
    ("aws:PrincipalTag/${TagKey}", "String"),
    ("aws:PrincipalType", "String"),
    ("aws:referer", "String"),
    ("aws:RequestedRegion", "String"),
    ("aws:RequestTag/${TagKey}", "String"),
    ("aws:ResourceAccount", "String"),
    ("aws:ResourceOrgID", "String"),
    ("aws:ResourceOrgPaths", "ArrayOfString"),
    ("aws:ResourceTag/${TagKey}", "String"),
    ("aws:SecureTransport", "Bool"),
    ("aws:SourceAccount", "String"),
    ("aws:SourceArn", "ARN"),
    ("aws:SourceIdentity", "String"),
    ("aws:SourceIp", "IPAddress"),
    ("aws:SourceOrgID", "String"),
    ("aws:SourceOrgPaths", "ArrayOfString"),
    ("aws:SourceVpc", "String"),
    ("aws:SourceVpcArn", "ARN"),
    ("aws:SourceVpce", "String"),
    ("aws:TagKeys", "ArrayOfString"),
    ("aws:TokenIssueTime", "Date"),
    ("aws:UserAgent", "String"),
    ("aws:userid", "String"),
    ("aws:username", "String"),
    ("aws:ViaAWSMCPService", "Bool"),
    ("aws:ViaAWSService", "Bool"),
    ("aws:VpceAccount", "String"),
    ("aws:VpceOrgID", "String"),
    ("aws:VpceOrgPaths", "ArrayOfString"),
    ("aws:VpcSourceIp", "IPAddress"),
]

/// Identity-provider keys that trust policies use constantly but iam-data's sts page omits:
/// GitHub Actions' `aud`/`sub` (iam-data has only the other GitHub claims) and the EKS IAM-roles-
/// for-service-accounts provider, whose keys are named after each cluster's OIDC issuer.
let documentedIdentityProviderKeys: [(name: String, type: String)] = [
    ("oidc.eks.${Region}.amazonaws.com/id/${ClusterOidcId}:aud", "String"),
    ("oidc.eks.${Region}.amazonaws.com/id/${ClusterOidcId}:sub", "String"),
    ("token.actions.githubusercontent.com:aud", "String"),
    ("token.actions.githubusercontent.com:sub", "String"),
]

/// Keys whose iam-data type contradicts AWS's documentation. `cognito-identity.amazonaws.com:amr`
/// carries a list ("authenticated", the provider, ...) and AWS documents it for use with
/// `ForAnyValue:StringLike`, yet iam-data types it `String`.
let conditionKeyTypeOverrides: [String: String] = [
    "cognito-identity.amazonaws.com:amr": "ArrayOfString",
]
