import PolicyModel

/// What OpenSearch Ingestion refuses when a pipeline is created, though Data Prepper's YAML reads
/// it: each an error at its position, so the rest of the configuration is still analysed.
/// - One table per DynamoDB source ("Using an OpenSearch Ingestion pipeline with Amazon
///   DynamoDB", Limitations: one table per pipeline).
/// - One source that is not a `pipeline` connector: the other sub-pipelines read what the first
///   hands them through `pipeline` sinks and sources ("Overview of pipeline features in Amazon
///   OpenSearch Ingestion", sub-pipelines).
/// (A sub-pipeline without sinks, `pipeline.missing-sink`, is found while reading.)
enum OSISCreationRules {
    static let dynamoDBLimitations = "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/configure-client-ddb.html"

    static func check(_ configuration: PipelineConfiguration) -> [Diagnostic] {
        var errors: [Diagnostic] = []
        for source in configuration.dynamoDBSources where source.tables.count > 1 {
            for table in source.tables.dropFirst() {
                errors.append(Diagnostic(
                    severity: .error, code: PipelineDiagnosticCode.multipleTables,
                    message: "the `dynamodb` source lists \(source.tables.count) tables, but OpenSearch Ingestion reads one table per pipeline, so it refuses this configuration",
                    position: table.position, help: "use one pipeline per table (\(dynamoDBLimitations))"))
            }
        }
        let entrySources = configuration.pipelines.filter { pipeline in
            if case .pipeline = pipeline.source { return false }
            return true
        }
        if let first = entrySources.first {
            for pipeline in entrySources.dropFirst() {
                errors.append(Diagnostic(
                    severity: .error, code: PipelineDiagnosticCode.multipleSources,
                    message: "sub-pipeline `\(pipeline.name)` has a second source (`\(pipeline.source.type)`) besides `\(first.source.type)` of `\(first.name)`, "
                        + "but an OpenSearch Ingestion pipeline has one source, so it refuses this configuration",
                    position: pipeline.source.position,
                    help: "give each source a pipeline of its own, or have `\(pipeline.name)` read `\(first.name)` through a `pipeline` source"))
            }
        }
        return errors
    }
}
