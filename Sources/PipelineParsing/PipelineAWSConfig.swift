import PolicyModel

/// The `aws` block of a Data Prepper plugin: the role the pipeline assumes for that plugin and the
/// region it calls. The `dynamodb` source, the `opensearch` sink and the sink's S3 dead-letter
/// queue each have one.
package struct PipelineAWSConfig: Sendable, Hashable {
    /// The `aws` key; for a sink configured with the older flat options (`aws_sigv4`,
    /// `aws_region`, `aws_sts_role_arn`), the first of those keys.
    package var position: SourcePosition
    /// `sts_role_arn`: the role assumed for this plugin. Absent: the pipeline role is used.
    package var stsRoleARN: Located<String>?
    package var region: Located<String>?
    package var stsExternalID: Located<String>?
    /// `sts_header_overrides`, in file order.
    package var stsHeaderOverrides: [STSHeaderOverride]
    /// `serverless` (opensearch sink only): the hosts are an OpenSearch Serverless collection.
    package var serverless: Located<Bool>?
    /// `serverless_options` (opensearch sink only).
    package var serverlessOptions: OpenSearchServerlessOptions?
    /// True when read from the flat `aws_*` options of an older opensearch sink.
    package var isLegacyFlatOptions: Bool

    package init(
        position: SourcePosition, stsRoleARN: Located<String>? = nil, region: Located<String>? = nil,
        stsExternalID: Located<String>? = nil, stsHeaderOverrides: [STSHeaderOverride] = [],
        serverless: Located<Bool>? = nil, serverlessOptions: OpenSearchServerlessOptions? = nil,
        isLegacyFlatOptions: Bool = false
    ) {
        self.position = position
        self.stsRoleARN = stsRoleARN
        self.region = region
        self.stsExternalID = stsExternalID
        self.stsHeaderOverrides = stsHeaderOverrides
        self.serverless = serverless
        self.serverlessOptions = serverlessOptions
        self.isLegacyFlatOptions = isLegacyFlatOptions
    }
}

/// One entry of `sts_header_overrides`: a header added to the `sts:AssumeRole` request.
package struct STSHeaderOverride: Sendable, Hashable {
    package var name: Located<String>
    package var value: Located<String>

    package init(name: Located<String>, value: Located<String>) {
        self.name = name
        self.value = value
    }
}

/// `aws.serverless_options` of an opensearch sink writing to an OpenSearch Serverless collection.
package struct OpenSearchServerlessOptions: Sendable, Hashable {
    package var position: SourcePosition
    package var networkPolicyName: Located<String>?
    package var collectionName: Located<String>?
    package var vpceID: Located<String>?

    package init(
        position: SourcePosition, networkPolicyName: Located<String>? = nil,
        collectionName: Located<String>? = nil, vpceID: Located<String>? = nil
    ) {
        self.position = position
        self.networkPolicyName = networkPolicyName
        self.collectionName = collectionName
        self.vpceID = vpceID
    }
}
