import Foundation
import PolicyModel
import PolicyParsing

/// An account as `aws iam get-account-authorization-details` prints it: roles, users and groups
/// with their inline and attached policies, and the managed policies' documents. Documents may be
/// JSON objects (the CLI) or URL-encoded JSON strings (the raw API); both are read, and every
/// policy keeps the positions of the file it came from.
package struct AccountSnapshot: Sendable {
    package struct NamedDocument: Sendable {
        package var name: String
        package var document: PolicyDocument
    }

    package struct AttachedPolicy: Sendable {
        package var name: String
        package var arn: String
    }

    package struct Role: Sendable {
        package var name: String
        package var arn: String
        package var position: SourcePosition
        package var trust: PolicyDocument
        package var inlinePolicies: [NamedDocument]
        package var attachedPolicies: [AttachedPolicy]
        package var permissionsBoundaryArn: String?
    }

    package struct ManagedPolicy: Sendable {
        package var name: String
        package var arn: String
        /// The default version's document.
        package var document: PolicyDocument?
    }

    package var file: String
    package var roles: [Role]
    package var policies: [ManagedPolicy]

    package func managedPolicy(arn: String) -> ManagedPolicy? {
        policies.first { $0.arn == arn }
    }

    package static func load(bytes: [UInt8], file: String) throws(DiagnosticError) -> AccountSnapshot {
        do {
            return try parse(JSONReader.parse(bytes: bytes), file: file)
        } catch {
            throw error.located(in: file)
        }
    }

    private static func fail(_ message: String, at node: JSONNode) -> DiagnosticError {
        DiagnosticError(Diagnostic(severity: .error, code: "snapshot.invalid", message: message, position: node.position))
    }

    private static func string(_ node: JSONNode?, _ key: String, in parent: JSONNode) throws(DiagnosticError) -> String {
        guard let text = node?[key]?.stringValue else { throw fail("`\(key)` must be a string", at: node?[key] ?? parent) }
        return text
    }

    private static func parse(_ root: JSONNode, file: String) throws(DiagnosticError) -> AccountSnapshot {
        guard root.objectValue != nil else { throw fail("an account snapshot must be a JSON object, found \(root.typeName)", at: root) }
        guard root["RoleDetailList"] != nil || root["Policies"] != nil else {
            throw fail("not a `get-account-authorization-details` file: it has no `RoleDetailList` or `Policies`", at: root)
        }
        var roles: [Role] = []
        for node in root["RoleDetailList"]?.arrayValue ?? [] {
            let name = try string(node, "RoleName", in: node)
            guard let trustNode = node["AssumeRolePolicyDocument"] else { throw fail("role `\(name)` has no `AssumeRolePolicyDocument`", at: node) }
            var inline: [NamedDocument] = []
            for policy in node["RolePolicyList"]?.arrayValue ?? [] {
                guard let documentNode = policy["PolicyDocument"] else { throw fail("an inline policy has no `PolicyDocument`", at: policy) }
                inline.append(NamedDocument(name: try string(policy, "PolicyName", in: policy), document: try document(documentNode)))
            }
            var attached: [AttachedPolicy] = []
            for policy in node["AttachedManagedPolicies"]?.arrayValue ?? [] {
                attached.append(AttachedPolicy(name: try string(policy, "PolicyName", in: policy), arn: try string(policy, "PolicyArn", in: policy)))
            }
            roles.append(Role(
                name: name, arn: try string(node, "Arn", in: node), position: node.position, trust: try document(trustNode),
                inlinePolicies: inline, attachedPolicies: attached,
                permissionsBoundaryArn: node["PermissionsBoundary"]?["PermissionsBoundaryArn"]?.stringValue))
        }
        var policies: [ManagedPolicy] = []
        for node in root["Policies"]?.arrayValue ?? [] {
            let versions = node["PolicyVersionList"]?.arrayValue ?? []
            let current = versions.first { if case .bool(true) = $0["IsDefaultVersion"]?.value { true } else { false } } ?? versions.first
            policies.append(ManagedPolicy(
                name: try string(node, "PolicyName", in: node), arn: try string(node, "Arn", in: node),
                document: try current?["Document"].map { node throws(DiagnosticError) in try document(node) }))
        }
        return AccountSnapshot(file: file, roles: roles.sorted { $0.arn < $1.arn }, policies: policies.sorted { $0.arn < $1.arn })
    }

    /// A policy written as an object, or as URL-encoded JSON text (positions are then those of the
    /// decoded text).
    private static func document(_ node: JSONNode) throws(DiagnosticError) -> PolicyDocument {
        if let encoded = node.stringValue {
            guard let decoded = encoded.removingPercentEncoding else {
                throw fail("a URL-encoded policy document does not decode", at: node)
            }
            return try PolicyParser.parse(decoded)
        }
        return try PolicyParser.parse(node: node)
    }
}
