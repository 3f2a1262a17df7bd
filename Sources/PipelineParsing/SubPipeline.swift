import PolicyModel

/// One named pipeline of the configuration file (every top-level key other than `version`,
/// `pipeline_configurations` and `extension`).
package struct SubPipeline: Sendable, Hashable {
    package var name: String
    /// The name key.
    package var position: SourcePosition
    package var source: PipelineSource
    /// `sink`, in file order; empty only when the file has none (a `pipeline.missing-sink` error).
    package var sinks: [PipelineSink]
    /// The plugin name of each `processor` entry, in file order.
    package var processors: [Located<String>]

    package init(
        name: String, position: SourcePosition, source: PipelineSource,
        sinks: [PipelineSink], processors: [Located<String>] = []
    ) {
        self.name = name
        self.position = position
        self.source = source
        self.sinks = sinks
        self.processors = processors
    }

    package var openSearchSinks: [OpenSearchSink] { sinks.compactMap(\.openSearch) }
}
