import PolicyModel
import PolicyParsing

/// `AWS::OpenSearchServerless::Collection`: `Ref` is the collection's id, which the service
/// generates, so its ARN and endpoint hold a token.
package struct OpenSearchServerlessCollectionResource: TemplateResourceView {
    package static let resourceTypes = ["AWS::OpenSearchServerless::Collection"]

    package var logicalId: String
    package var position: SourcePosition
    /// `Name`: what the collection's security and data access policies name it by.
    package var name: Located<String>
    package var arn: String
    /// `https://<id>.<region>.aoss.amazonaws.com`.
    package var endpoint: String

    package init(_ resource: TemplateResource) throws(DiagnosticError) {
        var reader = PropertyReader(resource, expecting: Self.resourceTypes)
        let name = reader.requiredString("Name")
        try reader.finish()
        guard let name else { throw reader.failure() }
        self.name = name
        logicalId = resource.logicalId
        position = resource.position
        arn = resource.arn ?? resource.attribute("Arn")
        endpoint = resource.attribute("CollectionEndpoint")
    }
}

/// `AWS::OpenSearchServerless::AccessPolicy` (type `data`) and `::SecurityPolicy` (types `network`
/// and `encryption`): a JSON document in `Policy` whose rules name collections and indexes by
/// pattern (`collection/orders`, `index/orders/*`, `collection/logs-*`). Data access and network
/// policies are lists of entries; an encryption policy is one entry.
package struct OpenSearchServerlessPolicyResource: TemplateResourceView {
    package static let resourceTypes = ["AWS::OpenSearchServerless::AccessPolicy", "AWS::OpenSearchServerless::SecurityPolicy"]

    /// One rule: a resource type (`collection`, `index`, `dashboard`), resource patterns and, in a
    /// data access policy, permissions (`aoss:WriteDocument`, `aoss:*`).
    package struct Rule: Sendable, Hashable {
        package var resourceType: String
        package var resources: [String]
        package var permissions: [String]

        package init(resourceType: String, resources: [String], permissions: [String] = []) {
            self.resourceType = resourceType
            self.resources = resources
            self.permissions = permissions
        }
    }

    /// One entry of the policy, with what its type uses: principals for data access,
    /// `AllowFromPublic` and `SourceVPCEs` for network, `AWSOwnedKey` and `KmsARN` for encryption.
    package struct Entry: Sendable, Hashable {
        package var index: Int
        package var rules: [Rule]
        package var principals: [String]
        package var allowFromPublic: Bool
        package var sourceVPCEs: [String]
        package var awsOwnedKey: Bool
        package var kmsARN: String?

        package init(index: Int, rules: [Rule], principals: [String] = [], allowFromPublic: Bool = false, sourceVPCEs: [String] = [],
                     awsOwnedKey: Bool = false, kmsARN: String? = nil) {
            self.index = index
            self.rules = rules
            self.principals = principals
            self.allowFromPublic = allowFromPublic
            self.sourceVPCEs = sourceVPCEs
            self.awsOwnedKey = awsOwnedKey
            self.kmsARN = kmsARN
        }
    }

    package var logicalId: String
    package var position: SourcePosition
    package var name: String
    /// `data`, `network` or `encryption`.
    package var type: String
    package var entries: [Entry]

    package init(_ resource: TemplateResource) throws(DiagnosticError) {
        var reader = PropertyReader(resource, expecting: Self.resourceTypes)
        let name = reader.requiredString("Name")
        let type = reader.requiredString("Type")
        var entries: [Entry] = []
        if let node = resource.properties["Policy"] {
            if let document = Self.document(node, reader: &reader, logicalId: resource.logicalId) {
                for (index, item) in (document.listValue ?? [document]).enumerated() {
                    entries.append(Self.entry(item, index: index))
                }
            }
        } else {
            reader.missing("Policy")
        }
        try reader.finish()
        guard let name, let type else { throw reader.failure() }
        self.name = name.value
        self.type = type.value
        self.entries = entries
        logicalId = resource.logicalId
        position = resource.position
    }

    /// The policy as written: a JSON string (as CloudFormation takes it), else the value itself.
    private static func document(_ node: TemplateNode, reader: inout PropertyReader, logicalId: String) -> TemplateNode? {
        guard let text = node.stringValue else { return node }
        do {
            return TemplateNode(json: try JSONReader.parse(text).relocated(to: node.position))
        } catch {
            reader.report("template.invalid-property", "`Policy` of resource `\(logicalId)` is not valid JSON: \(error.diagnostics.first?.message ?? "invalid JSON")",
                          at: node.position)
            return nil
        }
    }

    private static func entry(_ node: TemplateNode, index: Int) -> Entry {
        func strings(_ value: TemplateNode?) -> [String] {
            guard let value else { return [] }
            return (value.listValue ?? [value]).compactMap(\.scalarText)
        }
        let rules = (node["Rules"]?.listValue ?? []).map { rule in
            Rule(resourceType: rule["ResourceType"]?.scalarText ?? "", resources: strings(rule["Resource"]), permissions: strings(rule["Permission"]))
        }
        return Entry(index: index, rules: rules, principals: strings(node["Principal"]), allowFromPublic: node["AllowFromPublic"]?.boolValue ?? false,
                     sourceVPCEs: strings(node["SourceVPCEs"]), awsOwnedKey: node["AWSOwnedKey"]?.boolValue ?? false, kmsARN: node["KmsARN"]?.scalarText)
    }
}
