import Foundation
import PolicyModel
import PolicyParsing

/// AWS SAM's policy templates (`DynamoDBCrudPolicy: {TableName: !Ref Orders}`), read from SAM's
/// own definitions, embedded unmodified in `Resources/sam-policy-templates/policy_templates.json`
/// (see the README beside it for the source and licence).
struct SAMPolicyTemplates: Sendable {
    struct Template: Sendable {
        var name: String
        /// The parameter names the definition's `Ref`s stand for.
        var parameters: [String]
        /// `{"Statement": [...]}`, with `{"Ref": "<Parameter>"}` where a value goes.
        var definition: TemplateNode
    }

    private var templates: [String: Template]

    func template(named name: String) -> Template? {
        templates[name]
    }

    /// Every template's name, sorted.
    var names: [String] { templates.keys.sorted() }

    static let fileName = "policy_templates.json"
    static let directoryName = "sam-policy-templates"

    /// The embedded definitions, read once per process.
    static func embedded() throws(DiagnosticError) -> SAMPolicyTemplates {
        try embeddedResult.get()
    }

    private static let embeddedResult = Result { () throws(DiagnosticError) -> SAMPolicyTemplates in
        try SAMPolicyTemplates(bytes: try resourceBytes())
    }

    /// Reads SAM's file: `{"Templates": {Name: {"Definition": …, "Parameters": {…}}}}`.
    init(bytes: [UInt8]) throws(DiagnosticError) {
        let root = TemplateNode(json: try JSONReader.parse(bytes: bytes))
        var templates: [String: Template] = [:]
        for member in root["Templates"]?.mapValue ?? [] {
            guard let definition = member.value["Definition"], definition.mapValue != nil else { continue }
            let parameters = (member.value["Parameters"]?.mapValue ?? []).map(\.key)
            templates[member.key] = Template(name: member.key, parameters: parameters, definition: definition)
        }
        guard !templates.isEmpty else {
            throw DiagnosticError(Diagnostic(severity: .error, code: "sam.policy-templates-unavailable",
                                             message: "the embedded SAM policy templates hold no template", file: Self.fileName))
        }
        self.templates = templates
    }

    /// The file is declared with `.copy` of its directory, so it sits in the resource bundle under
    /// `sam-policy-templates/`.
    private static func resourceBytes() throws(DiagnosticError) -> [UInt8] {
        let bundle = Bundle.module
        let url = bundle.url(forResource: fileName, withExtension: nil, subdirectory: directoryName)
            ?? bundle.resourceURL?.appendingPathComponent(directoryName).appendingPathComponent(fileName)
        guard let url, let data = try? Data(contentsOf: url) else {
            throw DiagnosticError(Diagnostic(severity: .error, code: "sam.policy-templates-unavailable",
                                             message: "the embedded SAM policy templates cannot be read", file: "\(directoryName)/\(fileName)"))
        }
        return [UInt8](data)
    }
}

extension SAMPolicyTemplates.Template {
    /// The definition with each parameter's `Ref` replaced by the value given (an intrinsic stays
    /// one, to be resolved with the rest of the template), every position moved to `position`
    /// (the template's entry), as SAM's `Template.to_statement` does. Nil, with the parameters
    /// that have no value, when some are missing.
    func expanded(with values: [String: TemplateNode], at position: SourcePosition) -> (document: TemplateNode?, missing: [String]) {
        let missing = parameters.filter { values[$0] == nil }
        guard missing.isEmpty else { return (nil, missing) }
        return (Self.substitute(definition, values: values, at: position), [])
    }

    private static func substitute(_ node: TemplateNode, values: [String: TemplateNode], at position: SourcePosition) -> TemplateNode {
        switch node.value {
        case .map(let members):
            if members.count == 1, members[0].key == "Ref", let name = members[0].value.stringValue, let value = values[name] {
                return value
            }
            return TemplateNode(.map(members.map {
                TemplateMember(key: $0.key, keyPosition: position, value: substitute($0.value, values: values, at: position))
            }), position: position)
        case .list(let items):
            return TemplateNode(.list(items.map { substitute($0, values: values, at: position) }), position: position)
        default:
            return TemplateNode(node.value, position: position)
        }
    }
}
