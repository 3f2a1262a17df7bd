/// Verbatim copies of `../shared/fixtures/seed-stack/DashboardStack.<tag>.template.json` (see that
/// folder's README), so the tests run from a clean clone. `SeedStackTemplateTests` checks they still
/// match the shared files when those are present.
enum SeedStackTemplates {
    static let concreteFileName = "DashboardStack.123456789012-us-east-1.template.json"
    static let agnosticFileName = "DashboardStack.agnostic.template.json"

    // swiftformat:disable all
    static let concrete = #"""
{
  "Resources": {
    "CognitoUserPool53E37E69": {
      "Type": "AWS::Cognito::UserPool",
      "Properties": {
        "AccountRecoverySetting": {
          "RecoveryMechanisms": [
            {
              "Name": "verified_phone_number",
              "Priority": 1
            },
            {
              "Name": "verified_email",
              "Priority": 2
            }
          ]
        },
        "AdminCreateUserConfig": {
          "AllowAdminCreateUserOnly": true
        },
        "AutoVerifiedAttributes": [
          "email"
        ],
        "EmailVerificationMessage": "The verification code to your new account is {####}",
        "EmailVerificationSubject": "Verify your new account",
        "Schema": [
          {
            "Mutable": true,
            "Name": "email",
            "Required": true
          }
        ],
        "SmsVerificationMessage": "The verification code to your new account is {####}",
        "UsernameAttributes": [
          "email"
        ],
        "VerificationMessageTemplate": {
          "DefaultEmailOption": "CONFIRM_WITH_CODE",
          "EmailMessage": "The verification code to your new account is {####}",
          "EmailSubject": "Verify your new account",
          "SmsMessage": "The verification code to your new account is {####}"
        }
      },
      "UpdateReplacePolicy": "Delete",
      "DeletionPolicy": "Delete",
      "Metadata": {
        "aws:cdk:path": "DashboardStack/CognitoUserPool/Resource"
      }
    },
    "CognitoUserPoolCognitoUserPoolClient12D87FF5": {
      "Type": "AWS::Cognito::UserPoolClient",
      "Properties": {
        "AllowedOAuthFlows": [
          "implicit",
          "code"
        ],
        "AllowedOAuthFlowsUserPoolClient": true,
        "AllowedOAuthScopes": [
          "profile",
          "phone",
          "email",
          "openid",
          "aws.cognito.signin.user.admin"
        ],
        "CallbackURLs": [
          "https://example.com"
        ],
        "ClientName": "CognitoUserPoolClient",
        "GenerateSecret": false,
        "SupportedIdentityProviders": [
          "COGNITO"
        ],
        "UserPoolId": {
          "Ref": "CognitoUserPool53E37E69"
        }
      },
      "Metadata": {
        "aws:cdk:path": "DashboardStack/CognitoUserPool/CognitoUserPoolClient/Resource"
      }
    },
    "CognitoUserPoolDomainE8F0BE4E": {
      "Type": "AWS::Cognito::UserPoolDomain",
      "Properties": {
        "Domain": "zeroetldemo",
        "UserPoolId": {
          "Ref": "CognitoUserPool53E37E69"
        }
      },
      "Metadata": {
        "aws:cdk:path": "DashboardStack/CognitoUserPool/Domain/Resource"
      }
    },
    "CognitoIdentityPool": {
      "Type": "AWS::Cognito::IdentityPool",
      "Properties": {
        "AllowUnauthenticatedIdentities": false,
        "CognitoIdentityProviders": [
          {
            "ClientId": {
              "Ref": "CognitoUserPoolCognitoUserPoolClient12D87FF5"
            },
            "ProviderName": {
              "Fn::GetAtt": [
                "CognitoUserPool53E37E69",
                "ProviderName"
              ]
            }
          }
        ]
      },
      "UpdateReplacePolicy": "Delete",
      "DeletionPolicy": "Delete",
      "Metadata": {
        "aws:cdk:path": "DashboardStack/CognitoIdentityPool"
      }
    },
    "authRoleIdentity9316A68D": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "AssumeRolePolicyDocument": {
          "Statement": [
            {
              "Action": "sts:AssumeRoleWithWebIdentity",
              "Condition": {
                "StringEquals": {
                  "cognito-identity.amazonaws.com:aud": {
                    "Ref": "CognitoIdentityPool"
                  }
                },
                "ForAnyValue:StringLike": {
                  "cognito-identity.amazonaws.com:amr": "authenticated"
                }
              },
              "Effect": "Allow",
              "Principal": {
                "Federated": "cognito-identity.amazonaws.com"
              }
            }
          ],
          "Version": "2012-10-17"
        }
      },
      "Metadata": {
        "aws:cdk:path": "DashboardStack/authRoleIdentity/Resource"
      }
    },
    "authRoleIdentityDefaultPolicyBB798BB3": {
      "Type": "AWS::IAM::Policy",
      "Properties": {
        "PolicyDocument": {
          "Statement": [
            {
              "Action": "cognito-identity:GetCredentialsForIdentity",
              "Effect": "Allow",
              "Resource": "*"
            }
          ],
          "Version": "2012-10-17"
        },
        "PolicyName": "authRoleIdentityDefaultPolicyBB798BB3",
        "Roles": [
          {
            "Ref": "authRoleIdentity9316A68D"
          }
        ]
      },
      "Metadata": {
        "aws:cdk:path": "DashboardStack/authRoleIdentity/DefaultPolicy/Resource"
      }
    },
    "IdentityPoolRoleAttachment": {
      "Type": "AWS::Cognito::IdentityPoolRoleAttachment",
      "Properties": {
        "IdentityPoolId": {
          "Ref": "CognitoIdentityPool"
        },
        "Roles": {
          "authenticated": {
            "Fn::GetAtt": [
              "authRoleIdentity9316A68D",
              "Arn"
            ]
          }
        }
      },
      "Metadata": {
        "aws:cdk:path": "DashboardStack/IdentityPoolRoleAttachment"
      }
    },
    "OpenSearchAccessRoleZeroETL19658B13": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "AssumeRolePolicyDocument": {
          "Statement": [
            {
              "Action": "sts:AssumeRole",
              "Effect": "Allow",
              "Principal": {
                "Service": "opensearchservice.amazonaws.com"
              }
            }
          ],
          "Version": "2012-10-17"
        },
        "ManagedPolicyArns": [
          {
            "Fn::Join": [
              "",
              [
                "arn:",
                {
                  "Ref": "AWS::Partition"
                },
                ":iam::aws:policy/AmazonOpenSearchServiceCognitoAccess"
              ]
            ]
          },
          {
            "Fn::Join": [
              "",
              [
                "arn:",
                {
                  "Ref": "AWS::Partition"
                },
                ":iam::aws:policy/AmazonOpenSearchIngestionFullAccess"
              ]
            ]
          },
          {
            "Fn::Join": [
              "",
              [
                "arn:",
                {
                  "Ref": "AWS::Partition"
                },
                ":iam::aws:policy/AmazonOpenSearchServiceFullAccess"
              ]
            ]
          }
        ]
      },
      "Metadata": {
        "aws:cdk:path": "DashboardStack/OpenSearchAccessRoleZeroETL/Resource"
      }
    },
    "OpenSearchAccessRoleZeroETLDefaultPolicy99D48818": {
      "Type": "AWS::IAM::Policy",
      "Properties": {
        "PolicyDocument": {
          "Statement": [
            {
              "Action": "es:*",
              "Effect": "Allow",
              "Resource": "*"
            }
          ],
          "Version": "2012-10-17"
        },
        "PolicyName": "OpenSearchAccessRoleZeroETLDefaultPolicy99D48818",
        "Roles": [
          {
            "Ref": "OpenSearchAccessRoleZeroETL19658B13"
          }
        ]
      },
      "Metadata": {
        "aws:cdk:path": "DashboardStack/OpenSearchAccessRoleZeroETL/DefaultPolicy/Resource"
      }
    },
    "OpenSearchIngestionRoleZeroETLAAE46A77": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "AssumeRolePolicyDocument": {
          "Statement": [
            {
              "Action": "sts:AssumeRole",
              "Effect": "Allow",
              "Principal": {
                "Service": [
                  "opensearchservice.amazonaws.com",
                  "osis-pipelines.amazonaws.com"
                ]
              }
            }
          ],
          "Version": "2012-10-17"
        },
        "ManagedPolicyArns": [
          {
            "Fn::Join": [
              "",
              [
                "arn:",
                {
                  "Ref": "AWS::Partition"
                },
                ":iam::aws:policy/AmazonDynamoDBFullAccess"
              ]
            ]
          },
          {
            "Fn::Join": [
              "",
              [
                "arn:",
                {
                  "Ref": "AWS::Partition"
                },
                ":iam::aws:policy/AmazonOpenSearchServiceFullAccess"
              ]
            ]
          },
          {
            "Fn::Join": [
              "",
              [
                "arn:",
                {
                  "Ref": "AWS::Partition"
                },
                ":iam::aws:policy/AmazonS3FullAccess"
              ]
            ]
          },
          {
            "Fn::Join": [
              "",
              [
                "arn:",
                {
                  "Ref": "AWS::Partition"
                },
                ":iam::aws:policy/AmazonOpenSearchIngestionFullAccess"
              ]
            ]
          }
        ]
      },
      "Metadata": {
        "aws:cdk:path": "DashboardStack/OpenSearchIngestionRoleZeroETL/Resource"
      }
    },
    "ZeroETLDashboardDemoLC05C24EB": {
      "Type": "AWS::OpenSearchService::Domain",
      "Properties": {
        "ClusterConfig": {
          "DedicatedMasterEnabled": false,
          "InstanceCount": 1,
          "InstanceType": "r5.large.search",
          "MultiAZWithStandbyEnabled": false,
          "ZoneAwarenessEnabled": false
        },
        "CognitoOptions": {
          "Enabled": true,
          "IdentityPoolId": {
            "Ref": "CognitoIdentityPool"
          },
          "RoleArn": {
            "Fn::GetAtt": [
              "OpenSearchAccessRoleZeroETL19658B13",
              "Arn"
            ]
          },
          "UserPoolId": {
            "Ref": "CognitoUserPool53E37E69"
          }
        },
        "DomainEndpointOptions": {
          "EnforceHTTPS": false,
          "TLSSecurityPolicy": "Policy-Min-TLS-1-0-2019-07"
        },
        "EBSOptions": {
          "EBSEnabled": true,
          "VolumeSize": 10,
          "VolumeType": "gp3"
        },
        "EncryptionAtRestOptions": {
          "Enabled": false
        },
        "EngineVersion": "OpenSearch_1.3",
        "LogPublishingOptions": {},
        "NodeToNodeEncryptionOptions": {
          "Enabled": false
        }
      },
      "UpdateReplacePolicy": "Delete",
      "DeletionPolicy": "Delete",
      "Metadata": {
        "aws:cdk:path": "DashboardStack/ZeroETLDashboardDemoL/Resource"
      }
    },
    "ZeroETLDashboardDemoLAccessPolicy56B25189": {
      "Type": "Custom::OpenSearchAccessPolicy",
      "Properties": {
        "ServiceToken": {
          "Fn::GetAtt": [
            "AWS679f53fac002430cb0da5b7982bd22872D164C4C",
            "Arn"
          ]
        },
        "Create": {
          "Fn::Join": [
            "",
            [
              "{\"action\":\"updateDomainConfig\",\"service\":\"OpenSearch\",\"parameters\":{\"DomainName\":\"",
              {
                "Ref": "ZeroETLDashboardDemoLC05C24EB"
              },
              "\",\"AccessPolicies\":\"{\\\"Statement\\\":[{\\\"Action\\\":\\\"es:*\\\",\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":{\\\"AWS\\\":[\\\"arn:aws:iam::123456789012:root\\\",\\\"",
              {
                "Fn::GetAtt": [
                  "authRoleIdentity9316A68D",
                  "Arn"
                ]
              },
              "\\\"]},\\\"Resource\\\":\\\"",
              {
                "Fn::GetAtt": [
                  "ZeroETLDashboardDemoLC05C24EB",
                  "Arn"
                ]
              },
              "/*\\\"}],\\\"Version\\\":\\\"2012-10-17\\\"}\"},\"outputPaths\":[\"DomainConfig.AccessPolicies\"],\"physicalResourceId\":{\"id\":\"",
              {
                "Ref": "ZeroETLDashboardDemoLC05C24EB"
              },
              "AccessPolicy\"}}"
            ]
          ]
        },
        "Update": {
          "Fn::Join": [
            "",
            [
              "{\"action\":\"updateDomainConfig\",\"service\":\"OpenSearch\",\"parameters\":{\"DomainName\":\"",
              {
                "Ref": "ZeroETLDashboardDemoLC05C24EB"
              },
              "\",\"AccessPolicies\":\"{\\\"Statement\\\":[{\\\"Action\\\":\\\"es:*\\\",\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":{\\\"AWS\\\":[\\\"arn:aws:iam::123456789012:root\\\",\\\"",
              {
                "Fn::GetAtt": [
                  "authRoleIdentity9316A68D",
                  "Arn"
                ]
              },
              "\\\"]},\\\"Resource\\\":\\\"",
              {
                "Fn::GetAtt": [
                  "ZeroETLDashboardDemoLC05C24EB",
                  "Arn"
                ]
              },
              "/*\\\"}],\\\"Version\\\":\\\"2012-10-17\\\"}\"},\"outputPaths\":[\"DomainConfig.AccessPolicies\"],\"physicalResourceId\":{\"id\":\"",
              {
                "Ref": "ZeroETLDashboardDemoLC05C24EB"
              },
              "AccessPolicy\"}}"
            ]
          ]
        },
        "InstallLatestAwsSdk": false
      },
      "DependsOn": [
        "ZeroETLDashboardDemoLAccessPolicyCustomResourcePolicy769EFBDA"
      ],
      "UpdateReplacePolicy": "Delete",
      "DeletionPolicy": "Delete",
      "Metadata": {
        "aws:cdk:path": "DashboardStack/ZeroETLDashboardDemoL/AccessPolicy/Resource/Default"
      }
    },
    "ZeroETLDashboardDemoLAccessPolicyCustomResourcePolicy769EFBDA": {
      "Type": "AWS::IAM::Policy",
      "Properties": {
        "PolicyDocument": {
          "Statement": [
            {
              "Action": "es:UpdateDomainConfig",
              "Effect": "Allow",
              "Resource": {
                "Fn::GetAtt": [
                  "ZeroETLDashboardDemoLC05C24EB",
                  "Arn"
                ]
              }
            }
          ],
          "Version": "2012-10-17"
        },
        "PolicyName": "ZeroETLDashboardDemoLAccessPolicyCustomResourcePolicy769EFBDA",
        "Roles": [
          {
            "Ref": "AWS679f53fac002430cb0da5b7982bd2287ServiceRoleC1EA0FF2"
          }
        ]
      },
      "Metadata": {
        "aws:cdk:path": "DashboardStack/ZeroETLDashboardDemoL/AccessPolicy/CustomResourcePolicy/Resource"
      }
    },
    "AWS679f53fac002430cb0da5b7982bd2287ServiceRoleC1EA0FF2": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "AssumeRolePolicyDocument": {
          "Statement": [
            {
              "Action": "sts:AssumeRole",
              "Effect": "Allow",
              "Principal": {
                "Service": "lambda.amazonaws.com"
              }
            }
          ],
          "Version": "2012-10-17"
        },
        "ManagedPolicyArns": [
          {
            "Fn::Join": [
              "",
              [
                "arn:",
                {
                  "Ref": "AWS::Partition"
                },
                ":iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
              ]
            ]
          }
        ]
      },
      "Metadata": {
        "aws:cdk:path": "DashboardStack/AWS679f53fac002430cb0da5b7982bd2287/ServiceRole/Resource"
      }
    },
    "AWS679f53fac002430cb0da5b7982bd22872D164C4C": {
      "Type": "AWS::Lambda::Function",
      "Properties": {
        "Code": {
          "S3Bucket": "cdk-hnb659fds-assets-123456789012-us-east-1",
          "S3Key": "ba5407117985fa148f61d8537da4904529e5c8264aed5d840f0a26700b5471fc.zip"
        },
        "Handler": "index.handler",
        "Role": {
          "Fn::GetAtt": [
            "AWS679f53fac002430cb0da5b7982bd2287ServiceRoleC1EA0FF2",
            "Arn"
          ]
        },
        "Runtime": "nodejs18.x",
        "Timeout": 120
      },
      "DependsOn": [
        "AWS679f53fac002430cb0da5b7982bd2287ServiceRoleC1EA0FF2"
      ],
      "Metadata": {
        "aws:cdk:path": "DashboardStack/AWS679f53fac002430cb0da5b7982bd2287/Resource",
        "aws:asset:path": "asset.ba5407117985fa148f61d8537da4904529e5c8264aed5d840f0a26700b5471fc",
        "aws:asset:is-bundled": false,
        "aws:asset:property": "Code"
      }
    },
    "OpenSearchDynamoDBIngestionBackupS3BucketE80E3ADB": {
      "Type": "AWS::S3::Bucket",
      "Properties": {
        "BucketEncryption": {
          "ServerSideEncryptionConfiguration": [
            {
              "ServerSideEncryptionByDefault": {
                "SSEAlgorithm": "AES256"
              }
            }
          ]
        },
        "BucketName": "opensearch-ddb-ingestion-backup-123456789012",
        "PublicAccessBlockConfiguration": {
          "BlockPublicAcls": true,
          "BlockPublicPolicy": true,
          "IgnorePublicAcls": true,
          "RestrictPublicBuckets": true
        },
        "VersioningConfiguration": {
          "Status": "Enabled"
        }
      },
      "UpdateReplacePolicy": "Delete",
      "DeletionPolicy": "Delete",
      "Metadata": {
        "aws:cdk:path": "DashboardStack/OpenSearchDynamoDBIngestionBackupS3Bucket/Resource"
      }
    },
    "OpenSearchDynamoDBIngestionBackupS3BucketPolicyA60AAA56": {
      "Type": "AWS::S3::BucketPolicy",
      "Properties": {
        "Bucket": {
          "Ref": "OpenSearchDynamoDBIngestionBackupS3BucketE80E3ADB"
        },
        "PolicyDocument": {
          "Statement": [
            {
              "Action": "s3:*",
              "Condition": {
                "Bool": {
                  "aws:SecureTransport": "false"
                }
              },
              "Effect": "Deny",
              "Principal": {
                "AWS": "*"
              },
              "Resource": [
                {
                  "Fn::GetAtt": [
                    "OpenSearchDynamoDBIngestionBackupS3BucketE80E3ADB",
                    "Arn"
                  ]
                },
                {
                  "Fn::Join": [
                    "",
                    [
                      {
                        "Fn::GetAtt": [
                          "OpenSearchDynamoDBIngestionBackupS3BucketE80E3ADB",
                          "Arn"
                        ]
                      },
                      "/*"
                    ]
                  ]
                }
              ]
            }
          ],
          "Version": "2012-10-17"
        }
      },
      "Metadata": {
        "aws:cdk:path": "DashboardStack/OpenSearchDynamoDBIngestionBackupS3Bucket/Policy/Resource"
      }
    },
    "DynamoDBTable59784FC0": {
      "Type": "AWS::DynamoDB::Table",
      "Properties": {
        "AttributeDefinitions": [
          {
            "AttributeName": "id",
            "AttributeType": "S"
          },
          {
            "AttributeName": "timestamp",
            "AttributeType": "N"
          }
        ],
        "BillingMode": "PAY_PER_REQUEST",
        "KeySchema": [
          {
            "AttributeName": "id",
            "KeyType": "HASH"
          },
          {
            "AttributeName": "timestamp",
            "KeyType": "RANGE"
          }
        ],
        "PointInTimeRecoverySpecification": {
          "PointInTimeRecoveryEnabled": true
        },
        "StreamSpecification": {
          "StreamViewType": "NEW_IMAGE"
        },
        "TableName": "opensearch-ingestion-table"
      },
      "UpdateReplacePolicy": "Delete",
      "DeletionPolicy": "Delete",
      "Metadata": {
        "aws:cdk:path": "DashboardStack/DynamoDBTable/Resource"
      }
    },
    "OpenSearchIngestionZeroETLPipelineLogGroup5F3E93EE": {
      "Type": "AWS::Logs::LogGroup",
      "Properties": {
        "LogGroupName": "/aws/vendedlogs/OpenSearchIntegrationZeroETL/opensearch-dynamodb-ingestion-pipeline",
        "RetentionInDays": 30
      },
      "UpdateReplacePolicy": "Delete",
      "DeletionPolicy": "Delete",
      "Metadata": {
        "aws:cdk:path": "DashboardStack/OpenSearchIngestionZeroETLPipelineLogGroup/Resource"
      }
    },
    "OpenSearchZeroETLPipeline": {
      "Type": "AWS::OSIS::Pipeline",
      "Properties": {
        "LogPublishingOptions": {},
        "MaxUnits": 1,
        "MinUnits": 1,
        "PipelineConfigurationBody": {
          "Fn::Join": [
            "",
            [
              "version: \"2\"\ndynamodb-pipeline:\n  source:\n    dynamodb:\n      acknowledgments: true\n      tables:\n        # REQUIRED: Supply the DynamoDB table ARN and whether export or stream processing is needed, or both\n        - table_arn: \"",
              {
                "Fn::GetAtt": [
                  "DynamoDBTable59784FC0",
                  "Arn"
                ]
              },
              "\"\n          # Remove the stream block if only export is needed\n          stream:\n            start_position: \"LATEST\"\n          # Remove the export block if only stream is needed\n          export:\n            # REQUIRED for export: Specify the name of an existing S3 bucket for DynamoDB to write export data files to\n            s3_bucket: \"",
              {
                "Ref": "OpenSearchDynamoDBIngestionBackupS3BucketE80E3ADB"
              },
              "\"\n            # Specify the region of the S3 bucket\n            s3_region: \"us-east-1\"\n            # Optionally set the name of a prefix that DynamoDB export data files are written to in the bucket.\n            s3_prefix: \"ddb-to-opensearch-export/\"\n      aws:\n        # REQUIRED: Provide the role to assume that has the necessary permissions to DynamoDB, OpenSearch, and S3.\n        sts_role_arn: \"",
              {
                "Fn::GetAtt": [
                  "OpenSearchIngestionRoleZeroETLAAE46A77",
                  "Arn"
                ]
              },
              "\"\n        # Provide the region to use for aws credentials\n        region: \"us-east-1\"\n  sink:\n    - opensearch:\n        # REQUIRED: Provide an AWS OpenSearch endpoint\n        hosts:\n          [\n            \"https://",
              {
                "Fn::GetAtt": [
                  "ZeroETLDashboardDemoLC05C24EB",
                  "DomainEndpoint"
                ]
              },
              "\"\n          ]\n        index: \"table-index\"\n        index_type: custom\n        document_id: \"${getMetadata(\\\"primary_key\\\")}\"\n        action: \"${getMetadata(\\\"opensearch_action\\\")}\"\n        document_version: \"${getMetadata(\\\"document_version\\\")}\"\n        document_version_type: \"external\"\n        aws:\n          # REQUIRED: Provide a Role ARN with access to the domain. This role should have a trust relationship with osis-pipelines.amazonaws.com\n          sts_role_arn: \"",
              {
                "Fn::GetAtt": [
                  "OpenSearchIngestionRoleZeroETLAAE46A77",
                  "Arn"
                ]
              },
              "\"\n          # Provide the region of the domain.\n          region: \"us-east-1\"\n         \n"
            ]
          ]
        },
        "PipelineName": "opensearch-dynamodb-etl",
        "Tags": [
          {
            "Key": "Description",
            "Value": "OpenSearch Ingestion Zero ETL Pipeline"
          },
          {
            "Key": "Name",
            "Value": "OpenSearchIngestionZeroETLPipeline"
          }
        ]
      },
      "UpdateReplacePolicy": "Delete",
      "DeletionPolicy": "Delete",
      "Metadata": {
        "aws:cdk:path": "DashboardStack/OpenSearchZeroETLPipeline"
      }
    },
    "CDKMetadata": {
      "Type": "AWS::CDK::Metadata",
      "Properties": {
        "Analytics": "v2:deflate64:H4sIAAAAAAAA/12PS2/CMBCEfwt34z6oVPUIVK0q9YCgPSPHWcIWZxdlN0WR5f9eJSEh6mm+mV0/5tG+PNn7mbvI3OenecDMxp06fzLuIvvouSBUtvFboNowB7M+0MgDrAMC6XR0TQb7yqVDmi7cko8cSFGb4fap33KAparzxxJIk0FX2tiG7WKnGw7om9b2lAyfgQRc5Y8C1S96sPH2WE/JBFdmubNxh1QEUKa3mrwikxlhfRjDZGSxdyKgYpetGFnYuKr9CXTlBEyP7ZEr9XL73NQnkzfkSs4zG79c1pfpIJnAhdj4ycV7xfW5HQycDAuKbYviGQISJLMF4bryYHwtyuW+unqxy4usu2xc+W8PNHJXaaeuQCqS2TR6ZLpb2IcH+zz7EcR5VZNiCXbb6x8hBqBaNAIAAA=="
      },
      "Metadata": {
        "aws:cdk:path": "DashboardStack/CDKMetadata/Default"
      }
    }
  },
  "Parameters": {
    "BootstrapVersion": {
      "Type": "AWS::SSM::Parameter::Value<String>",
      "Default": "/cdk-bootstrap/hnb659fds/version",
      "Description": "Version of the CDK Bootstrap resources in this environment, automatically retrieved from SSM Parameter Store. [cdk:skip]"
    }
  },
  "Rules": {
    "CheckBootstrapVersion": {
      "Assertions": [
        {
          "Assert": {
            "Fn::Not": [
              {
                "Fn::Contains": [
                  [
                    "1",
                    "2",
                    "3",
                    "4",
                    "5"
                  ],
                  {
                    "Ref": "BootstrapVersion"
                  }
                ]
              }
            ]
          },
          "AssertDescription": "CDK bootstrap stack version 6 required. Please run 'cdk bootstrap' with a recent version of the CDK CLI."
        }
      ]
    }
  }
}
"""#

    static let agnostic = #"""
{
  "Resources": {
    "CognitoUserPool53E37E69": {
      "Type": "AWS::Cognito::UserPool",
      "Properties": {
        "AccountRecoverySetting": {
          "RecoveryMechanisms": [
            {
              "Name": "verified_phone_number",
              "Priority": 1
            },
            {
              "Name": "verified_email",
              "Priority": 2
            }
          ]
        },
        "AdminCreateUserConfig": {
          "AllowAdminCreateUserOnly": true
        },
        "AutoVerifiedAttributes": [
          "email"
        ],
        "EmailVerificationMessage": "The verification code to your new account is {####}",
        "EmailVerificationSubject": "Verify your new account",
        "Schema": [
          {
            "Mutable": true,
            "Name": "email",
            "Required": true
          }
        ],
        "SmsVerificationMessage": "The verification code to your new account is {####}",
        "UsernameAttributes": [
          "email"
        ],
        "VerificationMessageTemplate": {
          "DefaultEmailOption": "CONFIRM_WITH_CODE",
          "EmailMessage": "The verification code to your new account is {####}",
          "EmailSubject": "Verify your new account",
          "SmsMessage": "The verification code to your new account is {####}"
        }
      },
      "UpdateReplacePolicy": "Delete",
      "DeletionPolicy": "Delete",
      "Metadata": {
        "aws:cdk:path": "DashboardStack/CognitoUserPool/Resource"
      }
    },
    "CognitoUserPoolCognitoUserPoolClient12D87FF5": {
      "Type": "AWS::Cognito::UserPoolClient",
      "Properties": {
        "AllowedOAuthFlows": [
          "implicit",
          "code"
        ],
        "AllowedOAuthFlowsUserPoolClient": true,
        "AllowedOAuthScopes": [
          "profile",
          "phone",
          "email",
          "openid",
          "aws.cognito.signin.user.admin"
        ],
        "CallbackURLs": [
          "https://example.com"
        ],
        "ClientName": "CognitoUserPoolClient",
        "GenerateSecret": false,
        "SupportedIdentityProviders": [
          "COGNITO"
        ],
        "UserPoolId": {
          "Ref": "CognitoUserPool53E37E69"
        }
      },
      "Metadata": {
        "aws:cdk:path": "DashboardStack/CognitoUserPool/CognitoUserPoolClient/Resource"
      }
    },
    "CognitoUserPoolDomainE8F0BE4E": {
      "Type": "AWS::Cognito::UserPoolDomain",
      "Properties": {
        "Domain": "zeroetldemo",
        "UserPoolId": {
          "Ref": "CognitoUserPool53E37E69"
        }
      },
      "Metadata": {
        "aws:cdk:path": "DashboardStack/CognitoUserPool/Domain/Resource"
      }
    },
    "CognitoIdentityPool": {
      "Type": "AWS::Cognito::IdentityPool",
      "Properties": {
        "AllowUnauthenticatedIdentities": false,
        "CognitoIdentityProviders": [
          {
            "ClientId": {
              "Ref": "CognitoUserPoolCognitoUserPoolClient12D87FF5"
            },
            "ProviderName": {
              "Fn::GetAtt": [
                "CognitoUserPool53E37E69",
                "ProviderName"
              ]
            }
          }
        ]
      },
      "UpdateReplacePolicy": "Delete",
      "DeletionPolicy": "Delete",
      "Metadata": {
        "aws:cdk:path": "DashboardStack/CognitoIdentityPool"
      }
    },
    "authRoleIdentity9316A68D": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "AssumeRolePolicyDocument": {
          "Statement": [
            {
              "Action": "sts:AssumeRoleWithWebIdentity",
              "Condition": {
                "StringEquals": {
                  "cognito-identity.amazonaws.com:aud": {
                    "Ref": "CognitoIdentityPool"
                  }
                },
                "ForAnyValue:StringLike": {
                  "cognito-identity.amazonaws.com:amr": "authenticated"
                }
              },
              "Effect": "Allow",
              "Principal": {
                "Federated": "cognito-identity.amazonaws.com"
              }
            }
          ],
          "Version": "2012-10-17"
        }
      },
      "Metadata": {
        "aws:cdk:path": "DashboardStack/authRoleIdentity/Resource"
      }
    },
    "authRoleIdentityDefaultPolicyBB798BB3": {
      "Type": "AWS::IAM::Policy",
      "Properties": {
        "PolicyDocument": {
          "Statement": [
            {
              "Action": "cognito-identity:GetCredentialsForIdentity",
              "Effect": "Allow",
              "Resource": "*"
            }
          ],
          "Version": "2012-10-17"
        },
        "PolicyName": "authRoleIdentityDefaultPolicyBB798BB3",
        "Roles": [
          {
            "Ref": "authRoleIdentity9316A68D"
          }
        ]
      },
      "Metadata": {
        "aws:cdk:path": "DashboardStack/authRoleIdentity/DefaultPolicy/Resource"
      }
    },
    "IdentityPoolRoleAttachment": {
      "Type": "AWS::Cognito::IdentityPoolRoleAttachment",
      "Properties": {
        "IdentityPoolId": {
          "Ref": "CognitoIdentityPool"
        },
        "Roles": {
          "authenticated": {
            "Fn::GetAtt": [
              "authRoleIdentity9316A68D",
              "Arn"
            ]
          }
        }
      },
      "Metadata": {
        "aws:cdk:path": "DashboardStack/IdentityPoolRoleAttachment"
      }
    },
    "OpenSearchAccessRoleZeroETL19658B13": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "AssumeRolePolicyDocument": {
          "Statement": [
            {
              "Action": "sts:AssumeRole",
              "Effect": "Allow",
              "Principal": {
                "Service": "opensearchservice.amazonaws.com"
              }
            }
          ],
          "Version": "2012-10-17"
        },
        "ManagedPolicyArns": [
          {
            "Fn::Join": [
              "",
              [
                "arn:",
                {
                  "Ref": "AWS::Partition"
                },
                ":iam::aws:policy/AmazonOpenSearchServiceCognitoAccess"
              ]
            ]
          },
          {
            "Fn::Join": [
              "",
              [
                "arn:",
                {
                  "Ref": "AWS::Partition"
                },
                ":iam::aws:policy/AmazonOpenSearchIngestionFullAccess"
              ]
            ]
          },
          {
            "Fn::Join": [
              "",
              [
                "arn:",
                {
                  "Ref": "AWS::Partition"
                },
                ":iam::aws:policy/AmazonOpenSearchServiceFullAccess"
              ]
            ]
          }
        ]
      },
      "Metadata": {
        "aws:cdk:path": "DashboardStack/OpenSearchAccessRoleZeroETL/Resource"
      }
    },
    "OpenSearchAccessRoleZeroETLDefaultPolicy99D48818": {
      "Type": "AWS::IAM::Policy",
      "Properties": {
        "PolicyDocument": {
          "Statement": [
            {
              "Action": "es:*",
              "Effect": "Allow",
              "Resource": "*"
            }
          ],
          "Version": "2012-10-17"
        },
        "PolicyName": "OpenSearchAccessRoleZeroETLDefaultPolicy99D48818",
        "Roles": [
          {
            "Ref": "OpenSearchAccessRoleZeroETL19658B13"
          }
        ]
      },
      "Metadata": {
        "aws:cdk:path": "DashboardStack/OpenSearchAccessRoleZeroETL/DefaultPolicy/Resource"
      }
    },
    "OpenSearchIngestionRoleZeroETLAAE46A77": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "AssumeRolePolicyDocument": {
          "Statement": [
            {
              "Action": "sts:AssumeRole",
              "Effect": "Allow",
              "Principal": {
                "Service": [
                  "opensearchservice.amazonaws.com",
                  "osis-pipelines.amazonaws.com"
                ]
              }
            }
          ],
          "Version": "2012-10-17"
        },
        "ManagedPolicyArns": [
          {
            "Fn::Join": [
              "",
              [
                "arn:",
                {
                  "Ref": "AWS::Partition"
                },
                ":iam::aws:policy/AmazonDynamoDBFullAccess"
              ]
            ]
          },
          {
            "Fn::Join": [
              "",
              [
                "arn:",
                {
                  "Ref": "AWS::Partition"
                },
                ":iam::aws:policy/AmazonOpenSearchServiceFullAccess"
              ]
            ]
          },
          {
            "Fn::Join": [
              "",
              [
                "arn:",
                {
                  "Ref": "AWS::Partition"
                },
                ":iam::aws:policy/AmazonS3FullAccess"
              ]
            ]
          },
          {
            "Fn::Join": [
              "",
              [
                "arn:",
                {
                  "Ref": "AWS::Partition"
                },
                ":iam::aws:policy/AmazonOpenSearchIngestionFullAccess"
              ]
            ]
          }
        ]
      },
      "Metadata": {
        "aws:cdk:path": "DashboardStack/OpenSearchIngestionRoleZeroETL/Resource"
      }
    },
    "ZeroETLDashboardDemoLC05C24EB": {
      "Type": "AWS::OpenSearchService::Domain",
      "Properties": {
        "ClusterConfig": {
          "DedicatedMasterEnabled": false,
          "InstanceCount": 1,
          "InstanceType": "r5.large.search",
          "MultiAZWithStandbyEnabled": false,
          "ZoneAwarenessEnabled": false
        },
        "CognitoOptions": {
          "Enabled": true,
          "IdentityPoolId": {
            "Ref": "CognitoIdentityPool"
          },
          "RoleArn": {
            "Fn::GetAtt": [
              "OpenSearchAccessRoleZeroETL19658B13",
              "Arn"
            ]
          },
          "UserPoolId": {
            "Ref": "CognitoUserPool53E37E69"
          }
        },
        "DomainEndpointOptions": {
          "EnforceHTTPS": false,
          "TLSSecurityPolicy": "Policy-Min-TLS-1-0-2019-07"
        },
        "EBSOptions": {
          "EBSEnabled": true,
          "VolumeSize": 10,
          "VolumeType": "gp3"
        },
        "EncryptionAtRestOptions": {
          "Enabled": false
        },
        "EngineVersion": "OpenSearch_1.3",
        "LogPublishingOptions": {},
        "NodeToNodeEncryptionOptions": {
          "Enabled": false
        }
      },
      "UpdateReplacePolicy": "Delete",
      "DeletionPolicy": "Delete",
      "Metadata": {
        "aws:cdk:path": "DashboardStack/ZeroETLDashboardDemoL/Resource"
      }
    },
    "ZeroETLDashboardDemoLAccessPolicy56B25189": {
      "Type": "Custom::OpenSearchAccessPolicy",
      "Properties": {
        "ServiceToken": {
          "Fn::GetAtt": [
            "AWS679f53fac002430cb0da5b7982bd22872D164C4C",
            "Arn"
          ]
        },
        "Create": {
          "Fn::Join": [
            "",
            [
              "{\"action\":\"updateDomainConfig\",\"service\":\"OpenSearch\",\"parameters\":{\"DomainName\":\"",
              {
                "Ref": "ZeroETLDashboardDemoLC05C24EB"
              },
              "\",\"AccessPolicies\":\"{\\\"Statement\\\":[{\\\"Action\\\":\\\"es:*\\\",\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":{\\\"AWS\\\":[\\\"arn:",
              {
                "Ref": "AWS::Partition"
              },
              ":iam::",
              {
                "Ref": "AWS::AccountId"
              },
              ":root\\\",\\\"",
              {
                "Fn::GetAtt": [
                  "authRoleIdentity9316A68D",
                  "Arn"
                ]
              },
              "\\\"]},\\\"Resource\\\":\\\"",
              {
                "Fn::GetAtt": [
                  "ZeroETLDashboardDemoLC05C24EB",
                  "Arn"
                ]
              },
              "/*\\\"}],\\\"Version\\\":\\\"2012-10-17\\\"}\"},\"outputPaths\":[\"DomainConfig.AccessPolicies\"],\"physicalResourceId\":{\"id\":\"",
              {
                "Ref": "ZeroETLDashboardDemoLC05C24EB"
              },
              "AccessPolicy\"}}"
            ]
          ]
        },
        "Update": {
          "Fn::Join": [
            "",
            [
              "{\"action\":\"updateDomainConfig\",\"service\":\"OpenSearch\",\"parameters\":{\"DomainName\":\"",
              {
                "Ref": "ZeroETLDashboardDemoLC05C24EB"
              },
              "\",\"AccessPolicies\":\"{\\\"Statement\\\":[{\\\"Action\\\":\\\"es:*\\\",\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":{\\\"AWS\\\":[\\\"arn:",
              {
                "Ref": "AWS::Partition"
              },
              ":iam::",
              {
                "Ref": "AWS::AccountId"
              },
              ":root\\\",\\\"",
              {
                "Fn::GetAtt": [
                  "authRoleIdentity9316A68D",
                  "Arn"
                ]
              },
              "\\\"]},\\\"Resource\\\":\\\"",
              {
                "Fn::GetAtt": [
                  "ZeroETLDashboardDemoLC05C24EB",
                  "Arn"
                ]
              },
              "/*\\\"}],\\\"Version\\\":\\\"2012-10-17\\\"}\"},\"outputPaths\":[\"DomainConfig.AccessPolicies\"],\"physicalResourceId\":{\"id\":\"",
              {
                "Ref": "ZeroETLDashboardDemoLC05C24EB"
              },
              "AccessPolicy\"}}"
            ]
          ]
        },
        "InstallLatestAwsSdk": false
      },
      "DependsOn": [
        "ZeroETLDashboardDemoLAccessPolicyCustomResourcePolicy769EFBDA"
      ],
      "UpdateReplacePolicy": "Delete",
      "DeletionPolicy": "Delete",
      "Metadata": {
        "aws:cdk:path": "DashboardStack/ZeroETLDashboardDemoL/AccessPolicy/Resource/Default"
      }
    },
    "ZeroETLDashboardDemoLAccessPolicyCustomResourcePolicy769EFBDA": {
      "Type": "AWS::IAM::Policy",
      "Properties": {
        "PolicyDocument": {
          "Statement": [
            {
              "Action": "es:UpdateDomainConfig",
              "Effect": "Allow",
              "Resource": {
                "Fn::GetAtt": [
                  "ZeroETLDashboardDemoLC05C24EB",
                  "Arn"
                ]
              }
            }
          ],
          "Version": "2012-10-17"
        },
        "PolicyName": "ZeroETLDashboardDemoLAccessPolicyCustomResourcePolicy769EFBDA",
        "Roles": [
          {
            "Ref": "AWS679f53fac002430cb0da5b7982bd2287ServiceRoleC1EA0FF2"
          }
        ]
      },
      "Metadata": {
        "aws:cdk:path": "DashboardStack/ZeroETLDashboardDemoL/AccessPolicy/CustomResourcePolicy/Resource"
      }
    },
    "AWS679f53fac002430cb0da5b7982bd2287ServiceRoleC1EA0FF2": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "AssumeRolePolicyDocument": {
          "Statement": [
            {
              "Action": "sts:AssumeRole",
              "Effect": "Allow",
              "Principal": {
                "Service": "lambda.amazonaws.com"
              }
            }
          ],
          "Version": "2012-10-17"
        },
        "ManagedPolicyArns": [
          {
            "Fn::Join": [
              "",
              [
                "arn:",
                {
                  "Ref": "AWS::Partition"
                },
                ":iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
              ]
            ]
          }
        ]
      },
      "Metadata": {
        "aws:cdk:path": "DashboardStack/AWS679f53fac002430cb0da5b7982bd2287/ServiceRole/Resource"
      }
    },
    "AWS679f53fac002430cb0da5b7982bd22872D164C4C": {
      "Type": "AWS::Lambda::Function",
      "Properties": {
        "Code": {
          "S3Bucket": {
            "Fn::Sub": "cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}"
          },
          "S3Key": "ba5407117985fa148f61d8537da4904529e5c8264aed5d840f0a26700b5471fc.zip"
        },
        "Handler": "index.handler",
        "Role": {
          "Fn::GetAtt": [
            "AWS679f53fac002430cb0da5b7982bd2287ServiceRoleC1EA0FF2",
            "Arn"
          ]
        },
        "Runtime": "nodejs18.x",
        "Timeout": 120
      },
      "DependsOn": [
        "AWS679f53fac002430cb0da5b7982bd2287ServiceRoleC1EA0FF2"
      ],
      "Metadata": {
        "aws:cdk:path": "DashboardStack/AWS679f53fac002430cb0da5b7982bd2287/Resource",
        "aws:asset:path": "asset.ba5407117985fa148f61d8537da4904529e5c8264aed5d840f0a26700b5471fc",
        "aws:asset:is-bundled": false,
        "aws:asset:property": "Code"
      }
    },
    "OpenSearchDynamoDBIngestionBackupS3BucketE80E3ADB": {
      "Type": "AWS::S3::Bucket",
      "Properties": {
        "BucketEncryption": {
          "ServerSideEncryptionConfiguration": [
            {
              "ServerSideEncryptionByDefault": {
                "SSEAlgorithm": "AES256"
              }
            }
          ]
        },
        "BucketName": {
          "Fn::Join": [
            "",
            [
              "opensearch-ddb-ingestion-backup-",
              {
                "Ref": "AWS::AccountId"
              }
            ]
          ]
        },
        "PublicAccessBlockConfiguration": {
          "BlockPublicAcls": true,
          "BlockPublicPolicy": true,
          "IgnorePublicAcls": true,
          "RestrictPublicBuckets": true
        },
        "VersioningConfiguration": {
          "Status": "Enabled"
        }
      },
      "UpdateReplacePolicy": "Delete",
      "DeletionPolicy": "Delete",
      "Metadata": {
        "aws:cdk:path": "DashboardStack/OpenSearchDynamoDBIngestionBackupS3Bucket/Resource"
      }
    },
    "OpenSearchDynamoDBIngestionBackupS3BucketPolicyA60AAA56": {
      "Type": "AWS::S3::BucketPolicy",
      "Properties": {
        "Bucket": {
          "Ref": "OpenSearchDynamoDBIngestionBackupS3BucketE80E3ADB"
        },
        "PolicyDocument": {
          "Statement": [
            {
              "Action": "s3:*",
              "Condition": {
                "Bool": {
                  "aws:SecureTransport": "false"
                }
              },
              "Effect": "Deny",
              "Principal": {
                "AWS": "*"
              },
              "Resource": [
                {
                  "Fn::GetAtt": [
                    "OpenSearchDynamoDBIngestionBackupS3BucketE80E3ADB",
                    "Arn"
                  ]
                },
                {
                  "Fn::Join": [
                    "",
                    [
                      {
                        "Fn::GetAtt": [
                          "OpenSearchDynamoDBIngestionBackupS3BucketE80E3ADB",
                          "Arn"
                        ]
                      },
                      "/*"
                    ]
                  ]
                }
              ]
            }
          ],
          "Version": "2012-10-17"
        }
      },
      "Metadata": {
        "aws:cdk:path": "DashboardStack/OpenSearchDynamoDBIngestionBackupS3Bucket/Policy/Resource"
      }
    },
    "DynamoDBTable59784FC0": {
      "Type": "AWS::DynamoDB::Table",
      "Properties": {
        "AttributeDefinitions": [
          {
            "AttributeName": "id",
            "AttributeType": "S"
          },
          {
            "AttributeName": "timestamp",
            "AttributeType": "N"
          }
        ],
        "BillingMode": "PAY_PER_REQUEST",
        "KeySchema": [
          {
            "AttributeName": "id",
            "KeyType": "HASH"
          },
          {
            "AttributeName": "timestamp",
            "KeyType": "RANGE"
          }
        ],
        "PointInTimeRecoverySpecification": {
          "PointInTimeRecoveryEnabled": true
        },
        "StreamSpecification": {
          "StreamViewType": "NEW_IMAGE"
        },
        "TableName": "opensearch-ingestion-table"
      },
      "UpdateReplacePolicy": "Delete",
      "DeletionPolicy": "Delete",
      "Metadata": {
        "aws:cdk:path": "DashboardStack/DynamoDBTable/Resource"
      }
    },
    "OpenSearchIngestionZeroETLPipelineLogGroup5F3E93EE": {
      "Type": "AWS::Logs::LogGroup",
      "Properties": {
        "LogGroupName": "/aws/vendedlogs/OpenSearchIntegrationZeroETL/opensearch-dynamodb-ingestion-pipeline",
        "RetentionInDays": 30
      },
      "UpdateReplacePolicy": "Delete",
      "DeletionPolicy": "Delete",
      "Metadata": {
        "aws:cdk:path": "DashboardStack/OpenSearchIngestionZeroETLPipelineLogGroup/Resource"
      }
    },
    "OpenSearchZeroETLPipeline": {
      "Type": "AWS::OSIS::Pipeline",
      "Properties": {
        "LogPublishingOptions": {},
        "MaxUnits": 1,
        "MinUnits": 1,
        "PipelineConfigurationBody": {
          "Fn::Join": [
            "",
            [
              "version: \"2\"\ndynamodb-pipeline:\n  source:\n    dynamodb:\n      acknowledgments: true\n      tables:\n        # REQUIRED: Supply the DynamoDB table ARN and whether export or stream processing is needed, or both\n        - table_arn: \"",
              {
                "Fn::GetAtt": [
                  "DynamoDBTable59784FC0",
                  "Arn"
                ]
              },
              "\"\n          # Remove the stream block if only export is needed\n          stream:\n            start_position: \"LATEST\"\n          # Remove the export block if only stream is needed\n          export:\n            # REQUIRED for export: Specify the name of an existing S3 bucket for DynamoDB to write export data files to\n            s3_bucket: \"",
              {
                "Ref": "OpenSearchDynamoDBIngestionBackupS3BucketE80E3ADB"
              },
              "\"\n            # Specify the region of the S3 bucket\n            s3_region: \"",
              {
                "Ref": "AWS::Region"
              },
              "\"\n            # Optionally set the name of a prefix that DynamoDB export data files are written to in the bucket.\n            s3_prefix: \"ddb-to-opensearch-export/\"\n      aws:\n        # REQUIRED: Provide the role to assume that has the necessary permissions to DynamoDB, OpenSearch, and S3.\n        sts_role_arn: \"",
              {
                "Fn::GetAtt": [
                  "OpenSearchIngestionRoleZeroETLAAE46A77",
                  "Arn"
                ]
              },
              "\"\n        # Provide the region to use for aws credentials\n        region: \"",
              {
                "Ref": "AWS::Region"
              },
              "\"\n  sink:\n    - opensearch:\n        # REQUIRED: Provide an AWS OpenSearch endpoint\n        hosts:\n          [\n            \"https://",
              {
                "Fn::GetAtt": [
                  "ZeroETLDashboardDemoLC05C24EB",
                  "DomainEndpoint"
                ]
              },
              "\"\n          ]\n        index: \"table-index\"\n        index_type: custom\n        document_id: \"${getMetadata(\\\"primary_key\\\")}\"\n        action: \"${getMetadata(\\\"opensearch_action\\\")}\"\n        document_version: \"${getMetadata(\\\"document_version\\\")}\"\n        document_version_type: \"external\"\n        aws:\n          # REQUIRED: Provide a Role ARN with access to the domain. This role should have a trust relationship with osis-pipelines.amazonaws.com\n          sts_role_arn: \"",
              {
                "Fn::GetAtt": [
                  "OpenSearchIngestionRoleZeroETLAAE46A77",
                  "Arn"
                ]
              },
              "\"\n          # Provide the region of the domain.\n          region: \"",
              {
                "Ref": "AWS::Region"
              },
              "\"\n         \n"
            ]
          ]
        },
        "PipelineName": "opensearch-dynamodb-etl",
        "Tags": [
          {
            "Key": "Description",
            "Value": "OpenSearch Ingestion Zero ETL Pipeline"
          },
          {
            "Key": "Name",
            "Value": "OpenSearchIngestionZeroETLPipeline"
          }
        ]
      },
      "UpdateReplacePolicy": "Delete",
      "DeletionPolicy": "Delete",
      "Metadata": {
        "aws:cdk:path": "DashboardStack/OpenSearchZeroETLPipeline"
      }
    },
    "CDKMetadata": {
      "Type": "AWS::CDK::Metadata",
      "Properties": {
        "Analytics": "v2:deflate64:H4sIAAAAAAAA/12PS2/CMBCEfwt3s31QqeoRUrWq1AOC9owcZwlbnF2UdYoiy/+9SkIC6mm+mV0/5hFenuB+Zs86d8Vx7imHuA3WHY096y46KZmCQPxWrNci3mR7nniEzBNyuB1dktG+SmWJbxeuyUeBHCi04+23fiMelyFYd6iQQzJkK4hd2C32uhZPru3sQMnICVnR1u6gWP+SQ4jXxwZKxtsqLyzELXHpMQi/NewCCZsJsv0UJqOLnVXFoLDsxOgC4qpxRwwrq2gG7I5caJDr5259MkXLtpIih/hl86FMD8l4KRXip5TvtTSnbjByMqKk0BWlE3piTGaDKk3t0LhGg1S7+uIVlmfN+mxa+W/3PHFfaRtsSVx2g0y4oKH3ug0H4bsFPDzA8+xHieZ1w4EqhM2gfz/U0SNBAgAA"
      },
      "Metadata": {
        "aws:cdk:path": "DashboardStack/CDKMetadata/Default"
      },
      "Condition": "CDKMetadataAvailable"
    }
  },
  "Conditions": {
    "CDKMetadataAvailable": {
      "Fn::Or": [
        {
          "Fn::Or": [
            {
              "Fn::Equals": [
                {
                  "Ref": "AWS::Region"
                },
                "af-south-1"
              ]
            },
            {
              "Fn::Equals": [
                {
                  "Ref": "AWS::Region"
                },
                "ap-east-1"
              ]
            },
            {
              "Fn::Equals": [
                {
                  "Ref": "AWS::Region"
                },
                "ap-northeast-1"
              ]
            },
            {
              "Fn::Equals": [
                {
                  "Ref": "AWS::Region"
                },
                "ap-northeast-2"
              ]
            },
            {
              "Fn::Equals": [
                {
                  "Ref": "AWS::Region"
                },
                "ap-south-1"
              ]
            },
            {
              "Fn::Equals": [
                {
                  "Ref": "AWS::Region"
                },
                "ap-southeast-1"
              ]
            },
            {
              "Fn::Equals": [
                {
                  "Ref": "AWS::Region"
                },
                "ap-southeast-2"
              ]
            },
            {
              "Fn::Equals": [
                {
                  "Ref": "AWS::Region"
                },
                "ap-southeast-4"
              ]
            },
            {
              "Fn::Equals": [
                {
                  "Ref": "AWS::Region"
                },
                "ca-central-1"
              ]
            },
            {
              "Fn::Equals": [
                {
                  "Ref": "AWS::Region"
                },
                "cn-north-1"
              ]
            }
          ]
        },
        {
          "Fn::Or": [
            {
              "Fn::Equals": [
                {
                  "Ref": "AWS::Region"
                },
                "cn-northwest-1"
              ]
            },
            {
              "Fn::Equals": [
                {
                  "Ref": "AWS::Region"
                },
                "eu-central-1"
              ]
            },
            {
              "Fn::Equals": [
                {
                  "Ref": "AWS::Region"
                },
                "eu-north-1"
              ]
            },
            {
              "Fn::Equals": [
                {
                  "Ref": "AWS::Region"
                },
                "eu-south-1"
              ]
            },
            {
              "Fn::Equals": [
                {
                  "Ref": "AWS::Region"
                },
                "eu-west-1"
              ]
            },
            {
              "Fn::Equals": [
                {
                  "Ref": "AWS::Region"
                },
                "eu-west-2"
              ]
            },
            {
              "Fn::Equals": [
                {
                  "Ref": "AWS::Region"
                },
                "eu-west-3"
              ]
            },
            {
              "Fn::Equals": [
                {
                  "Ref": "AWS::Region"
                },
                "il-central-1"
              ]
            },
            {
              "Fn::Equals": [
                {
                  "Ref": "AWS::Region"
                },
                "me-south-1"
              ]
            },
            {
              "Fn::Equals": [
                {
                  "Ref": "AWS::Region"
                },
                "sa-east-1"
              ]
            }
          ]
        },
        {
          "Fn::Or": [
            {
              "Fn::Equals": [
                {
                  "Ref": "AWS::Region"
                },
                "us-east-1"
              ]
            },
            {
              "Fn::Equals": [
                {
                  "Ref": "AWS::Region"
                },
                "us-east-2"
              ]
            },
            {
              "Fn::Equals": [
                {
                  "Ref": "AWS::Region"
                },
                "us-west-1"
              ]
            },
            {
              "Fn::Equals": [
                {
                  "Ref": "AWS::Region"
                },
                "us-west-2"
              ]
            }
          ]
        }
      ]
    }
  },
  "Parameters": {
    "BootstrapVersion": {
      "Type": "AWS::SSM::Parameter::Value<String>",
      "Default": "/cdk-bootstrap/hnb659fds/version",
      "Description": "Version of the CDK Bootstrap resources in this environment, automatically retrieved from SSM Parameter Store. [cdk:skip]"
    }
  },
  "Rules": {
    "CheckBootstrapVersion": {
      "Assertions": [
        {
          "Assert": {
            "Fn::Not": [
              {
                "Fn::Contains": [
                  [
                    "1",
                    "2",
                    "3",
                    "4",
                    "5"
                  ],
                  {
                    "Ref": "BootstrapVersion"
                  }
                ]
              }
            ]
          },
          "AssertDescription": "CDK bootstrap stack version 6 required. Please run 'cdk bootstrap' with a recent version of the CDK CLI."
        }
      ]
    }
  }
}
"""#

    // swiftformat:enable all
}
