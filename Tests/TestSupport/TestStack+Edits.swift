import PolicyParsing

/// Labelled changes to a stack's resources, named by logical id: how a test breaks the reference
/// stack (or its own) in one place. Each returns the changed stack, and throws `TestStackError`
/// when the resource is not there (or is of another type), so a typo cannot leave a stack unbroken.
extension TestStack {
    // MARK: Roles

    package func replacingTrust(of role: String, with trust: TestPolicy) throws -> TestStack {
        try editingProperties(of: role, expecting: "AWS::IAM::Role") { $0[member: "AssumeRolePolicyDocument"] = trust.json }
    }

    package func addingTrustStatement(_ statement: TestStatement, to role: String) throws -> TestStack {
        try addingStatement(statement, toPolicyIn: "AssumeRolePolicyDocument", of: role)
    }

    /// Sets the permissions boundary (a managed policy ARN), or removes it with nil.
    package func settingBoundary(of principal: String, to boundary: TestValue?) throws -> TestStack {
        try settingProperty("PermissionsBoundary", of: principal, to: boundary?.json)
    }

    /// Detaches the managed policy whose ARN ends in `/name` (however the ARN is written).
    package func removingManagedPolicy(named name: String, from principal: String) throws -> TestStack {
        try editingProperties(of: principal) { properties in
            let attached = properties[member: "ManagedPolicyArns"]?.items ?? []
            let remaining = attached.filter { !$0.renderedCompact().contains("/\(name)\"") }
            guard remaining.count < attached.count else { throw TestStackError("`\(principal)` has no managed policy `\(name)`") }
            properties[member: "ManagedPolicyArns"] = .array(remaining)
        }
    }

    // MARK: Tables

    package func settingPointInTimeRecovery(_ enabled: Bool, on table: String) throws -> TestStack {
        try editingProperties(of: table, expecting: "AWS::DynamoDB::Table") {
            $0[member: "PointInTimeRecoverySpecification"] = .object([("PointInTimeRecoveryEnabled", .bool(enabled))])
        }
    }

    /// Sets the table's stream view type, or removes the stream with nil.
    package func settingStream(_ view: StreamView?, on table: String) throws -> TestStack {
        try editingProperties(of: table, expecting: "AWS::DynamoDB::Table") { $0[member: "StreamSpecification"] = view.map(Self.streamSpecification) }
    }

    // MARK: Buckets and keys

    /// Adds a statement to the bucket's policy, creating the `AWS::S3::BucketPolicy`
    /// (`<bucket>Policy`) when the bucket has none.
    package func addingBucketPolicyStatement(_ statement: TestStatement, to bucket: String) throws -> TestStack {
        guard resources.contains(where: { $0.logicalId == bucket && $0.type == "AWS::S3::Bucket" }) else {
            throw TestStackError("the stack has no bucket `\(bucket)`")
        }
        let bucketReference = TestValue.ref(bucket).json
        guard let policy = resources.first(where: { $0.type == "AWS::S3::BucketPolicy" && $0.properties[member: "Bucket"] == bucketReference }) else {
            return adding("\(bucket)Policy", type: "AWS::S3::BucketPolicy", properties: [
                ("Bucket", bucketReference), ("PolicyDocument", TestPolicy([statement]).json),
            ])
        }
        return try addingStatement(statement, toPolicyIn: "PolicyDocument", of: policy.logicalId)
    }

    /// Makes `key` the bucket's default encryption key (SSE-KMS).
    package func encryptingBucket(_ bucket: String, with key: TestValue) throws -> TestStack {
        try editingProperties(of: bucket, expecting: "AWS::S3::Bucket") { $0[member: "BucketEncryption"] = Self.bucketEncryption(key) }
    }

    // MARK: Domains and identity pools

    package func settingAccessPolicy(of domain: String, to policy: TestPolicy?) throws -> TestStack {
        try editingProperties(of: domain, expecting: "AWS::OpenSearchService::Domain") { $0[member: "AccessPolicies"] = policy?.json }
    }

    package func enablingFineGrainedAccessControl(on domain: String, _ mode: FineGrainedAccessControl) throws -> TestStack {
        try editingProperties(of: domain, expecting: "AWS::OpenSearchService::Domain") { $0[member: "AdvancedSecurityOptions"] = Self.advancedSecurityOptions(mode) }
    }

    package func settingUnauthenticatedIdentities(_ allowed: Bool, in pool: String) throws -> TestStack {
        try editingProperties(of: pool, expecting: "AWS::Cognito::IdentityPool") { $0[member: "AllowUnauthenticatedIdentities"] = .bool(allowed) }
    }

    // MARK: Pipelines

    package func settingPipelineConfiguration(of pipeline: String, to configuration: TestPipeline) throws -> TestStack {
        try editingProperties(of: pipeline, expecting: "AWS::OSIS::Pipeline") { $0[member: "PipelineConfigurationBody"] = configuration.templateBody }
    }

    /// Appends `statement` to the policy document held in `property` of a resource.
    func addingStatement(_ statement: TestStatement, toPolicyIn property: String, of logicalId: String) throws -> TestStack {
        try editingProperties(of: logicalId) { properties in
            var document = properties[member: property] ?? TestPolicy([]).json
            document[member: "Statement"] = .array((document[member: "Statement"]?.items ?? []) + [statement.json])
            properties[member: property] = document
        }
    }
}
