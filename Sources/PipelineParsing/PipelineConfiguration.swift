import PolicyModel
import SafeYAML

/// An Amazon OpenSearch Ingestion pipeline configuration: Data Prepper YAML with a `version` and
/// one or more named sub-pipelines, each with a `source`, optional `processor`s and `sink`s.
///
/// Every value is kept as written (CloudFormation markers, tokens and Data Prepper expressions
/// alike) with the line and column it was written at.
package struct PipelineConfiguration: Sendable, Hashable {
    /// How values holding fixture markers (`{{Ref:X}}`, `{{GetAtt:X.Attr}}`) are returned.
    /// Only string values change (never keys, plugin or sub-pipeline names), and positions stay
    /// those of the values in the file.
    package enum MarkerHandling: Sendable {
        /// As written.
        case verbatim
        /// Replaced by `⟦Ref.X⟧` / `⟦AWS.Region⟧` / `⟦GetAtt.X.Attr⟧` tokens (see
        /// `CloudFormationMarker`), so the values compare equal to a template's unresolved values.
        case cloudFormationTokens
        /// Replaced by what the closure returns (a template's resolved value, say); nil keeps the token.
        case resolved(@Sendable (CloudFormationMarker) -> String?)
    }

    package var file: String
    /// `version`, as written (`2` or `2.x`); nil when the file has none.
    package var version: Located<String>?
    /// The sub-pipelines in file order; never empty.
    package var pipelines: [SubPipeline]
    /// What does not stop the reading, sorted by position: errors for what OpenSearch Ingestion
    /// refuses at creation (`OSISCreationRules`; the rest of the file still reads), warnings for
    /// legal configurations worth a note (`PipelineWarnings`).
    package var diagnostics: [Diagnostic]

    package init(file: String, version: Located<String>?, pipelines: [SubPipeline], diagnostics: [Diagnostic] = []) {
        self.file = file
        self.version = version
        self.pipelines = pipelines
        self.diagnostics = diagnostics
    }

    /// What OpenSearch Ingestion refuses at creation (the diagnostics of severity `.error`).
    package var rejections: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    /// Parses a pipeline configuration.
    ///
    /// - Throws: every error found, each a `pipeline.*` diagnostic located in `file`.
    package static func parse(
        text: String, file: String, markers: MarkerHandling = .verbatim
    ) throws(DiagnosticError) -> PipelineConfiguration {
        let root: YAMLNode?
        do {
            root = try SafeYAML.parse(text, limits: yamlLimits, code: PipelineDiagnosticCode.code(for:))
        } catch {
            throw error.located(in: file)
        }
        guard let root else {
            throw DiagnosticError(
                Diagnostic(
                    severity: .error, code: PipelineDiagnosticCode.empty,
                    message: "the pipeline configuration is empty", file: file,
                    position: SourcePosition(line: 1, column: 1)
                )
            )
        }
        var reader = PipelineReader(markers: markers)
        let (version, pipelines) = reader.readRoot(root)
        if !reader.errors.isEmpty {
            throw DiagnosticError(sorted(reader.errors + reader.rejections).map { $0.located(in: file) })
        }
        var configuration = PipelineConfiguration(file: file, version: version, pipelines: pipelines)
        configuration.diagnostics = sorted(reader.rejections + OSISCreationRules.check(configuration) + PipelineWarnings.check(configuration))
            .map { $0.located(in: file) }
        return configuration
    }

    /// 1 MiB leaves ample room and keeps the worst-case parse (a million one-character list items)
    /// around a second in a debug build.
    static let yamlLimits = YAMLLimits(
        maximumBytes: InputLimits.pipelineBytes, maximumDepth: InputLimits.pipelineDepth, maximumAliases: InputLimits.pipelineAliases)

    private static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        // Stable: diagnostics at the same place keep the order they were found in.
        diagnostics.enumerated()
            .sorted { ($0.element.position, $0.offset) < ($1.element.position, $1.offset) }
            .map(\.element)
    }

    package func pipeline(named name: String) -> SubPipeline? {
        pipelines.first { $0.name == name }
    }

    /// Every `dynamodb` source, in file order.
    package var dynamoDBSources: [DynamoDBSource] {
        pipelines.compactMap(\.source.dynamoDB)
    }

    /// Every `opensearch` sink, in file order.
    package var openSearchSinks: [OpenSearchSink] {
        pipelines.flatMap(\.openSearchSinks)
    }

    /// Every role the pipeline names, in file order: the `aws.sts_role_arn` of sources and sinks,
    /// `export.s3_sts_role_arn` and the dead-letter queue's `sts_role_arn`.
    package var stsRoleARNs: [Located<String>] {
        var roles: [Located<String>] = []
        for pipeline in pipelines {
            if let source = pipeline.source.dynamoDB {
                roles += [source.aws?.stsRoleARN].compactMap { $0 }
                roles += source.tables.compactMap { $0.export?.s3STSRoleARN }
            }
            for sink in pipeline.openSearchSinks {
                roles += [sink.aws?.stsRoleARN, sink.deadLetterQueue?.stsRoleARN].compactMap { $0 }
            }
        }
        return roles.sorted { $0.position < $1.position }
    }
}
