import PolicyLint

/// Policies that are fine for one rule, mostly the shapes other linters are known to misreport
/// (parliament's `RESOURCE_MISMATCH` on object ARNs, variables and wildcards; unknown-action on
/// lower-case names; `NotAction` handling).
enum QuietTable {
    static func policy(action: String, resource: String = "\"*\"", condition: String? = nil, version: Bool = true) -> String {
        """
        {
          \(version ? "\"Version\": \"2012-10-17\"," : "")
          "Statement": [{
            "Effect": "Allow",
            "Action": \(action),
            "Resource": \(resource)\(condition.map { ",\n    \"Condition\": \($0)" } ?? "")
          }]
        }
        """
    }

    static let cases: [QuietCase] = [
        QuietCase("s3:GetObject on an object ARN", code: "lint.resource-mismatch",
                  policy(action: #""s3:GetObject""#, resource: #""arn:aws:s3:::bucket/folder/file.txt""#)),
        QuietCase("s3:GetObject on a wildcard object ARN", code: "lint.resource-mismatch",
                  policy(action: #""s3:GetObject""#, resource: #""arn:aws:s3:::bucket/*""#)),
        QuietCase("s3:GetObject on arn:aws:s3:::*", code: "lint.resource-mismatch",
                  policy(action: #""s3:GetObject""#, resource: #""arn:aws:s3:::*""#)),
        QuietCase("s3:GetObject on *", code: "lint.resource-mismatch", policy(action: #""s3:GetObject""#)),
        QuietCase("s3:GetObject under a per-user prefix", code: "lint.resource-mismatch",
                  policy(action: #""s3:GetObject""#, resource: #""arn:aws:s3:::bucket/${aws:username}""#)),
        QuietCase("a bucket action next to an object action", code: "lint.resource-mismatch",
                  policy(action: #"["s3:ListBucket", "s3:GetObject"]"#, resource: #""arn:aws:s3:::bucket""#)),
        QuietCase("only one of two resources matches", code: "lint.resource-mismatch",
                  policy(action: #""s3:GetObject""#, resource: #"["arn:aws:s3:::bucket", "arn:aws:s3:::bucket/*"]"#)),
        QuietCase("a DynamoDB export ARN", code: "lint.resource-mismatch",
                  policy(action: #""dynamodb:DescribeExport""#, resource: #""arn:aws:dynamodb:us-east-1:111122223333:table/orders/export/*""#)),
        QuietCase("an upper-case partition", code: "lint.resource-mismatch",
                  policy(action: #""es:DescribeDomain""#, resource: #""arn:AWS:es:us-east-1:111122223333:domain/search""#)),
        // ARN segments: wildcards, policy variables, CloudFormation tokens and AWS's own
        // accounts stand for valid values; empty regions and accounts where a format has none.
    ] + ["lint.invalid-arn-partition", "lint.invalid-arn-region", "lint.invalid-arn-account", "lint.invalid-arn-resource"].flatMap { code in
        [
            QuietCase("wildcards in every segment", code: code, policy(action: #""dynamodb:GetItem""#, resource: #"["arn:*:dynamodb:*:*:table/*", "arn:aws:dynamodb:us-*:1111222233?3:table/orders"]"#)),
            QuietCase("policy variables", code: code, policy(action: #""dynamodb:GetItem""#, resource: #""arn:${aws:partition}:dynamodb:${aws:RequestedRegion}:${aws:PrincipalAccount}:table/${aws:username}""#)),
            QuietCase("CloudFormation tokens", code: code, policy(action: #""dynamodb:GetItem""#, resource: #""arn:⟦AWS.Partition⟧:dynamodb:⟦AWS.Region⟧:⟦AWS.AccountId⟧:table/⟦Ref.Orders⟧/stream/*""#)),
            QuietCase("AWS's account in a managed policy ARN", code: code, policy(action: #""iam:GetPolicy""#, resource: #""arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess""#)),
            QuietCase("a global table without a region", code: code, policy(action: #""dynamodb:DescribeGlobalTable""#, resource: #""arn:aws:dynamodb::111122223333:global-table/orders""#)),
            QuietCase("a bucket without region or account", code: code, policy(action: #""s3:ListBucket""#, resource: #""arn:aws-cn:s3:::bucket""#)),
            QuietCase("colons and slashes in the resource part", code: code, policy(action: #"["logs:PutLogEvents", "lambda:InvokeFunction"]"#, resource: #"["arn:aws:logs:eu-isoe-west-1:111122223333:log-group:/aws/osis/p:*", "arn:aws:lambda:us-gov-west-1:111122223333:function:f:live"]"#)),
            QuietCase("a service the catalogue does not know", code: code, policy(action: #""s3:GetObject""#, resource: #""arn:aws:newservice:us-east-1:111122223333:thing/x""#)),
            QuietCase("principals of every documented form", .resource, code: code, """
                {
                  "Version": "2012-10-17",
                  "Statement": [{
                    "Effect": "Allow",
                    "Principal": {"AWS": ["*", "111122223333", "arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:role/path/r",
                      "arn:aws:iam::111122223333:user/u", "arn:aws:sts::111122223333:assumed-role/r/session", "arn:aws:sts::111122223333:federated-user/f",
                      "AROADBQP57FF2AEXAMPLE", "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E15MNIMTCFKK4C", "⟦ImportValue.shared-role⟧",
                      "arn:⟦AWS.Partition⟧:iam::⟦AWS.AccountId⟧:role/⟦Ref.Role⟧"]},
                    "Action": "s3:GetObject",
                    "Resource": "arn:aws:s3:::bucket/*"
                  }]
                }
                """),
        ]
    } + [
        QuietCase("a lower-case action name", code: "lint.unknown-action", policy(action: #""S3:getobject""#)),
        QuietCase("a wildcard-only action with *", code: "lint.action-needs-wildcard-resource",
                  policy(action: #"["s3:ListAllMyBuckets", "s3:GetObject"]"#, resource: #"["arn:aws:s3:::bucket/*", "*"]"#)),
        QuietCase("s3:prefix on s3:ListBucket", code: "lint.unsupported-condition-key",
                  policy(action: #""s3:ListBucket""#, resource: #""arn:aws:s3:::bucket""#, condition: #"{"StringLike": {"s3:prefix": "home/*"}}"#)),
        QuietCase("a templated key on s3:GetObject", code: "lint.unsupported-condition-key",
                  policy(action: #""s3:GetObject""#, resource: #""arn:aws:s3:::bucket/*""#, condition: #"{"StringEquals": {"s3:ExistingObjectTag/env": "prod"}}"#)),
        QuietCase("a key of a wildcard action", code: "lint.unsupported-condition-key",
                  policy(action: #""s3:Get*""#, condition: #"{"StringLike": {"s3:prefix": "home/*"}}"#)),
        QuietCase("ForAnyValue on a list key", code: "lint.foranyvalue-single-valued-key",
                  policy(action: #""ec2:CreateTags""#, condition: #"{"ForAnyValue:StringEquals": {"aws:TagKeys": "team"}}"#)),
        QuietCase("ForAllValues on aws:TagKeys", code: "lint.forallvalues-single-valued-key",
                  policy(action: #""ec2:CreateTags""#, condition: #"{"ForAllValues:StringEquals": {"aws:TagKeys": ["team", "env"]}}"#)),
        QuietCase("Null on aws:TagKeys", code: "lint.multivalued-key-without-set-operator",
                  policy(action: #""ec2:CreateTags""#, condition: #"{"Null": {"aws:TagKeys": "false"}}"#)),
        QuietCase("the ${*} escape in StringEquals", code: "lint.wildcard-without-like-operator",
                  policy(action: #""s3:GetObject""#, condition: #"{"StringEquals": {"aws:PrincipalTag/team": "a${*}b"}}"#)),
        QuietCase("a wildcard in StringLike", code: "lint.wildcard-without-like-operator",
                  policy(action: #""s3:GetObject""#, condition: #"{"StringLike": {"aws:PrincipalTag/team": "data-*"}}"#)),
        QuietCase("a public range in aws:SourceIp", code: "lint.private-ip-in-source-ip",
                  policy(action: #""s3:GetObject""#, condition: #"{"IpAddress": {"aws:SourceIp": ["0.0.0.0/0", "172.32.0.0/16"]}}"#)),
        QuietCase("iam:PassRole with iam:PassedToService", code: "lint.pass-role-without-passed-to-service",
                  policy(action: #""iam:PassRole""#, condition: #"{"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}"#)),
        QuietCase("iam:PassRole on named roles", code: "lint.pass-role-without-passed-to-service",
                  policy(action: #""iam:PassRole""#, resource: #""arn:aws:iam::111122223333:role/app-*""#)),
        QuietCase("wildcards with ? do not cover", code: "lint.redundant-action", policy(action: #"["s3:G?t*", "s3:G*t"]"#)),
        QuietCase("different resources", code: "lint.redundant-resource",
                  policy(action: #""s3:GetObject""#, resource: #"["arn:aws:s3:::a/*", "arn:aws:s3:::b/*", "arn:aws:s3:::a"]"#)),
        QuietCase("a variable in the account part", code: "lint.invalid-arn",
                  policy(action: #""iam:GetRole""#, resource: #""arn:aws:iam::${aws:PrincipalAccount}:role/app""#)),
        QuietCase("policy variables with 2012-10-17", code: "lint.variables-need-version",
                  policy(action: #""s3:GetObject""#, resource: #""arn:aws:s3:::bucket/${aws:username}/*""#)),
        QuietCase("a global key in a variable", code: "lint.unknown-global-condition-key",
                  policy(action: #""s3:GetObject""#, resource: #""arn:aws:s3:::bucket/${aws:PrincipalTag/team}/*""#,
                         condition: #"{"StringEquals": {"aws:ResourceTag/Team": "${aws:PrincipalTag/team}"}}"#)),
        QuietCase("a Sid with a hyphen in a bucket policy", .resource, code: "lint.invalid-sid", """
        {
          "Version": "2012-10-17",
          "Statement": [{"Sid": "public-read", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
                         "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/*"}]
        }
        """),
        QuietCase("* restricted to an organization", .resource, code: "lint.public-principal-without-condition", """
        {
          "Version": "2012-10-17",
          "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/*",
                         "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}}]
        }
        """),
        QuietCase("a Deny with NotPrincipal", .resource, code: "lint.allow-with-not-principal", """
        {
          "Version": "2012-10-17",
          "Statement": [{"Effect": "Deny", "NotPrincipal": {"AWS": ["arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:role/Admin"]},
                         "Action": "s3:*", "Resource": "arn:aws:s3:::bucket/*"}]
        }
        """),
        QuietCase("an SCP that denies with NotAction", .scp, code: "lint.scp-legacy-syntax", """
        {
          "Version": "2012-10-17",
          "Statement": [{"Effect": "Deny", "NotAction": ["iam:*", "sts:*"], "Resource": "*",
                         "Condition": {"StringNotEquals": {"aws:RequestedRegion": "eu-west-1"}}}]
        }
        """),
        QuietCase("an SCP without Principal", .scp, code: "lint.missing-principal", """
        {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}]}
        """),
    ]
}
