import PolicyModel
import SafeYAML

/// Walks the composed YAML and builds the typed configuration, collecting every error (not just
/// the first) with its position.
struct PipelineReader {
    let markers: PipelineConfiguration.MarkerHandling
    /// What makes the file unreadable as a pipeline configuration.
    private(set) var errors: [Diagnostic] = []
    /// What OpenSearch Ingestion refuses but the file still reads around (a sub-pipeline without
    /// sinks).
    private(set) var rejections: [Diagnostic] = []

    init(markers: PipelineConfiguration.MarkerHandling) {
        self.markers = markers
    }

    /// Top-level keys that are not sub-pipelines besides `version`: shared settings (secrets) and
    /// the metadata the OSIS console adds.
    static let reservedRootKeys: Set<String> = ["pipeline_configurations", "extension"]

    // MARK: - Root

    mutating func readRoot(_ root: YAMLNode) -> (version: Located<String>?, pipelines: [SubPipeline]) {
        guard let entries = root.mappingEntries else {
            fail(
                PipelineDiagnosticCode.rootNotMapping,
                "the pipeline configuration must be a mapping of sub-pipeline names, found \(root.typeName)",
                at: root.position
            )
            return (nil, [])
        }
        var version: Located<String>?
        var pipelines: [SubPipeline] = []
        var subPipelineKeys = 0
        for entry in root.mapping ?? [] where entry.key.scalarText == nil {
            fail(
                PipelineDiagnosticCode.wrongType,
                "a sub-pipeline name must be a string, found \(entry.key.typeName)", at: entry.key.position
            )
        }
        for entry in entries {
            if entry.key == "version" {
                version = readVersion(entry)
            } else if !Self.reservedRootKeys.contains(entry.key) {
                subPipelineKeys += 1
                if let pipeline = readSubPipeline(entry) { pipelines.append(pipeline) }
            }
        }
        if subPipelineKeys == 0 {
            fail(
                PipelineDiagnosticCode.noSubPipeline,
                "the pipeline configuration defines no sub-pipeline",
                at: root.position,
                help: "add a named pipeline with a `source` and a `sink` next to `version`"
            )
        }
        checkPipelineReferences(pipelines)
        return (version, pipelines)
    }

    private mutating func readVersion(_ entry: YAMLEntry) -> Located<String>? {
        guard let text = entry.value.scalarText, !entry.value.isNull else {
            fail(
                PipelineDiagnosticCode.wrongType, "`version` must be a string, found \(entry.value.typeName)",
                at: entry.value.position
            )
            return nil
        }
        // Data Prepper reads `major[.minor]` and accepts major version 2.
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let isKnown = parts.first == "2" && parts.count <= 2
            && parts.dropFirst().allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
        if !isKnown {
            fail(
                PipelineDiagnosticCode.unknownVersion, "unknown pipeline version `\(text)`, expected `2`",
                at: entry.value.position
            )
        }
        return Located(text, at: entry.value.position)
    }

    // MARK: - Sub-pipelines

    private mutating func readSubPipeline(_ entry: YAMLEntry) -> SubPipeline? {
        let name = entry.key
        guard let body = entry.value.mappingEntries else {
            fail(
                PipelineDiagnosticCode.wrongType,
                "sub-pipeline `\(name)` must be a mapping, found \(entry.value.typeName)",
                at: entry.value.isNull ? entry.keyPosition : entry.value.position
            )
            return nil
        }
        var source: PipelineSource?
        if let sourceEntry = body["source"], !sourceEntry.value.isNull {
            if let plugin = readPlugin(sourceEntry.value, role: "source") {
                source = readSource(plugin)
            }
        } else {
            fail(
                PipelineDiagnosticCode.missingSource, "sub-pipeline `\(name)` has no `source`",
                at: entry.keyPosition
            )
        }
        // Data Prepper and OSIS refuse a sub-pipeline without sinks; its source still reads.
        let sinks = readSinks(body["sink"], pipelineName: name, pipelinePosition: entry.keyPosition)
        let processors = readProcessors(body["processor"])
        guard let source, let sinks else { return nil }
        return SubPipeline(
            name: name, position: entry.keyPosition, source: source, sinks: sinks, processors: processors
        )
    }

    private mutating func readSinks(
        _ entry: YAMLEntry?, pipelineName: String, pipelinePosition: SourcePosition
    ) -> [PipelineSink]? {
        let help = "OpenSearch Ingestion refuses to create a pipeline whose sub-pipeline writes nowhere: add an `opensearch` sink, or a `pipeline` sink to another sub-pipeline"
        guard let entry, !entry.value.isNull else {
            reject(PipelineDiagnosticCode.missingSink, "sub-pipeline `\(pipelineName)` has no `sink`", at: pipelinePosition, help: help)
            return []
        }
        if entry.value.sequence?.isEmpty == true {
            reject(PipelineDiagnosticCode.missingSink, "sub-pipeline `\(pipelineName)` has an empty `sink` list", at: entry.value.position, help: help)
            return []
        }
        return readRequiredList(
            entry, key: "sink", missingCode: PipelineDiagnosticCode.missingSink,
            missing: "sub-pipeline `\(pipelineName)` has no `sink`", empty: "sub-pipeline `\(pipelineName)` has an empty `sink` list",
            ownerPosition: pipelinePosition
        ) { reader, item in
            reader.readPlugin(item, role: "sink").flatMap { reader.readSink($0) }
        }
    }

    /// A list the configuration must have, with at least one entry, every entry read by `readItem`
    /// (which reports its own errors). nil when anything is missing or wrong; all errors reported.
    private mutating func readRequiredList<Item>(
        _ entry: YAMLEntry?, key: String, missingCode: String, missing: String, empty: String,
        ownerPosition: SourcePosition, missingHelp: String? = nil, typeHelp: String? = nil,
        readItem: (inout PipelineReader, YAMLNode) -> Item?
    ) -> [Item]? {
        guard let entry, !entry.value.isNull else {
            fail(missingCode, missing, at: ownerPosition, help: missingHelp)
            return nil
        }
        guard let items = entry.value.sequence else {
            fail(
                PipelineDiagnosticCode.wrongType, "`\(key)` must be a list, found \(entry.value.typeName)",
                at: entry.value.position, help: typeHelp
            )
            return nil
        }
        if items.isEmpty {
            fail(missingCode, empty, at: entry.value.position)
            return nil
        }
        var result: [Item] = []
        var failed = false
        for item in items {
            if let read = readItem(&self, item) { result.append(read) } else { failed = true }
        }
        return failed ? nil : result
    }

    private mutating func readProcessors(_ entry: YAMLEntry?) -> [Located<String>] {
        guard let entry, !entry.value.isNull else { return [] }
        guard let items = entry.value.sequence else {
            fail(
                PipelineDiagnosticCode.wrongType, "`processor` must be a list, found \(entry.value.typeName)",
                at: entry.value.position
            )
            return []
        }
        return items.compactMap { item in
            readPlugin(item, role: "processor").map { Located($0.name, at: $0.position) }
        }
    }

    // MARK: - Plugins

    struct Plugin {
        var name: String
        var position: SourcePosition
        var value: YAMLNode
    }

    /// A plugin is a mapping with exactly one key, the plugin name, whose value is its settings.
    private mutating func readPlugin(_ node: YAMLNode, role: String) -> Plugin? {
        guard let mapping = node.mapping else {
            fail(
                PipelineDiagnosticCode.invalidPlugin,
                "a `\(role)` plugin must be a mapping from the plugin name to its settings, found \(node.typeName)",
                at: node.position
            )
            return nil
        }
        guard mapping.count == 1, let entry = node.mappingEntries?.first else {
            fail(
                PipelineDiagnosticCode.invalidPlugin,
                "a `\(role)` entry must name exactly one plugin, found \(mapping.count)",
                at: node.position
            )
            return nil
        }
        return Plugin(name: entry.key, position: entry.keyPosition, value: entry.value)
    }

    /// The settings of a plugin this module reads: a mapping, or nothing (`dynamodb:` alone).
    private mutating func settings(of plugin: Plugin) -> [YAMLEntry]? {
        if plugin.value.isNull { return [] }
        guard let entries = plugin.value.mappingEntries else {
            fail(
                PipelineDiagnosticCode.wrongType,
                "the settings of plugin `\(plugin.name)` must be a mapping, found \(plugin.value.typeName)",
                at: plugin.value.position
            )
            return nil
        }
        return entries
    }

    private mutating func readSource(_ plugin: Plugin) -> PipelineSource? {
        switch plugin.name {
        case "dynamodb":
            return readDynamoDB(plugin).map(PipelineSource.dynamodb)
        case "pipeline":
            return readPipelineConnectorName(plugin).map { .pipeline(name: $0, position: plugin.position) }
        default:
            return .other(type: plugin.name, position: plugin.position)
        }
    }

    private mutating func readSink(_ plugin: Plugin) -> PipelineSink? {
        switch plugin.name {
        case "opensearch":
            return readOpenSearch(plugin).map(PipelineSink.opensearch)
        case "pipeline":
            return readPipelineConnectorName(plugin).map { .pipeline(name: $0, position: plugin.position) }
        default:
            return .other(type: plugin.name, position: plugin.position)
        }
    }

    private mutating func readPipelineConnectorName(_ plugin: Plugin) -> Located<String>? {
        guard let settings = settings(of: plugin) else { return nil }
        guard let name = string(settings["name"], verbatim: true) else {
            if settings["name"].map({ $0.value.isNull }) ?? true {
                fail(
                    PipelineDiagnosticCode.missingField, "the `pipeline` plugin has no `name`",
                    at: plugin.position
                )
            }
            return nil
        }
        return name
    }

    private mutating func checkPipelineReferences(_ pipelines: [SubPipeline]) {
        let names = Set(pipelines.map(\.name))
        var references: [Located<String>] = []
        for pipeline in pipelines {
            if case .pipeline(let name, _) = pipeline.source { references.append(name) }
            for case .pipeline(let name, _) in pipeline.sinks { references.append(name) }
        }
        for reference in references where !names.contains(reference.value) {
            fail(
                PipelineDiagnosticCode.unknownSubPipeline,
                "no sub-pipeline is named `\(reference.value)`",
                at: reference.position
            )
        }
    }

    // MARK: - dynamodb source

    private mutating func readDynamoDB(_ plugin: Plugin) -> DynamoDBSource? {
        guard let settings = settings(of: plugin) else { return nil }
        let tables = readTables(settings["tables"], sourcePosition: plugin.position)
        let aws = readAWS(settings["aws"])
        let acknowledgments = bool(settings["acknowledgments"])
        guard let tables else { return nil }
        return DynamoDBSource(position: plugin.position, tables: tables, aws: aws, acknowledgments: acknowledgments)
    }

    private mutating func readTables(_ entry: YAMLEntry?, sourcePosition: SourcePosition) -> [DynamoDBTableConfig]? {
        readRequiredList(
            entry, key: "tables", missingCode: PipelineDiagnosticCode.missingTables,
            missing: "the `dynamodb` source has no `tables`", empty: "the `dynamodb` source has an empty `tables` list",
            ownerPosition: sourcePosition,
            missingHelp: "list the table under `tables` with its `table_arn` and `export` and/or `stream`"
        ) { reader, item in
            reader.readTable(item)
        }
    }

    private mutating func readTable(_ node: YAMLNode) -> DynamoDBTableConfig? {
        guard let settings = node.mappingEntries else {
            fail(
                PipelineDiagnosticCode.wrongType, "each `tables` entry must be a mapping, found \(node.typeName)",
                at: node.position
            )
            return nil
        }
        let tableARN = string(settings["table_arn"])
        if tableARN == nil, settings["table_arn"].map({ $0.value.isNull }) ?? true {
            fail(
                PipelineDiagnosticCode.missingTableARN, "the table has no `table_arn`",
                at: node.position
            )
        }
        let stream = mapping(settings["stream"]).map { stream in
            DynamoDBStreamConfig(
                position: stream.position,
                startPosition: string(stream.entries["start_position"]),
                viewOnRemove: string(stream.entries["view_on_remove"])
            )
        }
        let export = mapping(settings["export"]).map { export in
            DynamoDBExportConfig(
                position: export.position,
                s3Bucket: string(export.entries["s3_bucket"]),
                s3Prefix: string(export.entries["s3_prefix"]),
                s3Region: string(export.entries["s3_region"]),
                s3SSEKMSKeyID: string(export.entries["s3_sse_kms_key_id"]),
                s3STSRoleARN: string(export.entries["s3_sts_role_arn"])
            )
        }
        guard let tableARN else { return nil }
        return DynamoDBTableConfig(position: node.position, tableARN: tableARN, stream: stream, export: export)
    }

    // MARK: - aws blocks

    private mutating func readAWS(_ entry: YAMLEntry?) -> PipelineAWSConfig? {
        guard let aws = mapping(entry) else { return nil }
        var config = PipelineAWSConfig(
            position: aws.position,
            stsRoleARN: string(aws.entries["sts_role_arn"]),
            region: string(aws.entries["region"]),
            stsExternalID: string(aws.entries["sts_external_id"]),
            serverless: bool(aws.entries["serverless"])
        )
        if let headers = mapping(aws.entries["sts_header_overrides"]) {
            for header in headers.entries {
                if let value = string(header) {
                    config.stsHeaderOverrides.append(
                        STSHeaderOverride(name: Located(header.key, at: header.keyPosition), value: value)
                    )
                }
            }
        }
        if let options = mapping(aws.entries["serverless_options"]) {
            config.serverlessOptions = OpenSearchServerlessOptions(
                position: options.position,
                networkPolicyName: string(options.entries["network_policy_name"]),
                collectionName: string(options.entries["collection_name"]),
                vpceID: string(options.entries["vpce_id"])
            )
        }
        return config
    }

    /// The flat options of older opensearch sinks: `aws_sigv4: true`, `aws_region`, `aws_sts_role_arn`.
    private mutating func readLegacyAWS(_ settings: [YAMLEntry]) -> PipelineAWSConfig? {
        let keys = ["aws_sigv4", "aws_region", "aws_sts_role_arn", "aws_sts_external_id"]
        let present = settings.filter { keys.contains($0.key) && !$0.value.isNull }
        guard let first = present.min(by: { $0.keyPosition < $1.keyPosition }) else { return nil }
        let sigV4 = bool(settings["aws_sigv4"])
        let region = string(settings["aws_region"])
        let role = string(settings["aws_sts_role_arn"])
        let externalID = string(settings["aws_sts_external_id"])
        if sigV4?.value == false, region == nil, role == nil { return nil }
        return PipelineAWSConfig(
            position: first.keyPosition, stsRoleARN: role, region: region, stsExternalID: externalID,
            isLegacyFlatOptions: true
        )
    }

    // MARK: - opensearch sink

    private mutating func readOpenSearch(_ plugin: Plugin) -> OpenSearchSink? {
        guard let settings = settings(of: plugin) else { return nil }
        let hosts = readHosts(settings["hosts"], sinkPosition: plugin.position)
        var aws = readAWS(settings["aws"])
        if settings["aws"] == nil {
            aws = readLegacyAWS(settings)
        }
        var deadLetterQueue: S3DeadLetterQueue?
        if let dlq = mapping(settings["dlq"]), let s3 = mapping(dlq.entries["s3"]) {
            deadLetterQueue = S3DeadLetterQueue(
                position: s3.position,
                bucket: string(s3.entries["bucket"]),
                keyPathPrefix: string(s3.entries["key_path_prefix"]),
                region: string(s3.entries["region"]),
                stsRoleARN: string(s3.entries["sts_role_arn"])
            )
        }
        let sink = OpenSearchSink(
            position: plugin.position,
            hosts: hosts ?? [],
            index: string(settings["index"]),
            indexType: string(settings["index_type"]),
            documentID: string(settings["document_id"]),
            action: string(settings["action"]),
            documentVersion: string(settings["document_version"]),
            documentVersionType: string(settings["document_version_type"]),
            aws: aws,
            deadLetterQueue: deadLetterQueue
        )
        return hosts == nil ? nil : sink
    }

    private mutating func readHosts(_ entry: YAMLEntry?, sinkPosition: SourcePosition) -> [Located<String>]? {
        readRequiredList(
            entry, key: "hosts", missingCode: PipelineDiagnosticCode.missingHosts,
            missing: "the `opensearch` sink has no `hosts`", empty: "the `opensearch` sink has an empty `hosts` list",
            ownerPosition: sinkPosition, typeHelp: "write `hosts: [\"https://…\"]`"
        ) { reader, item in
            guard let text = item.scalarText, !item.isNull else {
                reader.fail(
                    PipelineDiagnosticCode.wrongType, "each `hosts` entry must be a string, found \(item.typeName)",
                    at: item.position
                )
                return nil
            }
            return Located(reader.convert(text), at: item.position)
        }
    }

    // MARK: - Values

    /// A string setting: any scalar, kept as written (markers converted when asked). nil when
    /// absent or null; a list or mapping is an error.
    private mutating func string(_ entry: YAMLEntry?, verbatim: Bool = false) -> Located<String>? {
        guard let entry, !entry.value.isNull else { return nil }
        guard let text = entry.value.scalarText else {
            fail(
                PipelineDiagnosticCode.wrongType, "`\(entry.key)` must be a string, found \(entry.value.typeName)",
                at: entry.value.position
            )
            return nil
        }
        return Located(verbatim ? text : convert(text), at: entry.value.position)
    }

    /// A boolean setting: `true`/`false` (also quoted, as Data Prepper's Jackson accepts).
    private mutating func bool(_ entry: YAMLEntry?) -> Located<Bool>? {
        guard let entry, !entry.value.isNull else { return nil }
        if let value = entry.value.bool {
            return Located(value, at: entry.value.position)
        }
        switch entry.value.scalarText?.lowercased() {
        case "true": return Located(true, at: entry.value.position)
        case "false": return Located(false, at: entry.value.position)
        default:
            fail(
                PipelineDiagnosticCode.wrongType, "`\(entry.key)` must be a boolean, found \(entry.value.typeName)",
                at: entry.value.position
            )
            return nil
        }
    }

    /// A nested block: its entries and the position of its key. nil when absent or null.
    private mutating func mapping(_ entry: YAMLEntry?) -> (entries: [YAMLEntry], position: SourcePosition)? {
        guard let entry, !entry.value.isNull else { return nil }
        guard let entries = entry.value.mappingEntries else {
            fail(
                PipelineDiagnosticCode.wrongType, "`\(entry.key)` must be a mapping, found \(entry.value.typeName)",
                at: entry.value.position
            )
            return nil
        }
        return (entries, entry.keyPosition)
    }

    private func convert(_ text: String) -> String {
        switch markers {
        case .verbatim: text
        case .cloudFormationTokens: CloudFormationMarker.replacingMarkersWithTokens(in: text)
        case .resolved(let resolve): CloudFormationMarker.replacingMarkers(in: text) { resolve($0) ?? $0.token }
        }
    }

    private mutating func fail(_ code: String, _ message: String, at position: SourcePosition, help: String? = nil) {
        errors.append(Diagnostic(severity: .error, code: code, message: message, position: position, help: help))
    }

    private mutating func reject(_ code: String, _ message: String, at position: SourcePosition, help: String? = nil) {
        rejections.append(Diagnostic(severity: .error, code: code, message: message, position: position, help: help))
    }
}
