import PolicyModel

/// The `source` plugin of a sub-pipeline.
package enum PipelineSource: Sendable, Hashable {
    case dynamodb(DynamoDBSource)
    /// `pipeline: { name: … }`: this sub-pipeline reads what another sub-pipeline of the same
    /// file writes to its `pipeline` sink.
    case pipeline(name: Located<String>, position: SourcePosition)
    /// Any other plugin (`s3`, `http`, `kafka`, …), kept by name only.
    case other(type: String, position: SourcePosition)

    /// The plugin name as written (`dynamodb`, `pipeline`, `s3`, …).
    package var type: String {
        switch self {
        case .dynamodb: "dynamodb"
        case .pipeline: "pipeline"
        case .other(let type, _): type
        }
    }

    /// The plugin key.
    package var position: SourcePosition {
        switch self {
        case .dynamodb(let source): source.position
        case .pipeline(_, let position), .other(_, let position): position
        }
    }

    package var dynamoDB: DynamoDBSource? {
        if case .dynamodb(let source) = self { return source }
        return nil
    }
}
