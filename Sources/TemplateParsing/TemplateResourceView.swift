import PolicyModel
import PolicyParsing

/// A typed reading of one resource type's properties.
package protocol TemplateResourceView: Sendable {
    /// The `Type` values this view reads.
    static var resourceTypes: [String] { get }
    init(_ resource: TemplateResource) throws(DiagnosticError)
}

/// The resource types whose properties the checks and the graph read, through the views (a new
/// view adds its types here). Elsewhere, an intrinsic that cannot be resolved is only a warning.
package enum AnalysedResourceTypes {
    static let views: [any TemplateResourceView.Type] = [
        IAMRoleResource.self, IAMPolicyResource.self, IAMManagedPolicyResource.self, IAMUserResource.self, IAMGroupResource.self,
        DynamoDBTableResource.self, OSISPipelineResource.self, KMSKeyResource.self, LogGroupResource.self,
        OpenSearchDomainResource.self, OpenSearchAccessPolicyResource.self, S3BucketResource.self, S3BucketPolicyResource.self,
        CognitoIdentityPoolResource.self, CognitoIdentityPoolRoleAttachmentResource.self,
    ]
    static let types = Set(views.flatMap { $0.resourceTypes })

    package static func contains(_ type: String) -> Bool { types.contains(type) }
}

/// An inline policy (`Policies` of a role, user or group).
package struct InlinePolicy: Sendable, Hashable {
    package var name: String
    package var position: SourcePosition
    package var document: PolicyDocument
}

/// Reads properties of one resource, collecting errors so a view reports all of them.
struct PropertyReader {
    let resource: TemplateResource
    private(set) var diagnostics: [Diagnostic] = []

    init(_ resource: TemplateResource, expecting types: [String]) {
        self.resource = resource
        if !types.contains(resource.type) {
            report("template.wrong-resource-type",
                   "resource `\(resource.logicalId)` is `\(resource.type)`, not `\(types.joined(separator: "` or `"))`",
                   at: resource.position)
        }
    }

    var properties: TemplateNode { resource.properties }

    mutating func report(_ code: String, _ message: String, at position: SourcePosition) {
        diagnostics.append(Diagnostic(severity: .error, code: code, message: message, file: resource.file, position: position))
    }

    /// The collected errors; a generic one when a required value is missing without a report
    /// (which `finish()` makes impossible, but the type system cannot tell).
    func failure() -> DiagnosticError {
        if !diagnostics.isEmpty { return DiagnosticError(diagnostics) }
        return DiagnosticError(Diagnostic(
            severity: .error, code: "template.invalid-resource", message: "resource `\(resource.logicalId)` is invalid",
            file: resource.file, position: resource.position))
    }

    /// Throws the collected errors, if any.
    func finish() throws(DiagnosticError) {
        if !diagnostics.isEmpty { throw DiagnosticError(diagnostics).located(in: resource.file) }
    }

    private mutating func wrongType(_ key: String, _ expected: String, _ node: TemplateNode) {
        report("template.invalid-property",
               "`\(key)` of resource `\(resource.logicalId)` must be \(expected), found \(node.typeName)", at: node.position)
    }

    mutating func missing(_ key: String, at position: SourcePosition? = nil) {
        report("template.missing-property", "resource `\(resource.logicalId)` has no `\(key)`", at: position ?? resource.position)
    }

    /// A map-valued property (nil when absent, or reported when it is not a map).
    mutating func map(_ key: String, in parent: TemplateNode? = nil) -> TemplateNode? {
        guard let node = (parent ?? properties)[key] else { return nil }
        guard node.mapValue != nil else {
            wrongType(key, "an object", node)
            return nil
        }
        return node
    }

    mutating func string(_ key: String, in parent: TemplateNode? = nil) -> Located<String>? {
        guard let node = (parent ?? properties)[key] else { return nil }
        guard let text = node.scalarText else {
            wrongType(key, "a string", node)
            return nil
        }
        return Located(text, at: node.position)
    }

    mutating func requiredString(_ key: String) -> Located<String>? {
        guard properties[key] != nil else {
            missing(key)
            return nil
        }
        return string(key)
    }

    mutating func bool(_ key: String, in parent: TemplateNode? = nil) -> Bool? {
        guard let node = (parent ?? properties)[key] else { return nil }
        guard let flag = node.boolValue else {
            // A token stands for an unknown value: treat it as unset rather than as an error.
            if !node.isSymbolic { wrongType(key, "a boolean", node) }
            return nil
        }
        return flag
    }

    mutating func int(_ key: String, in parent: TemplateNode? = nil) -> Int? {
        guard let node = (parent ?? properties)[key] else { return nil }
        guard let text = node.scalarText, let value = Int(text) else {
            if !node.isSymbolic { wrongType(key, "an integer", node) }
            return nil
        }
        return value
    }

    /// A list of strings; a single string counts as a list of one.
    mutating func stringList(_ key: String, in parent: TemplateNode? = nil) -> [Located<String>] {
        guard let node = (parent ?? properties)[key] else { return [] }
        let items = node.listValue ?? [node]
        var result: [Located<String>] = []
        for item in items {
            guard let text = item.scalarText else {
                wrongType(key, "a list of strings", item)
                continue
            }
            result.append(Located(text, at: item.position))
        }
        return result
    }

    /// A policy document written as an object or as a JSON string.
    mutating func policy(_ key: String, in parent: TemplateNode? = nil) -> PolicyDocument? {
        guard let node = (parent ?? properties)[key] else { return nil }
        return policy(node)
    }

    mutating func requiredPolicy(_ key: String, in parent: TemplateNode? = nil) -> PolicyDocument? {
        guard (parent ?? properties)[key] != nil else {
            missing(key, at: parent?.position)
            return nil
        }
        return policy(key, in: parent)
    }

    mutating func policy(_ node: TemplateNode) -> PolicyDocument? {
        do {
            if let text = node.stringValue {
                // Positions inside the string would be relative to it; point at the string.
                return try PolicyParser.parse(node: try JSONReader.parse(text).relocated(to: node.position))
            }
            return try PolicyParser.parse(node: node.jsonNode())
        } catch {
            let relocated = error.diagnostics.map { diagnostic -> Diagnostic in
                var copy = diagnostic
                if node.stringValue != nil, diagnostic.code.hasPrefix("json.") { copy.position = node.position }
                return copy.file == nil ? copy.located(in: resource.file) : copy
            }
            diagnostics += relocated
            return nil
        }
    }

    /// `Policies`: a list of `{PolicyName, PolicyDocument}`.
    mutating func inlinePolicies() -> [InlinePolicy] {
        guard let node = properties["Policies"] else { return [] }
        guard let items = node.listValue else {
            wrongType("Policies", "a list", node)
            return []
        }
        var result: [InlinePolicy] = []
        for item in items {
            guard item.mapValue != nil else {
                wrongType("Policies", "a list of objects", item)
                continue
            }
            let name = string("PolicyName", in: item)
            if name == nil, item["PolicyName"] == nil { missing("PolicyName", at: item.position) }
            if let document = requiredPolicy("PolicyDocument", in: item), let name {
                result.append(InlinePolicy(name: name.value, position: item.position, document: document))
            }
        }
        return result
    }
}
