import PolicyParsing

/// Builders for the resources a zero-ETL pipeline touches. Defaults are the settings the
/// pipeline needs and the findings want (point-in-time recovery on, a NEW_IMAGE stream, an
/// encrypted, HTTPS-only domain), so a test states only what it varies.
extension TestStack {
    /// `StreamSpecification.StreamViewType` of a DynamoDB table.
    package enum StreamView: String, Sendable {
        case keysOnly = "KEYS_ONLY"
        case newImage = "NEW_IMAGE"
        case oldImage = "OLD_IMAGE"
        case newAndOldImages = "NEW_AND_OLD_IMAGES"
    }

    /// How an OpenSearch domain's fine-grained access control names its master user.
    package enum FineGrainedAccessControl: Sendable {
        /// Users of the domain's own database; no IAM master user.
        case internalUserDatabase
        /// An IAM principal (a role's ARN) is the master user.
        case masterUser(TestValue)
    }

    /// `AWS::DynamoDB::Table` with a string hash key `id`.
    /// - Parameter stream: nil for a table without a stream.
    /// - Parameter key: a customer managed KMS key the table is encrypted with.
    package func table(_ logicalId: String, name: String? = nil, pointInTimeRecovery: Bool = true, stream: StreamView? = .newImage, key: TestValue? = nil) -> TestStack {
        var properties: [(String, JSONOutput)] = [
            ("AttributeDefinitions", .array([.object([("AttributeName", .string("id")), ("AttributeType", .string("S"))])])),
            ("KeySchema", .array([.object([("AttributeName", .string("id")), ("KeyType", .string("HASH"))])])),
            ("BillingMode", .string("PAY_PER_REQUEST")),
            ("PointInTimeRecoverySpecification", .object([("PointInTimeRecoveryEnabled", .bool(pointInTimeRecovery))])),
        ]
        if let stream { properties.append(("StreamSpecification", Self.streamSpecification(stream))) }
        if let key {
            properties.append(("SSESpecification", .object([("SSEEnabled", .bool(true)), ("SSEType", .string("KMS")), ("KMSMasterKeyId", key.json)])))
        }
        if let name { properties.append(("TableName", .string(name))) }
        return adding(logicalId, type: "AWS::DynamoDB::Table", properties: properties)
    }

    /// One replica of a global table: its region, point-in-time recovery and customer managed key.
    package struct Replica: Sendable {
        var region: TestValue
        var pointInTimeRecovery: Bool
        var key: TestValue?

        package init(_ region: TestValue, pointInTimeRecovery: Bool, key: TestValue? = nil) {
            self.region = region
            self.pointInTimeRecovery = pointInTimeRecovery
            self.key = key
        }
    }

    /// `AWS::DynamoDB::GlobalTable`, as CDK's `TableV2` synthesizes it: a string hash key `id`,
    /// a stream, and the replicas; encrypted with each replica's key when one has a `key`. A table
    /// of the same logical id is replaced where it stands.
    package func globalTable(_ logicalId: String, name: String? = nil, stream: StreamView? = .newImage, replicas: [Replica]) -> TestStack {
        var properties: [(String, JSONOutput)] = [
            ("AttributeDefinitions", .array([.object([("AttributeName", .string("id")), ("AttributeType", .string("S"))])])),
            ("KeySchema", .array([.object([("AttributeName", .string("id")), ("KeyType", .string("HASH"))])])),
            ("BillingMode", .string("PAY_PER_REQUEST")),
            ("Replicas", .array(replicas.map { replica in
                var fields: [(String, JSONOutput)] = [
                    ("PointInTimeRecoverySpecification", .object([("PointInTimeRecoveryEnabled", .bool(replica.pointInTimeRecovery))])),
                    ("Region", replica.region.json),
                ]
                if let key = replica.key { fields.append(("SSESpecification", .object([("KMSMasterKeyId", key.json)]))) }
                return .object(fields)
            })),
        ]
        if replicas.contains(where: { $0.key != nil }) {
            properties.append(("SSESpecification", .object([("SSEEnabled", .bool(true)), ("SSEType", .string("KMS"))])))
        }
        if let stream { properties.append(("StreamSpecification", Self.streamSpecification(stream))) }
        if let name { properties.append(("TableName", .string(name))) }
        return adding(logicalId, type: "AWS::DynamoDB::GlobalTable", properties: properties)
    }

    /// `AWS::OpenSearchServerless::Collection` named `name`.
    package func collection(_ logicalId: String, name: String) -> TestStack {
        adding(logicalId, type: "AWS::OpenSearchServerless::Collection", properties: [("Name", .string(name)), ("Type", .string("SEARCH"))])
    }

    /// `AWS::OpenSearchServerless::AccessPolicy` (`Type` `data`) or `::SecurityPolicy` (`network`,
    /// `encryption`), its `Policy` written as CloudFormation takes it: a JSON string, with
    /// references (`Fn::Sub`) where `policy` holds them.
    package func serverlessPolicy(_ logicalId: String, type: String, name: String, policy: TestValue) -> TestStack {
        adding(logicalId, type: type == "data" ? "AWS::OpenSearchServerless::AccessPolicy" : "AWS::OpenSearchServerless::SecurityPolicy",
               properties: [("Name", .string(name)), ("Type", .string(type)), ("Policy", policy.json)])
    }

    /// `AWS::S3::Bucket`, with its `AWS::S3::BucketPolicy` (logical id `<logicalId>Policy`) when
    /// `policy` is given.
    /// - Parameters:
    ///   - blockPublicAccess: all four Block Public Access settings; nil leaves them unset.
    ///   - kmsKey: the default SSE-KMS key (`.arn(of: "Key")`); nil encrypts with S3's own keys.
    package func bucket(
        _ logicalId: String, name: String? = nil, policy: TestPolicy? = nil, blockPublicAccess: Bool? = nil, kmsKey: TestValue? = nil
    ) -> TestStack {
        var properties: [(String, JSONOutput)] = []
        if let name { properties.append(("BucketName", .string(name))) }
        properties.append(("BucketEncryption", Self.bucketEncryption(kmsKey)))
        if let blockPublicAccess {
            properties.append(("PublicAccessBlockConfiguration", .object(
                ["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"].map { ($0, .bool(blockPublicAccess)) })))
        }
        let stack = adding(logicalId, type: "AWS::S3::Bucket", properties: properties)
        guard let policy else { return stack }
        return stack.adding("\(logicalId)Policy", type: "AWS::S3::BucketPolicy", properties: [
            ("Bucket", TestValue.ref(logicalId).json), ("PolicyDocument", policy.json),
        ])
    }

    /// `AWS::KMS::Key`; without `policy`, KMS applies its default key policy.
    package func key(_ logicalId: String, policy: TestPolicy? = nil) -> TestStack {
        adding(logicalId, type: "AWS::KMS::Key", properties: policy.map { [("KeyPolicy", $0.json)] } ?? [])
    }

    /// `AWS::OpenSearchService::Domain`.
    /// - Parameters:
    ///   - accessPolicy: `AccessPolicies`; nil leaves the domain to its users' IAM policies.
    ///   - cognitoIdentityPool: turns Cognito sign-in for Dashboards on, with this identity pool
    ///     (`.ref("IdentityPool")`).
    package func domain(
        _ logicalId: String, name: String? = nil, accessPolicy: TestPolicy? = nil, cognitoIdentityPool: TestValue? = nil,
        fineGrainedAccessControl: FineGrainedAccessControl? = nil, encryptionAtRest: Bool = true, nodeToNodeEncryption: Bool = true,
        enforceHTTPS: Bool = true
    ) -> TestStack {
        var properties: [(String, JSONOutput)] = []
        if let name { properties.append(("DomainName", .string(name))) }
        properties.append(("EngineVersion", .string("OpenSearch_2.11")))
        if let accessPolicy { properties.append(("AccessPolicies", accessPolicy.json)) }
        if let cognitoIdentityPool {
            properties.append(("CognitoOptions", .object([("Enabled", .bool(true)), ("IdentityPoolId", cognitoIdentityPool.json)])))
        }
        if let fineGrainedAccessControl { properties.append(("AdvancedSecurityOptions", Self.advancedSecurityOptions(fineGrainedAccessControl))) }
        properties += [
            ("EncryptionAtRestOptions", .object([("Enabled", .bool(encryptionAtRest))])),
            ("NodeToNodeEncryptionOptions", .object([("Enabled", .bool(nodeToNodeEncryption))])),
            ("DomainEndpointOptions", .object([("EnforceHTTPS", .bool(enforceHTTPS))])),
        ]
        return adding(logicalId, type: "AWS::OpenSearchService::Domain", properties: properties)
    }

    /// `AWS::Cognito::IdentityPool`, with an `AWS::Cognito::IdentityPoolRoleAttachment` (logical id
    /// `<logicalId>Roles`) when a role (a logical id of the template) is given.
    package func identityPool(
        _ logicalId: String, allowUnauthenticatedIdentities: Bool = false, authenticatedRole: String? = nil, unauthenticatedRole: String? = nil
    ) -> TestStack {
        let stack = adding(logicalId, type: "AWS::Cognito::IdentityPool", properties: [
            ("AllowUnauthenticatedIdentities", .bool(allowUnauthenticatedIdentities)),
        ])
        guard authenticatedRole != nil || unauthenticatedRole != nil else { return stack }
        return stack.identityPoolRoles(
            "\(logicalId)Roles", pool: .ref(logicalId), authenticated: authenticatedRole.map(TestValue.arn(of:)),
            unauthenticated: unauthenticatedRole.map(TestValue.arn(of:)))
    }

    /// `AWS::Cognito::IdentityPoolRoleAttachment` alone: the roles a pool hands out, for a pool the
    /// template may not define.
    package func identityPoolRoles(_ logicalId: String, pool: TestValue, authenticated: TestValue?, unauthenticated: TestValue? = nil) -> TestStack {
        let roles = [("authenticated", authenticated), ("unauthenticated", unauthenticated)].compactMap { key, role in role.map { (key, $0.json) } }
        return adding(logicalId, type: "AWS::Cognito::IdentityPoolRoleAttachment", properties: [
            ("IdentityPoolId", pool.json), ("Roles", .object(roles)),
        ])
    }

    /// `AWS::OSIS::Pipeline` whose `PipelineConfigurationBody` is `configuration`, with template
    /// references resolved by `Fn::Sub`.
    /// - Parameters:
    ///   - role: `PipelineRoleArn`.
    ///   - logging: publish logs to CloudWatch (`true`), write `LogPublishingOptions` without
    ///     enabling them (`false`), or leave them out (nil).
    package func pipeline(
        _ logicalId: String, name: TestValue = "zero-etl-pipeline", role: TestValue? = nil, configuration: TestPipeline, logging: Bool? = nil
    ) -> TestStack {
        var properties: [(String, JSONOutput)] = [
            ("PipelineName", name.json), ("MinUnits", .int(1)), ("MaxUnits", .int(1)),
            ("PipelineConfigurationBody", configuration.templateBody),
        ]
        if let role { properties.append(("PipelineRoleArn", role.json)) }
        switch logging {
        case true?:
            properties.append(("LogPublishingOptions", .object([
                ("IsLoggingEnabled", .bool(true)),
                ("CloudWatchLogDestination", .object([("LogGroup", ("/aws/vendedlogs/OpenSearchIngestion/" + name).json)])),
            ])))
        case false?:
            properties.append(("LogPublishingOptions", .object([])))
        case nil:
            break
        }
        return adding(logicalId, type: "AWS::OSIS::Pipeline", properties: properties)
    }

    static func advancedSecurityOptions(_ mode: FineGrainedAccessControl) -> JSONOutput {
        switch mode {
        case .internalUserDatabase: .object([("Enabled", .bool(true)), ("InternalUserDatabaseEnabled", .bool(true))])
        case .masterUser(let arn): .object([("Enabled", .bool(true)), ("MasterUserOptions", .object([("MasterUserARN", arn.json)]))])
        }
    }

    static func streamSpecification(_ view: StreamView) -> JSONOutput {
        .object([("StreamViewType", .string(view.rawValue))])
    }

    static func bucketEncryption(_ kmsKey: TestValue?) -> JSONOutput {
        var defaults: [(String, JSONOutput)] = [("SSEAlgorithm", .string(kmsKey == nil ? "AES256" : "aws:kms"))]
        if let kmsKey { defaults.append(("KMSMasterKeyID", kmsKey.json)) }
        return .object([("ServerSideEncryptionConfiguration", .array([.object([("ServerSideEncryptionByDefault", .object(defaults))])]))])
    }
}
