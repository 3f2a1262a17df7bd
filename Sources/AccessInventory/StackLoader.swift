import AccountSnapshot
import PipelineParsing
import PolicyModel
import PolicyParsing
import ServiceCatalog
import TemplateParsing

/// What to analyse: a template, a pipeline configuration, an account snapshot, and what is
/// known about the deployment target. A command builds one per stack it loads.
package struct StackInput: Sendable {
    /// Where an input comes from.
    package enum Source: Sendable {
        case file(String)
        /// Bytes the caller holds (the embedded reference stack, a test's fixture), with the name
        /// reports and errors use.
        case bytes([UInt8], name: String)

        package var name: String {
            switch self {
            case .file(let path): path
            case .bytes(_, let name): name
            }
        }

        package func read() throws(DiagnosticError) -> [UInt8] {
            switch self {
            case .file(let path): try SourceFile.bytes(path)
            case .bytes(let bytes, _): bytes
            }
        }
    }

    package var template: Source?
    /// A pipeline configuration (Data Prepper YAML) that replaces the template's.
    package var pipeline: Source?
    /// An account's IAM, as `aws iam get-account-authorization-details` prints it.
    package var snapshot: Source?
    package var context: TemplateContext

    package init(template: Source? = nil, pipeline: Source? = nil, snapshot: Source? = nil, context: TemplateContext = .unknown) {
        self.template = template
        self.pipeline = pipeline
        self.snapshot = snapshot
        self.context = context
    }
}

/// Reads a `StackInput` into one inventory. Every problem is a diagnostic with its file and,
/// where there is one, line and column.
package enum StackLoader {
    package static func load(_ input: StackInput, catalogue: ServiceCatalogue) throws(DiagnosticError) -> Inventory {
        let snapshot = try input.snapshot.map { source throws(DiagnosticError) in
            try AccountSnapshot.load(bytes: try source.read(), file: source.name)
        }
        let template = try input.template.map { source throws(DiagnosticError) in
            try CloudFormationTemplate.load(bytes: try source.read(), file: source.name, context: input.context)
        }
        // The directory's order: the template's own managed policies, then the account's copies.
        let directory = ManagedPolicyDirectory(catalogue: catalogue)
        if let template { directory.add(try template.views(IAMManagedPolicyResource.self)) }
        if let snapshot { directory.add(snapshot) }
        // An account (or a pipeline) without a template has no stack resources.
        var inventory = try template.map { template throws(DiagnosticError) in try TemplateInventory.build(template, directory: directory) }
            ?? Inventory(name: input.snapshot?.name ?? input.pipeline?.name ?? "(no input)")
        if let snapshot {
            inventory.merge(SnapshotInventory.build(snapshot, directory: directory))
        }
        if let source = input.pipeline {
            inventory.pipelines = [try pipeline(source, replacing: inventory.pipelines.first)]
        }
        inventory.partition = input.context.partition
        inventory.account = input.context.account
        inventory.imports = template?.imports ?? [:]
        inventory.warnings = template?.warnings ?? []
        return inventory
    }

    /// A separate configuration takes the place of the template's pipeline, keeping what only the
    /// resource says (its ARN, `PipelineRoleArn`, logging).
    static func pipeline(_ source: StackInput.Source, replacing resource: Pipeline?) throws(DiagnosticError) -> Pipeline {
        let bytes = try source.read()
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw DiagnosticError(Diagnostic(severity: .error, code: "io.invalid-utf8", message: "the pipeline file is not valid UTF-8", file: source.name))
        }
        let configuration = try PipelineConfiguration.parse(text: text, file: source.name, markers: .cloudFormationTokens)
        return Pipeline(
            identity: resource?.identity, roleARN: resource?.roleARN, configuration: configuration,
            location: SourceLocation(file: source.name, position: configuration.version?.position ?? .unknown), publishesLogs: resource?.publishesLogs)
    }
}
