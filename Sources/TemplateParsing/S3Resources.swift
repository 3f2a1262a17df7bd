import PolicyModel

/// `AWS::S3::Bucket`.
package struct S3BucketResource: TemplateResourceView {
    package static let resourceTypes = ["AWS::S3::Bucket"]

    package struct EncryptionRule: Sendable, Hashable {
        /// `AES256`, `aws:kms` or `aws:kms:dsse`.
        package var algorithm: String?
        package var kmsMasterKeyId: Located<String>?
        package var bucketKeyEnabled: Bool
        package var position: SourcePosition
    }

    /// `PublicAccessBlockConfiguration`; an absent setting is false, as in S3.
    package struct PublicAccessBlock: Sendable, Hashable {
        package var blockPublicAcls: Bool
        package var blockPublicPolicy: Bool
        package var ignorePublicAcls: Bool
        package var restrictPublicBuckets: Bool
        package var position: SourcePosition

        package var blocksAll: Bool { blockPublicAcls && blockPublicPolicy && ignorePublicAcls && restrictPublicBuckets }
    }

    package var logicalId: String
    package var position: SourcePosition
    package var bucketName: String
    package var arn: String
    package var encryption: [EncryptionRule]
    package var publicAccessBlock: PublicAccessBlock?
    package var versioningEnabled: Bool

    package init(_ resource: TemplateResource) throws(DiagnosticError) {
        var reader = PropertyReader(resource, expecting: Self.resourceTypes)
        var rules: [EncryptionRule] = []
        if let encryption = reader.map("BucketEncryption"),
           let configuration = encryption["ServerSideEncryptionConfiguration"] {
            for rule in configuration.listValue ?? [configuration] {
                let defaults = reader.map("ServerSideEncryptionByDefault", in: rule)
                rules.append(EncryptionRule(
                    algorithm: defaults.flatMap { reader.string("SSEAlgorithm", in: $0) }?.value,
                    kmsMasterKeyId: defaults.flatMap { reader.string("KMSMasterKeyID", in: $0) },
                    bucketKeyEnabled: reader.bool("BucketKeyEnabled", in: rule) ?? false,
                    position: rule.position))
            }
        }
        encryption = rules
        if let block = reader.map("PublicAccessBlockConfiguration") {
            publicAccessBlock = PublicAccessBlock(
                blockPublicAcls: reader.bool("BlockPublicAcls", in: block) ?? false,
                blockPublicPolicy: reader.bool("BlockPublicPolicy", in: block) ?? false,
                ignorePublicAcls: reader.bool("IgnorePublicAcls", in: block) ?? false,
                restrictPublicBuckets: reader.bool("RestrictPublicBuckets", in: block) ?? false,
                position: block.position)
        }
        versioningEnabled = reader.map("VersioningConfiguration").flatMap { reader.string("Status", in: $0) }?.value == "Enabled"
        try reader.finish()
        logicalId = resource.logicalId
        position = resource.position
        bucketName = resource.ref
        arn = resource.arn ?? resource.attribute("Arn")
    }
}

/// `AWS::S3::BucketPolicy`.
package struct S3BucketPolicyResource: TemplateResourceView {
    package static let resourceTypes = ["AWS::S3::BucketPolicy"]

    package var logicalId: String
    package var position: SourcePosition
    /// The resolved `Bucket`: a bucket name (or the bucket's `Ref` token).
    package var bucket: Located<String>
    package var document: PolicyDocument

    package init(_ resource: TemplateResource) throws(DiagnosticError) {
        var reader = PropertyReader(resource, expecting: Self.resourceTypes)
        let bucket = reader.requiredString("Bucket")
        let document = reader.requiredPolicy("PolicyDocument")
        try reader.finish()
        guard let bucket, let document else { throw reader.failure() }
        logicalId = resource.logicalId
        position = resource.position
        self.bucket = bucket
        self.document = document
    }
}
