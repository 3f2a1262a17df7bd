import PolicyModel
import TestSupport
import Testing
@testable import TemplateParsing

/// Typed views over a hand-written template that sets what the seed stack leaves out.
struct ResourceViewTests {
    static let yaml = """
    Resources:
      Boundary:
        Type: AWS::IAM::ManagedPolicy
        Properties:
          ManagedPolicyName: boundary
          Path: /limits/
          Roles: [!Ref Role]
          Groups: [!Ref Group]
          PolicyDocument:
            Version: "2012-10-17"
            Statement: [{Effect: Allow, Action: "s3:GetObject", Resource: "*"}]
      Role:
        Type: AWS::IAM::Role
        Properties:
          RoleName: app
          Path: /service-role/
          AssumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
          Policies:
            - PolicyName: inline
              PolicyDocument:
                Version: "2012-10-17"
                Statement: [{Effect: Allow, Action: "sqs:*", Resource: "*"}]
          PermissionsBoundary: arn:aws:iam::123456789012:policy/limits/boundary
      Group:
        Type: AWS::IAM::Group
        Properties:
          GroupName: devs
          ManagedPolicyArns: [!Sub "arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess"]
          Policies:
            - PolicyName: deny-all
              PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Deny, Action: "*", Resource: "*"}]}
      User:
        Type: AWS::IAM::User
        Properties:
          Groups: [!Ref Group]
          PermissionsBoundary: !Ref Boundary
      Domain:
        Type: AWS::OpenSearchService::Domain
        Properties:
          DomainName: search
          AccessPolicies:
            Version: "2012-10-17"
            Statement: [{Effect: Allow, Principal: {AWS: "*"}, Action: "es:ESHttpGet", Resource: !Sub "arn:${AWS::Partition}:es:${AWS::Region}:${AWS::AccountId}:domain/search/*"}]
          AdvancedSecurityOptions:
            Enabled: true
            InternalUserDatabaseEnabled: "false"
            MasterUserOptions: {MasterUserARN: !GetAtt Role.Arn}
          EncryptionAtRestOptions: {Enabled: true, KmsKeyId: !Ref Key}
          NodeToNodeEncryptionOptions: {Enabled: true}
          DomainEndpointOptions: {EnforceHTTPS: true, TLSSecurityPolicy: Policy-Min-TLS-1-2-2019-07}
          VPCOptions: {SubnetIds: [subnet-1]}
      Key:
        Type: AWS::KMS::Key
        Properties:
          EnableKeyRotation: true
      Bucket:
        Type: AWS::S3::Bucket
        Properties:
          BucketEncryption:
            ServerSideEncryptionConfiguration:
              - ServerSideEncryptionByDefault: {SSEAlgorithm: "aws:kms", KMSMasterKeyID: !GetAtt Key.Arn}
                BucketKeyEnabled: true
          PublicAccessBlockConfiguration: {BlockPublicAcls: true}
      Table:
        Type: AWS::DynamoDB::Table
        Properties:
          SSESpecification: {SSEEnabled: true, SSEType: KMS, KMSMasterKeyId: !Ref Key}
      Logs:
        Type: AWS::Logs::LogGroup
      Pipeline:
        Type: AWS::OSIS::Pipeline
        Properties:
          PipelineName: ingest
          MinUnits: 1
          MaxUnits: 4
          PipelineConfigurationBody: !Sub |
            version: "2"
            p:
              sink:
                - s3: {aws: {sts_role_arn: "${Role.Arn}"}}
          PipelineRoleArn: !GetAtt Role.Arn
          LogPublishingOptions:
            IsLoggingEnabled: true
            CloudWatchLogDestination: {LogGroup: !Ref Logs}
          VpcOptions: {SubnetIds: [subnet-1]}
      Pool:
        Type: AWS::Cognito::IdentityPool
        Properties:
          IdentityPoolName: pool
          AllowUnauthenticatedIdentities: true
          AllowClassicFlow: true
          SupportedLoginProviders: {graph.facebook.com: "123"}
          OpenIdConnectProviderARNs: [arn:aws:iam::123456789012:oidc-provider/example.com]
      Attachment:
        Type: AWS::Cognito::IdentityPoolRoleAttachment
        Properties:
          IdentityPoolId: !Ref Pool
          Roles: {authenticated: !GetAtt Role.Arn, unauthenticated: !GetAtt Role.Arn}
          RoleMappings: {provider: {Type: Token, AmbiguousRoleResolution: Deny}}
    """

    let template: CloudFormationTemplate

    init() throws {
        template = try loadTemplate(Self.yaml, file: "views.yaml", context: concreteContext)
    }

    func resource(_ id: String) throws -> TemplateResource {
        try #require(template.resource(id))
    }

    @Test func iamViews() throws {
        let role = try IAMRoleResource(try resource("Role"))
        #expect(role.roleName == "app")
        #expect(role.path == "/service-role/")
        #expect(role.arn == "arn:aws:iam::123456789012:role/service-role/app")
        // A trust policy written as a JSON string is parsed; positions point at the string.
        #expect(role.trustPolicy.principalValues == ["ec2.amazonaws.com"])
        #expect(role.trustPolicy.position == at(17, 33))
        #expect(role.inlinePolicies.map(\.name) == ["inline"])
        #expect(role.inlinePolicies.first?.document.actionTexts == ["sqs:*"])
        #expect(role.permissionsBoundary?.value == "arn:aws:iam::123456789012:policy/limits/boundary")

        let managed = try IAMManagedPolicyResource(try resource("Boundary"))
        #expect(managed.arn == "arn:aws:iam::123456789012:policy/limits/boundary")
        #expect(managed.policyName == "boundary")
        #expect(managed.roles.map(\.value) == ["app"])
        #expect(managed.groups.map(\.value) == ["devs"])
        #expect(managed.users.isEmpty)
        #expect(managed.document.actionTexts == ["s3:GetObject"])

        let user = try IAMUserResource(try resource("User"))
        #expect(user.userName == token("Ref.User"))
        #expect(user.arn == "arn:aws:iam::123456789012:user/\(token("Ref.User"))")
        #expect(user.groups.map(\.value) == ["devs"])
        // `Ref` of a managed policy is its ARN.
        #expect(user.permissionsBoundary?.value == managed.arn)

        let group = try IAMGroupResource(try resource("Group"))
        #expect(group.arn == "arn:aws:iam::123456789012:group/devs")
        #expect(group.managedPolicyArns.map(\.value) == ["arn:aws:iam::aws:policy/ReadOnlyAccess"])
        #expect(group.inlinePolicies.first?.document.statements.first?.effect == .deny)
    }

    @Test func domainView() throws {
        let domain = try OpenSearchDomainResource(try resource("Domain"))
        #expect(domain.arn == "arn:aws:es:us-east-1:123456789012:domain/search")
        #expect(domain.accessPolicies?.resourceTexts == ["\(domain.arn)/*"])
        #expect(domain.advancedSecurity?.enabled == true)
        #expect(domain.advancedSecurity?.internalUserDatabaseEnabled == false)
        #expect(domain.advancedSecurity?.masterUserARN?.value == "arn:aws:iam::123456789012:role/service-role/app")
        #expect(domain.encryptionAtRestEnabled)
        #expect(domain.encryptionAtRestKmsKeyId?.value == token("Ref.Key"))
        #expect(domain.nodeToNodeEncryptionEnabled)
        #expect(domain.enforceHTTPS)
        #expect(domain.tlsSecurityPolicy == "Policy-Min-TLS-1-2-2019-07")
        #expect(domain.hasVPCOptions)
        #expect(domain.cognito == nil)
    }

    @Test func storageViews() throws {
        let key = try KMSKeyResource(try resource("Key"))
        #expect(key.keyId == token("Ref.Key"))
        #expect(key.keyPolicy == nil)
        #expect(key.enableKeyRotation)

        let bucket = try S3BucketResource(try resource("Bucket"))
        #expect(bucket.bucketName == token("Ref.Bucket"))
        #expect(bucket.encryption.first?.algorithm == "aws:kms")
        #expect(bucket.encryption.first?.kmsMasterKeyId?.value == key.arn)
        #expect(bucket.encryption.first?.bucketKeyEnabled == true)
        #expect(bucket.publicAccessBlock?.blockPublicAcls == true)
        #expect(bucket.publicAccessBlock?.restrictPublicBuckets == false)
        #expect(bucket.publicAccessBlock?.blocksAll == false)
        #expect(!bucket.versioningEnabled)

        let table = try DynamoDBTableResource(try resource("Table"))
        #expect(table.tableName == token("Ref.Table"))
        #expect(table.sseEnabled)
        #expect(table.sseType == "KMS")
        #expect(table.kmsMasterKeyId?.value == key.keyId)
        #expect(table.streamViewType == nil)
        #expect(table.streamArn == nil)
        #expect(!table.pointInTimeRecoveryEnabled)

        let logs = try LogGroupResource(try resource("Logs"))
        #expect(logs.logGroupName == token("Ref.Logs"))
        #expect(logs.arn == "arn:aws:logs:us-east-1:123456789012:log-group:\(token("Ref.Logs")):*")
    }

    @Test func pipelineView() throws {
        let pipeline = try OSISPipelineResource(try resource("Pipeline"))
        let roleArn = "arn:aws:iam::123456789012:role/service-role/app"
        #expect(pipeline.arn == "arn:aws:osis:us-east-1:123456789012:pipeline/ingest")
        #expect(template.resource("Pipeline")?.ref == pipeline.arn)
        #expect(pipeline.configurationBody.value.contains("sts_role_arn: \"\(roleArn)\""))
        #expect(pipeline.pipelineRoleArn?.value == roleArn)
        #expect(pipeline.logPublishing?.isLoggingEnabled == true)
        #expect(pipeline.logPublishing?.logGroup?.value == token("Ref.Logs"))
        #expect(pipeline.hasVPCOptions)
        #expect(pipeline.maxUnits == 4)
    }

    @Test func cognitoViews() throws {
        let pool = try CognitoIdentityPoolResource(try resource("Pool"))
        #expect(pool.identityPoolId == "us-east-1:\(token("Ref.Pool"))")
        #expect(pool.identityPoolName == "pool")
        #expect(pool.allowUnauthenticatedIdentities)
        #expect(pool.allowClassicFlow)
        #expect(pool.supportedLoginProviders == ["graph.facebook.com"])
        #expect(pool.openIdConnectProviderARNs.map(\.value) == ["arn:aws:iam::123456789012:oidc-provider/example.com"])

        let attachment = try CognitoIdentityPoolRoleAttachmentResource(try resource("Attachment"))
        #expect(attachment.identityPoolId.value == pool.identityPoolId)
        #expect(attachment.unauthenticatedRoleArn?.value == "arn:aws:iam::123456789012:role/service-role/app")
        #expect(attachment.hasRoleMappings)
    }

    /// `views` reads every resource of a type.
    @Test func viewsOfATemplate() throws {
        #expect(try template.views(IAMRoleResource.self).map(\.logicalId) == ["Role"])
        #expect(try template.views(IAMManagedPolicyResource.self).count == 1)
        #expect(try template.views(S3BucketPolicyResource.self).isEmpty)
    }
}
