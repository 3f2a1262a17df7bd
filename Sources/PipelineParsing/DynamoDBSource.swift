import PolicyModel

/// The `dynamodb` source of a sub-pipeline (zero-ETL from DynamoDB).
package struct DynamoDBSource: Sendable, Hashable {
    /// The `dynamodb` key.
    package var position: SourcePosition
    /// `tables`, in file order; never empty. OSIS accepts one table per pipeline (a warning says so
    /// when there are more), Data Prepper's model is a list.
    package var tables: [DynamoDBTableConfig]
    package var aws: PipelineAWSConfig?
    package var acknowledgments: Located<Bool>?

    package init(
        position: SourcePosition, tables: [DynamoDBTableConfig],
        aws: PipelineAWSConfig? = nil, acknowledgments: Located<Bool>? = nil
    ) {
        self.position = position
        self.tables = tables
        self.aws = aws
        self.acknowledgments = acknowledgments
    }

    /// Some table has an `export` block.
    package var needsExport: Bool { tables.contains(where: \.needsExport) }
    /// Some table has a `stream` block.
    package var needsStream: Bool { tables.contains(where: \.needsStream) }
}
