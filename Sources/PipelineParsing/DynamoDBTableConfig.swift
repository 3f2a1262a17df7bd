import PolicyModel

/// One entry of `tables` in a `dynamodb` source.
package struct DynamoDBTableConfig: Sendable, Hashable {
    /// The list item (its first key).
    package var position: SourcePosition
    /// `table_arn`, as written (it may hold a CloudFormation marker or token).
    package var tableARN: Located<String>
    package var stream: DynamoDBStreamConfig?
    package var export: DynamoDBExportConfig?

    package init(
        position: SourcePosition, tableARN: Located<String>,
        stream: DynamoDBStreamConfig? = nil, export: DynamoDBExportConfig? = nil
    ) {
        self.position = position
        self.tableARN = tableARN
        self.stream = stream
        self.export = export
    }

    /// An `export` block is present: the pipeline role needs the export and S3 permissions.
    package var needsExport: Bool { export != nil }
    /// A `stream` block is present: the pipeline role needs the stream permissions.
    package var needsStream: Bool { stream != nil }
}
