import PolicyModel

/// One entry of the `sink` list of a sub-pipeline.
package enum PipelineSink: Sendable, Hashable {
    case opensearch(OpenSearchSink)
    /// `pipeline: { name: … }`: hands events to another sub-pipeline of the same file.
    case pipeline(name: Located<String>, position: SourcePosition)
    /// Any other plugin (`s3`, `stdout`, …), kept by name only.
    case other(type: String, position: SourcePosition)

    /// The plugin name as written (`opensearch`, `pipeline`, `s3`, …).
    package var type: String {
        switch self {
        case .opensearch: "opensearch"
        case .pipeline: "pipeline"
        case .other(let type, _): type
        }
    }

    /// The plugin key.
    package var position: SourcePosition {
        switch self {
        case .opensearch(let sink): sink.position
        case .pipeline(_, let position), .other(_, let position): position
        }
    }

    package var openSearch: OpenSearchSink? {
        if case .opensearch(let sink) = self { return sink }
        return nil
    }
}
