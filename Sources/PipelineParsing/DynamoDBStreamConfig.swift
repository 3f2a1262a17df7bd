import PolicyModel

/// `stream` of a DynamoDB table: the pipeline reads the table's stream (DynamoDB Streams must be on).
package struct DynamoDBStreamConfig: Sendable, Hashable {
    /// The `stream` key.
    package var position: SourcePosition
    /// `start_position`, as written (Data Prepper documents `LATEST` and `TRIM_HORIZON`).
    package var startPosition: Located<String>?
    /// `view_on_remove` (`NEW_IMAGE` or `OLD_IMAGE`): what REMOVE events carry.
    package var viewOnRemove: Located<String>?

    package init(position: SourcePosition, startPosition: Located<String>? = nil, viewOnRemove: Located<String>? = nil) {
        self.position = position
        self.startPosition = startPosition
        self.viewOnRemove = viewOnRemove
    }
}
