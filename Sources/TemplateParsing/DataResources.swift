import PolicyModel

/// `AWS::DynamoDB::Table`.
package struct DynamoDBTableResource: TemplateResourceView {
    package static let resourceTypes = ["AWS::DynamoDB::Table"]

    package var logicalId: String
    package var position: SourcePosition
    package var tableName: String
    package var arn: String
    /// `StreamSpecification.StreamViewType` (`NEW_IMAGE`, …); nil without a stream.
    package var streamViewType: String?
    /// The stream's ARN (its label is a token), when the table has a stream.
    package var streamArn: String?
    package var pointInTimeRecoveryEnabled: Bool
    /// `SSESpecification.SSEEnabled`: a customer- or AWS-managed KMS key rather than the default
    /// AWS-owned key (tables are always encrypted at rest).
    package var sseEnabled: Bool
    package var sseType: String?
    package var kmsMasterKeyId: Located<String>?

    package init(_ resource: TemplateResource) throws(DiagnosticError) {
        var reader = PropertyReader(resource, expecting: Self.resourceTypes)
        let stream = reader.map("StreamSpecification")
        streamViewType = stream.flatMap { reader.string("StreamViewType", in: $0) }?.value
        pointInTimeRecoveryEnabled = reader.map("PointInTimeRecoverySpecification")
            .flatMap { reader.bool("PointInTimeRecoveryEnabled", in: $0) } ?? false
        let sse = reader.map("SSESpecification")
        sseEnabled = sse.flatMap { reader.bool("SSEEnabled", in: $0) } ?? false
        sseType = sse.flatMap { reader.string("SSEType", in: $0) }?.value
        kmsMasterKeyId = sse.flatMap { reader.string("KMSMasterKeyId", in: $0) }
        try reader.finish()
        logicalId = resource.logicalId
        position = resource.position
        tableName = resource.ref
        arn = resource.arn ?? resource.attribute("Arn")
        streamArn = streamViewType == nil ? nil : resource.attribute("StreamArn")
    }
}

/// `AWS::DynamoDB::GlobalTable` (what CDK's `TableV2` synthesizes): one table with a replica per
/// region. The stream and the encryption type are the table's; point-in-time recovery and the
/// customer managed key are each replica's, and the stack's own region is one of the replicas.
package struct DynamoDBGlobalTableResource: TemplateResourceView {
    package static let resourceTypes = ["AWS::DynamoDB::GlobalTable"]

    package struct Replica: Sendable, Hashable {
        /// `Region`, resolved (`!Ref AWS::Region` is the stack's region, or its token).
        package var region: String
        /// `PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled` (off when absent).
        package var pointInTimeRecoveryEnabled: Bool
        /// `SSESpecification.KMSMasterKeyId`: the replica's key (KMS keys are regional).
        package var kmsMasterKeyId: Located<String>?
        package var position: SourcePosition
    }

    package var logicalId: String
    package var position: SourcePosition
    package var tableName: String
    package var arn: String
    package var streamViewType: String?
    package var streamArn: String?
    /// `SSESpecification.SSEEnabled` with `SSEType` `KMS`: each replica's `KMSMasterKeyId`, else
    /// the AWS managed key.
    package var sseEnabled: Bool
    package var replicas: [Replica]

    package init(_ resource: TemplateResource) throws(DiagnosticError) {
        var reader = PropertyReader(resource, expecting: Self.resourceTypes)
        let stream = reader.map("StreamSpecification")
        streamViewType = stream.flatMap { reader.string("StreamViewType", in: $0) }?.value
        sseEnabled = reader.map("SSESpecification").flatMap { reader.bool("SSEEnabled", in: $0) } ?? false
        var replicas: [Replica] = []
        if let node = resource.properties["Replicas"] {
            if let items = node.listValue {
                for item in items where item.mapValue != nil {
                    guard let region = reader.string("Region", in: item) else {
                        reader.missing("Region", at: item.position)
                        continue
                    }
                    replicas.append(Replica(
                        region: region.value,
                        pointInTimeRecoveryEnabled: reader.map("PointInTimeRecoverySpecification", in: item)
                            .flatMap { reader.bool("PointInTimeRecoveryEnabled", in: $0) } ?? false,
                        kmsMasterKeyId: reader.map("SSESpecification", in: item).flatMap { reader.string("KMSMasterKeyId", in: $0) },
                        position: item.position))
                }
            } else {
                reader.report("template.invalid-property", "`Replicas` of resource `\(resource.logicalId)` must be a list, found \(node.typeName)", at: node.position)
            }
        } else {
            reader.missing("Replicas")
        }
        try reader.finish()
        self.replicas = replicas
        logicalId = resource.logicalId
        position = resource.position
        tableName = resource.ref
        arn = resource.arn ?? resource.attribute("Arn")
        streamArn = streamViewType == nil ? nil : resource.attribute("StreamArn")
    }

    /// The replica in `region` (the stack's region, or its token when not known); nil when none is.
    package func replica(in region: String) -> Replica? {
        replicas.first { $0.region == region }
    }
}

/// `AWS::OSIS::Pipeline` (OpenSearch Ingestion).
package struct OSISPipelineResource: TemplateResourceView {
    package static let resourceTypes = ["AWS::OSIS::Pipeline"]

    package struct LogPublishing: Sendable, Hashable {
        package var isLoggingEnabled: Bool
        /// `CloudWatchLogDestination.LogGroup`.
        package var logGroup: Located<String>?
        package var position: SourcePosition
    }

    package var logicalId: String
    package var position: SourcePosition
    package var pipelineName: String
    package var arn: String
    /// The Data Prepper YAML, with intrinsics resolved (tokens where unknown).
    package var configurationBody: Located<String>
    package var pipelineRoleArn: Located<String>?
    /// nil when `LogPublishingOptions` is absent; `{}` reads as logging disabled.
    package var logPublishing: LogPublishing?
    package var hasVPCOptions: Bool
    package var minUnits: Int?
    package var maxUnits: Int?

    package init(_ resource: TemplateResource) throws(DiagnosticError) {
        var reader = PropertyReader(resource, expecting: Self.resourceTypes)
        let name = reader.requiredString("PipelineName")
        let body = reader.requiredString("PipelineConfigurationBody")
        pipelineRoleArn = reader.string("PipelineRoleArn")
        if let options = reader.map("LogPublishingOptions") {
            let destination = reader.map("CloudWatchLogDestination", in: options)
            logPublishing = LogPublishing(
                isLoggingEnabled: reader.bool("IsLoggingEnabled", in: options) ?? false,
                logGroup: destination.flatMap { reader.string("LogGroup", in: $0) },
                position: options.position)
        }
        hasVPCOptions = reader.map("VpcOptions") != nil
        minUnits = reader.int("MinUnits")
        maxUnits = reader.int("MaxUnits")
        try reader.finish()
        guard let name, let body else { throw reader.failure() }
        logicalId = resource.logicalId
        position = resource.position
        pipelineName = name.value
        arn = resource.arn ?? resource.attribute("PipelineArn")
        configurationBody = body
    }
}

/// `AWS::KMS::Key`.
package struct KMSKeyResource: TemplateResourceView {
    package static let resourceTypes = ["AWS::KMS::Key"]

    package var logicalId: String
    package var position: SourcePosition
    /// The key id: always a token, as KMS generates it.
    package var keyId: String
    package var arn: String
    /// nil when `KeyPolicy` is absent (KMS then applies its default policy).
    package var keyPolicy: PolicyDocument?
    package var enabled: Bool
    package var enableKeyRotation: Bool

    package init(_ resource: TemplateResource) throws(DiagnosticError) {
        var reader = PropertyReader(resource, expecting: Self.resourceTypes)
        keyPolicy = reader.policy("KeyPolicy")
        enabled = reader.bool("Enabled") ?? true
        enableKeyRotation = reader.bool("EnableKeyRotation") ?? false
        try reader.finish()
        logicalId = resource.logicalId
        position = resource.position
        keyId = resource.ref
        arn = resource.arn ?? resource.attribute("Arn")
    }
}

/// `AWS::Logs::LogGroup`.
package struct LogGroupResource: TemplateResourceView {
    package static let resourceTypes = ["AWS::Logs::LogGroup"]

    package var logicalId: String
    package var position: SourcePosition
    package var logGroupName: String
    /// `arn:…:logs:<region>:<account>:log-group:<name>:*`, as the `Arn` attribute is.
    package var arn: String
    package var retentionInDays: Int?
    package var kmsKeyId: Located<String>?

    package init(_ resource: TemplateResource) throws(DiagnosticError) {
        var reader = PropertyReader(resource, expecting: Self.resourceTypes)
        retentionInDays = reader.int("RetentionInDays")
        kmsKeyId = reader.string("KmsKeyId")
        try reader.finish()
        logicalId = resource.logicalId
        position = resource.position
        logGroupName = resource.ref
        arn = resource.arn ?? resource.attribute("Arn")
    }
}
