import PolicyModel
import PolicyParsing
import TestSupport
import Testing
@testable import TemplateParsing

/// The reference stack (`DashboardStack`, synthesized by CDK), in both its environment-agnostic
/// and concrete forms, each loaded without and with a deployment context.
struct SeedStackTemplateTests {
    struct Variant: Sendable, CustomTestStringConvertible {
        var name: String
        var fileName: String
        var text: String
        var context: TemplateContext
        /// What pseudo parameters resolve to.
        var partition: String
        var account: String
        var region: String
        /// What the template itself says where CDK could fold the environment into literals.
        var writtenAccount: String
        var writtenPartition: String
        var writtenRegion: String

        var testDescription: String { name }
    }

    static let variants: [Variant] = {
        let symbolic = (token("AWS.Partition"), token("AWS.AccountId"), token("AWS.Region"))
        let concrete = ("aws", "123456789012", "us-east-1")
        var result: [Variant] = []
        for (file, isConcreteTemplate) in [(SeedStack.File.agnosticTemplate, false), (.concreteTemplate, true)] {
            for (contextName, context) in [("no context", TemplateContext.unknown), ("123456789012/us-east-1/aws", concreteContext)] {
                let values = context.account == nil ? symbolic : concrete
                result.append(Variant(
                    name: "\(isConcreteTemplate ? "concrete" : "agnostic") template, \(contextName)",
                    fileName: file.fileName, text: file.text, context: context,
                    partition: values.0, account: values.1, region: values.2,
                    // CDK folds account and region (and the root principal's partition) into the
                    // concrete template; the partition of other ARNs stays `Ref AWS::Partition`.
                    writtenAccount: isConcreteTemplate ? "123456789012" : values.1,
                    writtenPartition: isConcreteTemplate ? "aws" : values.0,
                    writtenRegion: isConcreteTemplate ? "us-east-1" : values.2))
            }
        }
        return result
    }()

    static let pipelineRole = "OpenSearchIngestionRoleZeroETLAAE46A77"
    static let bucket = "OpenSearchDynamoDBIngestionBackupS3BucketE80E3ADB"
    static let domain = "ZeroETLDashboardDemoLC05C24EB"
    static let authRole = "authRoleIdentity9316A68D"

    func load(_ variant: Variant) throws -> CloudFormationTemplate {
        try CloudFormationTemplate.load(text: variant.text, file: variant.fileName, context: variant.context)
    }

    @Test(arguments: variants)
    func loadsAllResources(_ variant: Variant) throws {
        let template = try load(variant)
        #expect(template.resources.count == 21)
        #expect(template.excludedResources.isEmpty)
        #expect(template.resources.map(\.logicalId) == template.resources.map(\.logicalId).sorted())
        #expect(template.resources(ofType: "AWS::IAM::Role").count == 4)
        // Every typed view reads without error.
        #expect(try template.views(IAMRoleResource.self).count == 4)
        #expect(try template.views(IAMPolicyResource.self).count == 3)
        #expect(try template.views(OpenSearchAccessPolicyResource.self).count == 1)
        // The CDK metadata condition depends on the region.
        let metadata = try #require(template.resource("CDKMetadata"))
        #expect(metadata.conditionUnknown == (variant.context.region == nil && variant.fileName == SeedStack.File.agnosticTemplate.fileName))
    }

    @Test(arguments: variants)
    func pipelineRole(_ variant: Variant) throws {
        let template = try load(variant)
        let role = try IAMRoleResource(try #require(template.resource(Self.pipelineRole)))
        #expect(role.managedPolicyArns.map(\.value) == [
            "arn:\(variant.partition):iam::aws:policy/AmazonDynamoDBFullAccess",
            "arn:\(variant.partition):iam::aws:policy/AmazonOpenSearchServiceFullAccess",
            "arn:\(variant.partition):iam::aws:policy/AmazonS3FullAccess",
            "arn:\(variant.partition):iam::aws:policy/AmazonOpenSearchIngestionFullAccess",
        ])
        #expect(role.trustPolicy.principalValues == ["opensearchservice.amazonaws.com", "osis-pipelines.amazonaws.com"])
        #expect(role.trustPolicy.statements.first?.conditions.isEmpty == true)
        #expect(role.trustPolicy.actionTexts == ["sts:AssumeRole"])
        #expect(role.roleName == token("Ref.\(Self.pipelineRole)"))
        #expect(role.arn == "arn:\(variant.partition):iam::\(variant.account):role/\(token("Ref.\(Self.pipelineRole)"))")
        #expect(role.inlinePolicies.isEmpty)
        #expect(role.permissionsBoundary == nil)
        // Positions point into the template.
        #expect(role.position == at(272, 5))
        #expect(role.trustPolicy.position == at(275, 37))
        #expect(role.managedPolicyArns.first?.position.line == 291)
    }

    @Test(arguments: variants)
    func bucketPolicy(_ variant: Variant) throws {
        let template = try load(variant)
        let bucketName = "opensearch-ddb-ingestion-backup-\(variant.writtenAccount)"
        let policy = try S3BucketPolicyResource(try #require(template.resource("OpenSearchDynamoDBIngestionBackupS3BucketPolicyA60AAA56")))
        #expect(policy.bucket.value == bucketName)
        #expect(policy.document.resourceTexts == [
            "arn:\(variant.partition):s3:::\(bucketName)",
            "arn:\(variant.partition):s3:::\(bucketName)/*",
        ])
        #expect(policy.document.statements.first?.effect == .deny)
        #expect(policy.document.principalValues == ["*"])
        let bucket = try S3BucketResource(try #require(template.resource(Self.bucket)))
        #expect(bucket.bucketName == bucketName)
        #expect(bucket.arn == "arn:\(variant.partition):s3:::\(bucketName)")
        #expect(bucket.encryption.map(\.algorithm) == ["AES256"])
        #expect(bucket.publicAccessBlock?.restrictPublicBuckets == true)
        #expect(bucket.publicAccessBlock?.blocksAll == true)
        #expect(bucket.versioningEnabled)
        #expect(template.resource(withArn: policy.document.resourceTexts[0])?.logicalId == Self.bucket)
        #expect(template.resource(withRef: policy.bucket.value)?.logicalId == Self.bucket)
    }

    @Test(arguments: variants)
    func domainAccessPolicyFromCustomResource(_ variant: Variant) throws {
        let template = try load(variant)
        let custom = try OpenSearchAccessPolicyResource(try #require(template.resource("ZeroETLDashboardDemoLAccessPolicy56B25189")))
        let domainArn = "arn:\(variant.partition):es:\(variant.region):\(variant.account):domain/\(token("Ref.\(Self.domain)"))"
        let authRoleArn = "arn:\(variant.partition):iam::\(variant.account):role/\(token("Ref.\(Self.authRole)"))"
        #expect(custom.accessPolicy.principalValues == ["arn:\(variant.writtenPartition):iam::\(variant.writtenAccount):root", authRoleArn])
        #expect(custom.accessPolicy.actionTexts == ["es:*"])
        #expect(custom.accessPolicy.resourceTexts == ["\(domainArn)/*"])
        #expect(custom.accessPolicy.statements.first?.effect == .allow)
        #expect(custom.updateAccessPolicy?.principalValues == custom.accessPolicy.principalValues)
        #expect(custom.updateAccessPolicy?.resourceTexts == custom.accessPolicy.resourceTexts)
        #expect(custom.domainName?.value == token("Ref.\(Self.domain)"))
        #expect(template.resource(withRef: custom.domainName?.value ?? "")?.logicalId == Self.domain)
        // The policy's positions point at the `Create` property.
        #expect(custom.accessPolicy.position == at(403, 19))
        #expect(custom.updateAccessPolicy?.position.line == (variant.fileName == SeedStack.File.agnosticTemplate.fileName ? 441 : 433))

        let domain = try OpenSearchDomainResource(try #require(template.resource(Self.domain)))
        #expect(domain.arn == domainArn)
        #expect(domain.accessPolicies == nil)
        #expect(domain.cognito?.enabled == true)
        #expect(domain.cognito?.identityPoolId?.value == "\(variant.region):\(token("Ref.CognitoIdentityPool"))")
        #expect(domain.cognito?.userPoolId?.value == "\(variant.region)_\(token("Ref.CognitoUserPool53E37E69"))")
        #expect(domain.cognito?.roleArn?.value == "arn:\(variant.partition):iam::\(variant.account):role/\(token("Ref.OpenSearchAccessRoleZeroETL19658B13"))")
        #expect(!domain.encryptionAtRestEnabled)
        #expect(!domain.nodeToNodeEncryptionEnabled)
        #expect(!domain.enforceHTTPS)
        #expect(!domain.hasVPCOptions)
        #expect(domain.advancedSecurity == nil)
        #expect(domain.engineVersion == "OpenSearch_1.3")
    }

    @Test(arguments: variants)
    func tableAndPipeline(_ variant: Variant) throws {
        let template = try load(variant)
        let table = try DynamoDBTableResource(try #require(template.resource("DynamoDBTable59784FC0")))
        let tableArn = "arn:\(variant.partition):dynamodb:\(variant.region):\(variant.account):table/opensearch-ingestion-table"
        #expect(table.tableName == "opensearch-ingestion-table")
        #expect(table.arn == tableArn)
        #expect(table.streamViewType == "NEW_IMAGE")
        #expect(table.streamArn == "\(tableArn)/stream/\(token("GetAtt.DynamoDBTable59784FC0.StreamArn"))")
        #expect(table.pointInTimeRecoveryEnabled)
        #expect(!table.sseEnabled)

        let pipeline = try OSISPipelineResource(try #require(template.resource("OpenSearchZeroETLPipeline")))
        let body = pipeline.configurationBody.value
        #expect(body.contains("- table_arn: \"\(tableArn)\"\n"))
        #expect(body.contains("s3_bucket: \"opensearch-ddb-ingestion-backup-\(variant.writtenAccount)\"\n"))
        #expect(body.contains("s3_region: \"\(variant.writtenRegion)\"\n"))
        let roleArn = "arn:\(variant.partition):iam::\(variant.account):role/\(token("Ref.\(Self.pipelineRole)"))"
        #expect(body.components(separatedBy: "sts_role_arn: \"\(roleArn)\"").count == 3)
        #expect(body.contains("\"https://\(token("GetAtt.\(Self.domain).DomainEndpoint"))\""))
        // Data Prepper's own expressions are not `Fn::Sub` variables and stay as written.
        #expect(body.contains("document_id: \"${getMetadata(\\\"primary_key\\\")}\""))
        #expect(pipeline.pipelineName == "opensearch-dynamodb-etl")
        #expect(pipeline.arn == "arn:\(variant.partition):osis:\(variant.region):\(variant.account):pipeline/opensearch-dynamodb-etl")
        #expect(pipeline.pipelineRoleArn == nil)
        #expect(pipeline.logPublishing == OSISPipelineResource.LogPublishing(isLoggingEnabled: false, logGroup: nil, position: pipeline.logPublishing?.position ?? .unknown))
        #expect(!pipeline.hasVPCOptions)
        #expect(pipeline.minUnits == 1)

        let logGroup = try LogGroupResource(try #require(template.resource("OpenSearchIngestionZeroETLPipelineLogGroup5F3E93EE")))
        #expect(logGroup.arn == "arn:\(variant.partition):logs:\(variant.region):\(variant.account):log-group:/aws/vendedlogs/OpenSearchIntegrationZeroETL/opensearch-dynamodb-ingestion-pipeline:*")
        #expect(logGroup.retentionInDays == 30)
    }

    @Test(arguments: variants)
    func cognito(_ variant: Variant) throws {
        let template = try load(variant)
        let poolId = "\(variant.region):\(token("Ref.CognitoIdentityPool"))"
        let pool = try CognitoIdentityPoolResource(try #require(template.resource("CognitoIdentityPool")))
        #expect(pool.identityPoolId == poolId)
        #expect(!pool.allowUnauthenticatedIdentities)
        let userPoolId = "\(variant.region)_\(token("Ref.CognitoUserPool53E37E69"))"
        let suffix = variant.context.partition == nil ? token("AWS.URLSuffix") : "amazonaws.com"
        #expect(pool.cognitoIdentityProviders.map(\.providerName?.value) == ["cognito-idp.\(variant.region).\(suffix)/\(userPoolId)"])
        #expect(pool.cognitoIdentityProviders.map(\.clientId?.value) == [token("Ref.CognitoUserPoolCognitoUserPoolClient12D87FF5")])

        let attachment = try CognitoIdentityPoolRoleAttachmentResource(try #require(template.resource("IdentityPoolRoleAttachment")))
        let authRole = try IAMRoleResource(try #require(template.resource(Self.authRole)))
        #expect(attachment.identityPoolId.value == poolId)
        #expect(attachment.authenticatedRoleArn?.value == authRole.arn)
        #expect(attachment.unauthenticatedRoleArn == nil)
        #expect(!attachment.hasRoleMappings)

        // The auth role trusts the identity pool by id: the same token as the pool's `Ref`.
        let condition = try #require(authRole.trustPolicy.statements.first?.conditions.first { $0.key == "cognito-identity.amazonaws.com:aud" })
        #expect(condition.values.map(\.text) == [poolId])
        let policy = try IAMPolicyResource(try #require(template.resource("authRoleIdentityDefaultPolicyBB798BB3")))
        #expect(policy.roles.map(\.value) == [authRole.roleName])
        #expect(policy.document.actionTexts == ["cognito-identity:GetCredentialsForIdentity"])
    }

    @Test(arguments: variants)
    func lambdaAssetBucketUsesSub(_ variant: Variant) throws {
        let template = try load(variant)
        let function = try #require(template.resource("AWS679f53fac002430cb0da5b7982bd22872D164C4C"))
        #expect(function.properties["Code"]?["S3Bucket"]?.stringValue == "cdk-hnb659fds-assets-\(variant.writtenAccount)-\(variant.writtenRegion)")
        #expect(function.properties["Role"]?.stringValue
            == "arn:\(variant.partition):iam::\(variant.account):role/\(token("Ref.AWS679f53fac002430cb0da5b7982bd2287ServiceRoleC1EA0FF2"))")
        #expect(function.arn == "arn:\(variant.partition):lambda:\(variant.region):\(variant.account):function:\(token("Ref.AWS679f53fac002430cb0da5b7982bd22872D164C4C"))")
    }

    /// Outside the regions CDK lists, the metadata resource's condition is false and it is left out.
    @Test func metadataExcludedInOtherRegions() throws {
        let template = try CloudFormationTemplate.load(
            text: SeedStack.File.agnosticTemplate.text, file: "a.json",
            context: TemplateContext(account: "123456789012", region: "xx-nowhere-1", partition: "aws"))
        #expect(template.excludedResources == ["CDKMetadata"])
        #expect(template.resource("CDKMetadata") == nil)
        #expect(template.resources.count == 20)
    }

    @Test(arguments: [SeedStack.File.agnosticTemplate, .concreteTemplate])
    func embeddedCopyMatchesSharedFixture(_ file: SeedStack.File) throws {
        guard let sharedText = file.sharedFixtureText else { return }  // clean clone: nothing to compare
        #expect(sharedText == file.text)
    }
}
