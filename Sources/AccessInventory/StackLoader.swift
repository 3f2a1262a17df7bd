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

    /// Templates, or directories holding a CDK cloud assembly (`cdk.out`): every stack of all of
    /// them forms one analysis.
    package var templates: [Source]
    /// A pipeline configuration (Data Prepper YAML) that replaces the template's.
    package var pipeline: Source?
    /// An account's IAM, as `aws iam get-account-authorization-details` prints it.
    package var snapshot: Source?
    package var context: TemplateContext
    /// The stacks of the assemblies to analyse, by artifact id or stack name; all when empty.
    package var stacks: [String]
    /// Parameter values the user gives; each must be one a template declares.
    package var parameters: [ParameterValue]

    package init(
        template: Source? = nil, templates: [Source] = [], pipeline: Source? = nil, snapshot: Source? = nil, context: TemplateContext = .unknown,
        stacks: [String] = [], parameters: [ParameterValue] = []
    ) {
        self.templates = (template.map { [$0] } ?? []) + templates
        self.pipeline = pipeline
        self.snapshot = snapshot
        self.context = context
        self.stacks = stacks
        self.parameters = parameters
    }

    /// The one template of a single-template input (the first, when there are several).
    package var template: Source? {
        get { templates.first }
        set { templates = newValue.map { [$0] } ?? [] }
    }
}

/// Reads a `StackInput` into one inventory. Every problem is a diagnostic with its file and,
/// where there is one, line and column.
package enum StackLoader {
    package static func load(_ input: StackInput, catalogue: ServiceCatalogue) throws(DiagnosticError) -> Inventory {
        let snapshot = try input.snapshot.map { source throws(DiagnosticError) in
            try AccountSnapshot.load(bytes: try source.read(), file: source.name)
        }
        let stacks = try StackTemplates.gather(input)
        let loaded = try stacks.load(context: input.context, parameters: input.parameters)
        // The directory's order: the templates' own managed policies, then the account's copies.
        let directory = ManagedPolicyDirectory(catalogue: catalogue)
        for (_, template) in loaded { directory.add(try template.views(IAMManagedPolicyResource.self)) }
        if let snapshot { directory.add(snapshot) }
        // An account (or a pipeline) without a template has no stack resources.
        let name = loaded.count == 1 ? loaded[0].template.file
            : stacks.inputNames.isEmpty ? input.snapshot?.name ?? input.pipeline?.name ?? "(no input)" : stacks.inputNames.joined(separator: ", ")
        var inventory = Inventory(name: name)
        let policyResources = try PolicyResources(loaded.map(\.template))
        for (unit, template) in loaded {
            inventory.merge(try TemplateInventory.build(template, directory: directory, policyResources: policyResources))
            inventory.stacks.append(Inventory.Stack(name: template.context.scope ?? unit.name, file: template.file, context: template.context))
            inventory.imports.merge(template.imports) { kept, _ in kept }
        }
        if let snapshot {
            inventory.merge(SnapshotInventory.build(snapshot, directory: directory))
        }
        if let source = input.pipeline {
            inventory.pipelines = [try pipeline(source, replacing: inventory.pipelines.first)]
        }
        // Where the stacks deploy: the one environment they share (a cloud assembly's manifest
        // may give it), else what was given.
        let contexts = loaded.map(\.template.context)
        inventory.partition = Self.shared(contexts.map(\.partition)) ?? input.context.partition
        inventory.account = Self.shared(contexts.map(\.account)) ?? input.context.account
        return inventory
    }

    /// The value every stack has, or nil when they differ or have none.
    static func shared(_ values: [String?]) -> String? {
        guard let first = values.first, values.allSatisfy({ $0 == first }) else { return nil }
        return first
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
