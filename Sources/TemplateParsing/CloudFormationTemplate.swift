import PolicyModel
import PolicyParsing

/// A CloudFormation template (JSON or YAML, as `cdk synth` writes it or by hand) with its
/// intrinsic functions resolved against a `TemplateContext`. What the context leaves open stays
/// symbolic: `⟦AWS.AccountId⟧`, `⟦Ref.LogicalId⟧`, `⟦GetAtt.LogicalId.Attribute⟧`.
package struct CloudFormationTemplate: Sendable {
    package var file: String
    package var context: TemplateContext
    /// Sorted by logical id; only resources whose `Condition` holds or is undecided.
    package var resources: [TemplateResource]
    /// Logical ids of resources left out because their `Condition` is false.
    package var excludedResources: [String]
    /// The names under `Parameters`.
    package var parameterNames: Set<String>
    /// The template's `Outputs` with a string value, resolved, by logical id.
    package var outputs: [String: String]
    /// What the template's `Outputs` export (`Export.Name`), resolved, by name.
    package var exports: [String: String]
    /// Export names its `Fn::ImportValue`s asked for.
    package var importedNames: Set<String>
    /// Nested stacks (logical ids) whose outputs its `Fn::GetAtt`s read.
    package var nestedStacksRead: Set<String>
    /// The `Fn::ImportValue` tokens in it, each with its export name as written.
    package var imports: [String: String]
    /// What the template holds that is not analysed, as `.warning` diagnostics in file order: an
    /// intrinsic unresolved where nothing is analysed (`Outputs`, a resource whose type no check
    /// or graph edge reads), a serverless resource the SAM transform does not expand.
    package var warnings: [Diagnostic]
    private var indexById: [String: Int]

    package func resource(_ logicalId: String) -> TemplateResource? {
        indexById[logicalId].map { resources[$0] }
    }

    package func resources(ofType type: String) -> [TemplateResource] {
        resources.filter { $0.type == type }
    }

    /// The resource whose `Ref` value is `ref` (a role name, a bucket name, a token).
    package func resource(withRef ref: String) -> TemplateResource? {
        resources.first { $0.ref == ref }
    }

    /// The resource whose ARN is `arn`.
    package func resource(withArn arn: String) -> TemplateResource? {
        resources.first { $0.arn == arn }
    }

    /// The typed view of every resource of `View`'s types, reporting all errors at once.
    package func views<View: TemplateResourceView>(_ view: View.Type) throws(DiagnosticError) -> [View] {
        var views: [View] = []
        var diagnostics: [Diagnostic] = []
        for resource in resources where View.resourceTypes.contains(resource.type) {
            do {
                views.append(try View(resource))
            } catch {
                diagnostics += error.diagnostics
            }
        }
        if !diagnostics.isEmpty { throw DiagnosticError(diagnostics) }
        return views
    }

    /// Reads and resolves a template. JSON is recognised by its first character (`{` or `[`);
    /// anything else is read as YAML.
    package static func load(bytes: [UInt8], file: String, context: TemplateContext) throws(DiagnosticError) -> CloudFormationTemplate {
        do {
            return try TemplateLoader(file: file, context: context, byteCount: bytes.count).load(bytes)
        } catch {
            throw error.located(in: file)
        }
    }

    package static func load(text: String, file: String, context: TemplateContext) throws(DiagnosticError) -> CloudFormationTemplate {
        try load(bytes: Array(text.utf8), file: file, context: context)
    }

    /// Resolves a document `parseDocument` read from `byteCount` bytes, so a template analysed
    /// with other stacks is parsed once however often the exports between them change.
    package static func load(document: TemplateNode, byteCount: Int, file: String, context: TemplateContext) throws(DiagnosticError) -> CloudFormationTemplate {
        do {
            return try TemplateLoader(file: file, context: context, byteCount: byteCount).load(root: document)
        } catch {
            throw error.located(in: file)
        }
    }

    init(
        file: String, context: TemplateContext, resources: [TemplateResource], excludedResources: [String],
        parameterNames: Set<String>, outputs: [String: String], exports: [String: String], importedNames: Set<String>, nestedStacksRead: Set<String>,
        imports: [String: String] = [:], warnings: [Diagnostic] = []
    ) {
        self.file = file
        self.context = context
        self.parameterNames = parameterNames
        self.outputs = outputs
        self.exports = exports
        self.importedNames = importedNames
        self.nestedStacksRead = nestedStacksRead
        self.imports = imports
        self.warnings = warnings
        self.resources = resources.sorted { $0.logicalId < $1.logicalId }
        self.excludedResources = excludedResources.sorted()
        var index: [String: Int] = [:]
        for (offset, resource) in self.resources.enumerated() { index[resource.logicalId] = offset }
        self.indexById = index
    }

    /// Parses the bytes into a raw (unresolved) template node, detecting JSON or YAML.
    package static func parseDocument(bytes: [UInt8]) throws(DiagnosticError) -> TemplateNode {
        // Anything far larger than CloudFormation's 1 MB is refused unread.
        guard bytes.count <= InputLimits.templateBytes else {
            throw TemplateError.make("template.too-large", "the template is larger than \(InputLimits.templateBytes >> 20) MiB", at: .unknown)
        }
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        var first = start
        while first < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[first]) { first += 1 }
        if first < bytes.count, bytes[first] == UInt8(ascii: "{") || bytes[first] == UInt8(ascii: "[") {
            return TemplateNode(json: try JSONReader.parse(bytes: bytes, maximumDepth: InputLimits.templateDepth), neutralizingTokens: true)
        }
        let body = Array(bytes[start...])
        guard let text = String(validating: body, as: UTF8.self) else {
            throw TemplateError.make("template.invalid-utf8", "the template is not valid UTF-8", at: invalidUTF8Position(body))
        }
        return try YAMLTemplateReader.read(text)
    }

    private static func invalidUTF8Position(_ bytes: [UInt8]) -> SourcePosition {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var line = 1
        var column = 1
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                if encoded.count == 1, encoded.first == 0x0A {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .emptyInput:
                return SourcePosition(line: line, column: column)
            case .error:
                return SourcePosition(line: line, column: column)
            }
        }
    }
}
