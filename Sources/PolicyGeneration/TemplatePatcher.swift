import AccessInventory
import PolicyModel
import PolicyParsing
import TemplateParsing

/// Writes the input template with the generated documents in place of the pipeline role's
/// policies and trust, the domain access policy and the bucket policy: the role's inline and
/// managed policies are dropped (a policy resource attached to it alone takes the generated
/// document; one shared with others lets go of it), the domain's `AccessPolicies` (and CDK's
/// access-policy custom resource) and the bucket's policy resource are rewritten, and a resource
/// is added where none existed. Every other resource, and every intrinsic elsewhere, is kept as
/// written. The result is JSON (CloudFormation reads JSON and YAML alike).
package struct TemplatePatcher {
    let template: CloudFormationTemplate
    let stack: GeneratedStack

    package static func patch(bytes: [UInt8], file: String, context: TemplateContext, stack: GeneratedStack) throws(DiagnosticError) -> String {
        let raw = try CloudFormationTemplate.parseDocument(bytes: bytes).jsonOutput()
        let template = try CloudFormationTemplate.load(bytes: bytes, file: file, context: context)
        let patcher = TemplatePatcher(template: template, stack: stack)
        var resources = raw["Resources"]?.members ?? []
        try patcher.apply(to: &resources)
        return raw.setting("Resources", to: .object(resources)).rendered()
    }

    func document(_ policy: GeneratedPolicy) throws(DiagnosticError) -> JSONOutput {
        try policy.json.mappingStrings(stack.cloudFormationValue)
    }

    func apply(to resources: inout [(String, JSONOutput)]) throws(DiagnosticError) {
        let roles = try template.views(IAMRoleResource.self)
        let policyResources = try template.views(IAMPolicyResource.self)
        let managedResources = try template.views(IAMManagedPolicyResource.self)
        for policy in stack.policies {
            switch policy.kind {
            case .rolePermissions(let label) where policy.name.hasPrefix("pipeline-role"):
                guard let role = roles.first(where: { $0.logicalId == label }) else { continue }
                let names = [role.logicalId, role.roleName]
                resources.edit(role.logicalId) { $0 = $0.editing("Properties") { $0.removing("Policies").removing("ManagedPolicyArns") } }
                var placed = false
                for attached in policyResources where attached.roles.contains(where: { names.contains($0.value) }) {
                    if attached.roles.count == 1, attached.users.isEmpty, attached.groups.isEmpty, !placed {
                        let replacement = try document(policy)
                        resources.edit(attached.logicalId) { $0 = $0.editing("Properties") { $0.setting("PolicyDocument", to: replacement) } }
                        placed = true
                    } else {
                        resources.edit(attached.logicalId) { $0 = $0.editing("Properties") { $0.removingRole(names) } }
                    }
                }
                for attached in managedResources where attached.roles.contains(where: { names.contains($0.value) }) {
                    resources.edit(attached.logicalId) { $0 = $0.editing("Properties") { $0.removingRole(names) } }
                }
                if !placed {
                    resources.append((Self.logicalId(policy.name), .object([
                        ("Type", .string("AWS::IAM::Policy")),
                        ("Properties", .object([
                            ("PolicyName", .string(policy.name)), ("Roles", .array([.object([("Ref", .string(role.logicalId))])])),
                            ("PolicyDocument", try document(policy)),
                        ])),
                    ])))
                }
            case .roleTrust(let label) where policy.name.hasPrefix("pipeline-role"):
                guard roles.contains(where: { $0.logicalId == label }) else { continue }
                let trust = try document(policy)
                resources.edit(label) { $0 = $0.editing("Properties") { $0.setting("AssumeRolePolicyDocument", to: trust) } }
            case .domainAccess(let label):
                try patchDomain(label, policy: policy, in: &resources)
            case .bucketPolicy(let label):
                try patchBucket(label, policy: policy, in: &resources)
            default:
                continue
            }
        }
    }

    func patchDomain(_ label: String, policy: GeneratedPolicy, in resources: inout [(String, JSONOutput)]) throws(DiagnosticError) {
        if let setter = stack.accessPolicyResources[label] {
            // CDK sets the policy after creation through an SDK call: that call carries it.
            let call = try stack.cloudFormationValue(Self.accessPolicyCall(domainName: setter.domainName, policy: policy))
            resources.edit(setter.logicalId) { $0 = $0.editing("Properties") { $0.setting("Create", to: call).setting("Update", to: call) } }
            return
        }
        guard !Self.namesItself(policy, label) else { throw Self.selfReference(label, file: template.file) }
        let document = try document(policy)
        resources.edit(label) { $0 = $0.editing("Properties") { $0.setting("AccessPolicies", to: document) } }
    }

    /// The SDK call CDK's `Custom::OpenSearchAccessPolicy` makes, with `policy` as the domain's
    /// access policy; tokens are left for `Fn::Sub`.
    package static func accessPolicyCall(domainName: String, policy: GeneratedPolicy) -> String {
        JSONOutput.object([
            ("action", .string("updateDomainConfig")), ("service", .string("OpenSearch")),
            ("parameters", .object([("DomainName", .string(domainName)), ("AccessPolicies", .string(policy.json.renderedCompact()))])),
            ("outputPaths", .array([.string("DomainConfig.AccessPolicies")])),
            ("physicalResourceId", .object([("id", .string(domainName + "AccessPolicy"))])),
        ]).renderedCompact()
    }

    /// Whether the document names the domain `label` through the domain's own `Ref` or attribute,
    /// which its `AccessPolicies` cannot (a circular dependency).
    package static func namesItself(_ policy: GeneratedPolicy, _ label: String) -> Bool {
        SymbolToken.referencedLogicalIds(in: policy.json.renderedCompact()).contains(label)
    }

    package static func selfReference(_ label: String, file: String) -> DiagnosticError {
        DiagnosticError(Diagnostic(severity: .error, code: "generate.domain-names-itself", message: GeneratedStack.selfReferenceNote(label), file: file))
    }

    func patchBucket(_ label: String, policy: GeneratedPolicy, in resources: inout [(String, JSONOutput)]) throws(DiagnosticError) {
        guard let bucket = try template.views(S3BucketResource.self).first(where: { $0.logicalId == label }) else { return }
        let document = try document(policy)
        if let existing = try template.views(S3BucketPolicyResource.self).first(where: { $0.bucket.value == bucket.bucketName }) {
            resources.edit(existing.logicalId) { $0 = $0.editing("Properties") { $0.setting("PolicyDocument", to: document) } }
        } else {
            resources.append((Self.logicalId("\(label)-policy"), .object([
                ("Type", .string("AWS::S3::BucketPolicy")),
                ("Properties", .object([("Bucket", .object([("Ref", .string(label))])), ("PolicyDocument", document)])),
            ])))
        }
    }

    /// `pipeline-role-policy` → `PipelineRolePolicy`: a valid logical id.
    package static func logicalId(_ name: String) -> String {
        name.split { !$0.isLetter && !$0.isNumber }.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
            .filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }
}

extension JSONOutput {
    var members: [(String, JSONOutput)]? {
        if case .object(let members) = self { return members }
        return nil
    }

    subscript(key: String) -> JSONOutput? { members?.first { $0.0 == key }?.1 }

    /// The object with `key` set (replaced in place, or appended).
    func setting(_ key: String, to value: JSONOutput) -> JSONOutput {
        guard var members else { return self }
        if let index = members.firstIndex(where: { $0.0 == key }) { members[index].1 = value } else { members.append((key, value)) }
        return .object(members)
    }

    func removing(_ key: String) -> JSONOutput {
        guard let members else { return self }
        return .object(members.filter { $0.0 != key })
    }

    /// The object with the member `key` changed (created empty when missing).
    func editing(_ key: String, _ change: (JSONOutput) -> JSONOutput) -> JSONOutput {
        setting(key, to: change(self[key] ?? .object([])))
    }

    /// `Roles` without entries naming one of `names` (by `Ref` or by name).
    func removingRole(_ names: [String]) -> JSONOutput {
        guard case .array(let roles)? = self["Roles"] else { return self }
        return setting("Roles", to: .array(roles.filter { entry in
            if case .string(let name) = entry { return !names.contains(name) }
            if case .string(let id)? = entry["Ref"] { return !names.contains(id) }
            return true
        }))
    }

    /// Every string passed through `transform`, keys kept.
    package func mappingStrings<Failure: Error>(_ transform: (String) throws(Failure) -> JSONOutput) throws(Failure) -> JSONOutput {
        switch self {
        case .string(let text): return try transform(text)
        case .array(let items):
            var mapped: [JSONOutput] = []
            for item in items { mapped.append(try item.mappingStrings(transform)) }
            return .array(mapped)
        case .object(let members):
            var mapped: [(String, JSONOutput)] = []
            for (key, item) in members { mapped.append((key, try item.mappingStrings(transform))) }
            return .object(mapped)
        default: return self
        }
    }
}

extension [(String, JSONOutput)] {
    mutating func edit(_ key: String, _ change: (inout JSONOutput) -> Void) {
        guard let index = firstIndex(where: { $0.0 == key }) else { return }
        change(&self[index].1)
    }
}
