import SafeYAML

/// The stable codes of the diagnostics `PipelineConfiguration.parse` reports. Errors it throws
/// make the file unreadable; `PipelineConfiguration.diagnostics` holds what OpenSearch Ingestion
/// refuses at creation (errors, `rejectedAtCreation`) and what is legal but noteworthy (warnings).
package enum PipelineDiagnosticCode {
    // Input and YAML
    package static let tooLarge = "pipeline.too-large"
    package static let tooManyAliases = "pipeline.too-many-aliases"
    package static let unsupportedYAML = "pipeline.unsupported-yaml"
    package static let tooDeep = "pipeline.too-deep"
    package static let yamlSyntax = "pipeline.yaml-syntax"
    package static let duplicateKey = "pipeline.duplicate-key"
    package static let empty = "pipeline.empty"

    // Structure
    package static let rootNotMapping = "pipeline.root-not-mapping"
    package static let unknownVersion = "pipeline.unknown-version"
    package static let noSubPipeline = "pipeline.no-sub-pipeline"
    package static let missingSource = "pipeline.missing-source"
    package static let missingSink = "pipeline.missing-sink"
    package static let invalidPlugin = "pipeline.invalid-plugin"
    package static let unknownSubPipeline = "pipeline.unknown-sub-pipeline"
    package static let wrongType = "pipeline.wrong-type"
    package static let missingField = "pipeline.missing-field"
    package static let missingTables = "pipeline.missing-tables"
    package static let missingTableARN = "pipeline.missing-table-arn"
    package static let missingHosts = "pipeline.missing-hosts"

    // Refused by OpenSearch Ingestion at creation; the file still reads.
    package static let multipleTables = "pipeline.multiple-tables"
    package static let multipleSources = "pipeline.multiple-sources"
    /// Every code of `rejectedAtCreation`'s kind (`missingSink` is also one).
    package static let rejectedAtCreation = [missingSink, multipleTables, multipleSources]

    // Warnings
    package static let tableWithoutStreamOrExport = "pipeline.table-without-stream-or-export"
    package static let exportWithoutBucket = "pipeline.export-without-bucket"
    package static let sourceWithoutRole = "pipeline.source-without-role"
    package static let sinkWithoutRole = "pipeline.sink-without-role"
    package static let roleMismatch = "pipeline.role-mismatch"

    /// The code for a YAML layer refusal. Aliases expanding past the size limit count as too large,
    /// as for templates.
    static func code(for kind: SafeYAMLError.Kind) -> String {
        switch kind {
        case .tooLarge, .expansionTooLarge: tooLarge
        case .tooDeep: tooDeep
        case .tooManyAliases: tooManyAliases
        case .aliasInKey: unsupportedYAML
        case .syntax: yamlSyntax
        case .duplicateKey: duplicateKey
        }
    }
}
