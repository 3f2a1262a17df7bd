import PolicyModel

/// `export` of a DynamoDB table: the pipeline first takes a point-in-time export of the table into
/// S3 (PITR must be on), then reads the exported objects.
package struct DynamoDBExportConfig: Sendable, Hashable {
    /// The `export` key.
    package var position: SourcePosition
    package var s3Bucket: Located<String>?
    /// `s3_prefix` exactly as written (with or without a trailing `/`).
    package var s3Prefix: Located<String>?
    package var s3Region: Located<String>?
    /// `s3_sse_kms_key_id`: a customer managed key for the exported objects.
    package var s3SSEKMSKeyID: Located<String>?
    /// `s3_sts_role_arn`: a role for the S3 side of the export (another account's bucket).
    package var s3STSRoleARN: Located<String>?

    package init(
        position: SourcePosition, s3Bucket: Located<String>? = nil, s3Prefix: Located<String>? = nil,
        s3Region: Located<String>? = nil, s3SSEKMSKeyID: Located<String>? = nil, s3STSRoleARN: Located<String>? = nil
    ) {
        self.position = position
        self.s3Bucket = s3Bucket
        self.s3Prefix = s3Prefix
        self.s3Region = s3Region
        self.s3SSEKMSKeyID = s3SSEKMSKeyID
        self.s3STSRoleARN = s3STSRoleARN
    }

    /// `s3_prefix` without leading or trailing `/`; nil when absent or empty.
    /// `ddb-to-opensearch-export/` and `ddb-to-opensearch-export` both give `ddb-to-opensearch-export`.
    package var normalizedS3Prefix: String? { Self.normalizedPrefix(s3Prefix?.value) }

    /// An S3 key prefix without leading and trailing `/`; nil when nothing is left.
    static func normalizedPrefix(_ raw: String?) -> String? {
        guard let raw else { return nil }
        var trimmed = Substring(raw)
        while trimmed.first == "/" { trimmed = trimmed.dropFirst() }
        while trimmed.last == "/" { trimmed = trimmed.dropLast() }
        return trimmed.isEmpty ? nil : String(trimmed)
    }

    /// The object-key pattern of the export objects inside the bucket, as AWS's documented
    /// pipeline-role policy writes it (`<prefix>/*`), or `*` without a prefix.
    package var s3ObjectKeyPattern: String {
        normalizedS3Prefix.map { "\($0)/*" } ?? "*"
    }
}
