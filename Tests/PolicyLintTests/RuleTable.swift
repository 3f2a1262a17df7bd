import PolicyLint

/// One policy per rule (and per code of multi-code rules), each laid out one element per line so
/// the expected positions can be read off the text: statements open at 3:17, elements start at
/// column 5 of line 4 onwards.
enum RuleTable {
    static let errors: [LintCase] = [
        LintCase("an action without a colon", code: "lint.invalid-action", .error, at: [(5, 15)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Action": "s3GetObject",
            "Resource": "*"
          }]
        }
        """),
        LintCase("a policy variable in an action", code: "lint.invalid-action", .error, at: [(5, 15)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Action": "s3:${aws:username}",
            "Resource": "*"
          }]
        }
        """),
        LintCase("an unknown service prefix", code: "lint.unknown-service", .error, at: [(5, 32)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Action": ["s3:GetObject", "s4:GetObject"],
            "Resource": "*"
          }]
        }
        """),
        LintCase("a misspelt action, also under NotAction", code: "lint.unknown-action", .error, at: [(5, 18)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Deny",
            "NotAction": "s3:GetObjekt",
            "Resource": "*"
          }]
        }
        """),
        LintCase("an action wildcard that matches nothing", code: "lint.action-matches-nothing", .error, at: [(5, 15)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Action": "s3:Gte*",
            "Resource": "*"
          }]
        }
        """),
        LintCase("a policy variable in a principal", .resource, code: "lint.variable-in-principal", .error, at: [(5, 26)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::111122223333:user/${aws:username}"},
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::bucket/*"
          }]
        }
        """),
        LintCase("Principal in an identity-based policy", code: "lint.principal-not-allowed", .error, at: [(5, 18)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Principal": {"AWS": "111122223333"},
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::bucket/*"
          }]
        }
        """),
        LintCase("NotPrincipal in an SCP", .scp, code: "lint.principal-not-allowed", .error, at: [(5, 21)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Deny",
            "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:role/Admin"},
            "Action": "*",
            "Resource": "*"
          }]
        }
        """),
        LintCase("a bucket policy statement without Principal", .resource, code: "lint.missing-principal", .error, at: [(3, 17)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::bucket/*"
          }]
        }
        """),
        LintCase("Resource in a trust policy", .trust, code: "lint.trust-policy-resource", .error, at: [(7, 17)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
            "Action": "sts:AssumeRole",
            "Resource": "arn:aws:iam::111122223333:role/R"
          }]
        }
        """),
        LintCase("NotPrincipal in a trust policy", .trust, code: "lint.trust-policy-not-principal", .error, at: [(5, 21)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Deny",
            "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"},
            "Action": "sts:AssumeRole"
          }]
        }
        """),
        LintCase("a bare * principal in a trust policy", .trust, code: "lint.trust-policy-wildcard-principal", .error, at: [(5, 18)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Principal": "*",
            "Action": "sts:AssumeRole",
            "Condition": {
              "StringEquals": {
                "aws:PrincipalOrgID": "o-abc123"
              }
            }
          }]
        }
        """),
        LintCase("a named principal in an RCP", .rcp, code: "lint.rcp-principal", .error, at: [(5, 18)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Deny",
            "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
            "Action": "s3:*",
            "Resource": "*"
          }]
        }
        """),
        LintCase("a resource that is not an ARN", code: "lint.invalid-arn-prefix", .error, at: [(6, 17)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": "bucket/*"
          }]
        }
        """),
        LintCase("an ARN with too few parts", code: "lint.invalid-arn", .error, at: [(6, 43)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": ["arn:aws:s3:::bucket/*", "arn:aws:s3"]
          }]
        }
        """),
        LintCase("an upper-case service in an ARN", code: "lint.invalid-arn-service-case", .error, at: [(6, 17)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:S3:::bucket/*"
          }]
        }
        """),
        LintCase("a placeholder for the account", code: "lint.invalid-arn-account", .error, at: [(6, 17)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Action": "sqs:SendMessage",
            "Resource": "arn:aws:sqs:us-east-1:{account-id}:orders"
          }]
        }
        """),
        LintCase("a placeholder account in a principal", .resource, code: "lint.invalid-arn-account", .error, at: [(5, 27), (5, 65)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Principal": {"AWS": ["arn:aws:iam::<account number>:root", "ACCOUNT_ID"]},
            "Action": "sqs:SendMessage",
            "Resource": "*"
          }]
        }
        """),
        LintCase("a region that is not a region", code: "lint.invalid-arn-region", .error, at: [(6, 17)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Action": "sqs:SendMessage",
            "Resource": "arn:aws:sqs:{region}:111122223333:orders"
          }]
        }
        """),
        LintCase("a partition that is not one", code: "lint.invalid-arn-partition", .error, at: [(6, 17)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Action": "sqs:SendMessage",
            "Resource": "arn:amazon:sqs:us-east-1:111122223333:orders"
          }]
        }
        """),
        LintCase("a resource part of no DynamoDB format", code: "lint.invalid-arn-resource", .error, at: [(6, 20)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Action": "dynamodb:GetItem",
            "NotResource": "arn:aws:dynamodb:us-east-1:111122223333:tables/orders"
          }]
        }
        """),
        LintCase("a principal ARN that names no principal", .trust, code: "lint.invalid-arn-resource", .error, at: [(5, 26)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam:us-east-1:111122223333:role/deployer"},
            "Action": "sts:AssumeRole"
          }]
        }
        """),
        LintCase("a wildcard in an ARN's service part", code: "lint.invalid-arn-service-wildcard", .error, at: [(6, 20)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "NotResource": "arn:aws:s*:::bucket/*"
          }]
        }
        """),
        LintCase("s3:GetObject on a bucket ARN", code: "lint.resource-mismatch", .error, at: [(6, 17)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::bucket"
          }]
        }
        """),
        LintCase("actions of two services on resources of two others", code: "lint.resource-mismatch", .error, at: [(6, 17)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Action": ["es:DescribeDomain", "dynamodb:GetItem"],
            "Resource": ["arn:aws:s3:::bucket/*", "arn:aws:sqs:us-east-1:111122223333:queue"]
          }]
        }
        """),
        LintCase("the same Sid twice", code: "lint.duplicate-sid", .error, at: [(12, 12)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Sid": "Read",
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::bucket/*"
          },
          {
            "Effect": "Allow",
            "Action": "s3:PutObject",
            "Sid": "Read",
            "Resource": "arn:aws:s3:::bucket/*"
          }]
        }
        """),
        LintCase("a Sid with a space in an identity-based policy", code: "lint.invalid-sid", .error, at: [(4, 12)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Sid": "Read objects",
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::bucket/*"
          }]
        }
        """),
        LintCase("a misspelt global key and policy variable", code: "lint.unknown-global-condition-key", .error, at: [(6, 17), (9, 9)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::bucket/${aws:usrname}/*",
            "Condition": {
              "StringEquals": {
                "aws:SourceAcount": "111122223333"
              }
            }
          }]
        }
        """),
    ]

    static let securityWarnings: [LintCase] = [
        LintCase("Allow with NotPrincipal", .resource, code: "lint.allow-with-not-principal", .securityWarning, at: [(5, 21)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:user/mallory"},
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::bucket/*"
          }]
        }
        """),
        LintCase("a bucket open to {\"AWS\": \"*\"} without a condition", .resource, code: "lint.public-principal-without-condition", .securityWarning, at: [(5, 26)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Principal": {"AWS": "*"},
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::bucket/*"
          }]
        }
        """),
        LintCase("a bucket open to \"*\" without a condition", .resource, code: "lint.public-principal-without-condition", .securityWarning, at: [(5, 18)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::bucket/*"
          }]
        }
        """),
        LintCase("Allow with NotAction on every resource", code: "lint.allow-not-action-all-resources", .securityWarning, at: [(5, 18)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "NotAction": "iam:*",
            "Resource": "*"
          }]
        }
        """),
        LintCase("Allow with NotResource", code: "lint.allow-not-resource", .securityWarning, at: [(6, 20)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "NotResource": "arn:aws:s3:::secret/*"
          }]
        }
        """),
        LintCase("ForAllValues on aws:SourceIp and a principal tag", code: "lint.forallvalues-single-valued-key", .securityWarning, at: [(9, 9), (12, 9)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::bucket/*",
            "Condition": {
              "ForAllValues:IpAddress": {
                "aws:SourceIp": "203.0.113.0/24"
              },
              "ForAllValues:StringEquals": {
                "aws:PrincipalTag/team": "data"
              }
            }
          }]
        }
        """),
        LintCase("iam:PassRole and iam:* on every role", code: "lint.pass-role-without-passed-to-service", .securityWarning, at: [(5, 15), (10, 15)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Action": "iam:PassRole",
            "Resource": "*"
          },
          {
            "Effect": "Allow",
            "Action": "iam:*",
            "Resource": "*"
          }]
        }
        """),
        LintCase("a service principal trusted without a source condition", .trust, code: "lint.service-principal-without-source", .securityWarning, at: [(5, 30)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Principal": {"Service": "osis-pipelines.amazonaws.com"},
            "Action": "sts:AssumeRole"
          }]
        }
        """),
        LintCase("a Cognito trust without aud", .trust, code: "lint.cognito-trust-missing-aud", .securityWarning, at: [(5, 32)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Principal": {"Federated": "cognito-identity.amazonaws.com"},
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": {
              "ForAnyValue:StringLike": {
                "cognito-identity.amazonaws.com:amr": "authenticated"
              }
            }
          }]
        }
        """),
        LintCase("a Cognito trust without amr", .trust, code: "lint.cognito-trust-missing-amr", .securityWarning, at: [(5, 32)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Principal": {"Federated": "cognito-identity.amazonaws.com"},
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": {
              "StringEquals": {
                "cognito-identity.amazonaws.com:aud": "us-east-1:12345678-1234-1234-1234-123456789012"
              }
            }
          }]
        }
        """),
    ]

    static let warnings: [LintCase] = [
        LintCase("Allow with NotAction in an SCP", .scp, code: "lint.scp-legacy-syntax", .warning, at: [(5, 18)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "NotAction": "iam:*",
            "Resource": "*"
          }]
        }
        """),
        LintCase("a policy variable under 2008-10-17", code: "lint.variables-need-version", .warning, at: [(6, 17), (9, 32)], """
        {
          "Version": "2008-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Action": "s3:ListBucket",
            "Resource": "arn:aws:s3:::bucket/${aws:username}",
            "Condition": {
              "StringLike": {
                "s3:prefix": ["home/", "home/${aws:username}/*"]
              }
            }
          }]
        }
        """),
        LintCase("StringEquals on aws:TagKeys", code: "lint.multivalued-key-without-set-operator", .warning, at: [(9, 9)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Action": "ec2:CreateTags",
            "Resource": "*",
            "Condition": {
              "StringEquals": {
                "aws:TagKeys": "team"
              }
            }
          }]
        }
        """),
        LintCase("a wildcard in a StringEquals value", code: "lint.wildcard-without-like-operator", .warning, at: [(9, 34)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::bucket/*",
            "Condition": {
              "StringEquals": {
                "aws:PrincipalTag/team": "data-*"
              }
            }
          }]
        }
        """),
        LintCase("ForAnyValue on aws:SourceVpce", code: "lint.foranyvalue-single-valued-key", .warning, at: [(9, 9)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::bucket/*",
            "Condition": {
              "ForAnyValue:StringEquals": {
                "aws:SourceVpce": "vpce-1a2b3c4d"
              }
            }
          }]
        }
        """),
        LintCase("s3:ListAllMyBuckets with a bucket ARN", code: "lint.action-needs-wildcard-resource", .warning, at: [(5, 33)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Action": ["s3:ListBucket", "s3:ListAllMyBuckets"],
            "Resource": "arn:aws:s3:::bucket"
          }]
        }
        """),
        LintCase("s3:prefix on s3:GetObject", code: "lint.unsupported-condition-key", .warning, at: [(9, 9)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::bucket/*",
            "Condition": {
              "StringLike": {
                "s3:prefix": "home/*"
              }
            }
          }]
        }
        """),
        LintCase("a private range in aws:SourceIp", code: "lint.private-ip-in-source-ip", .warning, at: [(9, 44)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::bucket/*",
            "Condition": {
              "IpAddress": {
                "aws:SourceIp": ["203.0.113.0/24", "10.1.0.0/16"]
              }
            }
          }]
        }
        """),
    ]

    static let suggestions: [LintCase] = [
        LintCase("no Version", code: "lint.missing-version", .suggestion, at: [(1, 1)], """
        {
          "Statement": [{
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::bucket/*"
          }]
        }
        """),
        LintCase("an action covered by a wildcard", code: "lint.redundant-action", .suggestion, at: [(5, 27), (5, 43)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Action": ["s3:Get*", "s3:GetObject", "S3:GET*"],
            "Resource": "arn:aws:s3:::bucket/*"
          }]
        }
        """),
        LintCase("a resource covered by a wildcard", code: "lint.redundant-resource", .suggestion, at: [(6, 18)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": ["arn:aws:s3:::bucket/logs/*", "arn:aws:s3:::bucket/*"]
          }]
        }
        """),
        LintCase("an action covered by a wildcard with ?", code: "lint.redundant-action", .suggestion, at: [(5, 27)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Action": ["s3:G?t*", "s3:GetObject*"],
            "Resource": "arn:aws:s3:::bucket/*"
          }]
        }
        """),
        LintCase("a resource covered by a wildcard with ?", code: "lint.redundant-resource", .suggestion, at: [(6, 18)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": ["arn:aws:s3:::bucket/logs/*", "arn:aws:s3:::bucke?/*"]
          }]
        }
        """),
        LintCase("a statement repeated with entries in another order", code: "lint.redundant-statement", .suggestion, at: [(8, 3)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Action": ["s3:GetObject", "s3:PutObject"],
            "Resource": "arn:aws:s3:::bucket/*"
          },
          {
            "Sid": "Again",
            "Effect": "Allow",
            "Action": ["s3:PutObject", "s3:GetObject"],
            "Resource": ["arn:aws:s3:::bucket/*"]
          }]
        }
        """),
        LintCase("Null with ForAllValues", code: "lint.null-with-qualifier", .suggestion, at: [(9, 9)], """
        {
          "Version": "2012-10-17",
          "Statement": [{
            "Effect": "Allow",
            "Action": "ec2:CreateTags",
            "Resource": "*",
            "Condition": {
              "ForAllValues:Null": {
                "aws:TagKeys": "false"
              }
            }
          }]
        }
        """),
    ]

    static let all = errors + securityWarnings + warnings + suggestions
}
