import PolicyModel

/// A small account as `aws iam get-account-authorization-details` prints it, with the documents
/// the raw API would return as URL-encoded strings in four places (a user's and a group's inline
/// policy, a trust policy, a managed policy's default version). Tests assert positions in it, so
/// edits must keep every line where it is.
enum RealisticSnapshot {
    static let text = #"""
    {
     "UserDetailList": [
      {"Path": "/", "UserName": "alice", "UserId": "AIDA0000000000000001", "Arn": "arn:aws:iam::123456789012:user/alice",
       "GroupList": ["Admins", "Developers"],
       "UserPolicyList": [{"PolicyName": "ListShared", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::shared"}]}}],
       "AttachedManagedPolicies": [],
       "PermissionsBoundary": {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": "arn:aws:iam::123456789012:policy/boundaries/DeveloperBoundary"},
       "Tags": [{"Key": "team", "Value": "platform"}]},
      {"Path": "/contractors/", "UserName": "bob", "UserId": "AIDA0000000000000002", "Arn": "arn:aws:iam::123456789012:user/contractors/bob",
       "GroupList": ["Developers"],
       "UserPolicyList": [{"PolicyName": "ListSharedEncoded", "PolicyDocument": "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22s3%3AListBucket%22%2C%22Resource%22%3A%22arn%3Aaws%3As3%3A%3A%3Ashared%22%7D%5D%7D"}],
       "AttachedManagedPolicies": [{"PolicyName": "DeveloperAccess", "PolicyArn": "arn:aws:iam::123456789012:policy/DeveloperAccess"}],
       "Tags": []}
     ],
     "GroupDetailList": [
      {"Path": "/", "GroupName": "Admins", "GroupId": "AGPA0000000000000001", "Arn": "arn:aws:iam::123456789012:group/Admins",
       "GroupPolicyList": [],
       "AttachedManagedPolicies": [{"PolicyName": "AdministratorAccess", "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}]},
      {"Path": "/", "GroupName": "Developers", "GroupId": "AGPA0000000000000002", "Arn": "arn:aws:iam::123456789012:group/Developers",
       "GroupPolicyList": [{"PolicyName": "DataAccess", "PolicyDocument": "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%5B%22s3%3A%2A%22%2C%22dynamodb%3A%2A%22%5D%2C%22Resource%22%3A%22%2A%22%7D%5D%7D"}],
       "AttachedManagedPolicies": [{"PolicyName": "DeveloperAccess", "PolicyArn": "arn:aws:iam::123456789012:policy/DeveloperAccess"}]}
     ],
     "RoleDetailList": [
      {"Path": "/app/", "RoleName": "EC2AppRole", "RoleId": "AROA0000000000000001", "Arn": "arn:aws:iam::123456789012:role/app/EC2AppRole",
       "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
       "InstanceProfileList": [{"Path": "/app/", "InstanceProfileName": "EC2AppProfile", "Arn": "arn:aws:iam::123456789012:instance-profile/app/EC2AppProfile", "Roles": []}],
       "RolePolicyList": [],
       "AttachedManagedPolicies": [{"PolicyName": "DeveloperAccess", "PolicyArn": "arn:aws:iam::123456789012:policy/DeveloperAccess"}],
       "PermissionsBoundary": {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": "arn:aws:iam::123456789012:policy/boundaries/DeveloperBoundary"},
       "Tags": [{"Key": "app", "Value": "orders"}, {"Key": "env", "Value": "prod"}],
       "RoleLastUsed": {"LastUsedDate": "2025-05-01T10:00:00+00:00", "Region": "us-east-1"}},
      {"Path": "/", "RoleName": "PipelineRole", "RoleId": "AROA0000000000000002", "Arn": "arn:aws:iam::123456789012:role/PipelineRole",
       "AssumeRolePolicyDocument": "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22osis-pipelines.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D",
       "InstanceProfileList": [], "RolePolicyList": [], "AttachedManagedPolicies": [], "Tags": [],
       "RoleLastUsed": {}}
     ],
     "Policies": [
      {"PolicyName": "DeveloperAccess", "Arn": "arn:aws:iam::123456789012:policy/DeveloperAccess", "Path": "/", "DefaultVersionId": "v2",
       "PolicyVersionList": [
        {"VersionId": "v2", "IsDefaultVersion": true, "Document": {"Version": "2012-10-17", "Statement": [{"Sid": "Current", "Effect": "Allow", "Action": "dynamodb:Query", "Resource": "*"}]}},
        {"VersionId": "v1", "IsDefaultVersion": false, "Document": {"Version": "2012-10-17", "Statement": [{"Sid": "Old", "Effect": "Allow", "Action": "*", "Resource": "*"}]}}
       ]},
      {"PolicyName": "DeveloperBoundary", "Arn": "arn:aws:iam::123456789012:policy/boundaries/DeveloperBoundary", "Path": "/boundaries/", "DefaultVersionId": "v1",
       "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true, "Document": "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%5B%22s3%3A%2A%22%2C%22dynamodb%3A%2A%22%5D%2C%22Resource%22%3A%22%2A%22%7D%5D%7D"}]},
      {"PolicyName": "AdministratorAccess", "Arn": "arn:aws:iam::aws:policy/AdministratorAccess", "Path": "/", "DefaultVersionId": "v1",
       "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true, "Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}]}
     ],
     "IsTruncated": false
    }
    """#

    /// Where the URL-encoded documents' strings start.
    static let bobsEncodedPolicy = SourcePosition(line: 11, column: 77)
    static let developersEncodedPolicy = SourcePosition(line: 20, column: 71)
    static let pipelineRoleEncodedTrust = SourcePosition(line: 33, column: 32)
    static let boundaryEncodedDocument = SourcePosition(line: 44, column: 84)
}
