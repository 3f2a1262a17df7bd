import PolicyModel

/// `dlq: { s3: … }` of an opensearch sink: documents that fail to index are written to S3 with
/// the role in `sts_role_arn`.
package struct S3DeadLetterQueue: Sendable, Hashable {
    /// The `s3` key inside `dlq`.
    package var position: SourcePosition
    package var bucket: Located<String>?
    package var keyPathPrefix: Located<String>?
    package var region: Located<String>?
    package var stsRoleARN: Located<String>?

    package init(
        position: SourcePosition, bucket: Located<String>? = nil, keyPathPrefix: Located<String>? = nil,
        region: Located<String>? = nil, stsRoleARN: Located<String>? = nil
    ) {
        self.position = position
        self.bucket = bucket
        self.keyPathPrefix = keyPathPrefix
        self.region = region
        self.stsRoleARN = stsRoleARN
    }

    /// `key_path_prefix` without leading and trailing `/`; nil when none is set.
    package var normalizedKeyPathPrefix: String? { DynamoDBExportConfig.normalizedPrefix(keyPathPrefix?.value) }
}
