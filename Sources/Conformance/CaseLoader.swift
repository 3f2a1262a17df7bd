import PolicyEvaluation
import PolicyModel
import PolicyParsing

/// Reads case files. Every problem is reported with the case file's path, line and column.
package enum CaseLoader {
    package static let schema = "accessgraph-case/v1"

    package enum Outcome: Sendable {
        case loaded(ConformanceCase)
        case skipped(id: String, reason: String)
    }

    package static func load(bytes: [UInt8], file: String) throws(DiagnosticError) -> Outcome {
        guard bytes.count <= InputLimits.caseBytes else {
            throw DiagnosticError(Diagnostic(
                severity: .error, code: "case.too-large",
                message: "the case file is \(bytes.count) bytes, more than the limit of \(InputLimits.caseBytes)",
                file: file, position: SourcePosition(line: 1, column: 1)))
        }
        do {
            let root = try JSONReader.parse(bytes: bytes)
            return try load(root: root, file: file)
        } catch {
            throw error.located(in: file)
        }
    }

    private static func fail(_ message: String, at node: JSONNode?, code: String = "case.invalid") -> DiagnosticError {
        DiagnosticError(Diagnostic(severity: .error, code: code, message: message, position: node?.position ?? .unknown))
    }

    private static func load(root: JSONNode, file: String) throws(DiagnosticError) -> Outcome {
        guard root.objectValue != nil else { throw fail("a case must be a JSON object, found \(root.typeName)", at: root) }
        let id = root["id"]?.stringValue ?? file
        guard let schema = root["schema"]?.stringValue, schema == Self.schema else {
            return .skipped(id: id, reason: "schema is not `\(Self.schema)`")
        }
        if let mode = root["mode"], !mode.isNull {
            guard mode.stringValue == "strict" else {
                return .skipped(id: id, reason: "mode `\(mode.stringValue ?? mode.typeName)` is not `strict`")
            }
        }
        guard root["id"]?.stringValue != nil else { throw fail("the case has no string `id`", at: root) }
        guard let requestNode = root["request"], requestNode.objectValue != nil else {
            throw fail("the case has no `request` object", at: root)
        }
        guard let policiesNode = root["policies"], policiesNode.objectValue != nil else {
            throw fail("the case has no `policies` object", at: root)
        }
        guard let expectedNode = root["expected"], expectedNode.objectValue != nil else {
            throw fail("the case has no `expected` object", at: root)
        }
        let (request, fromCatalogue) = try parseRequest(requestNode)
        let policies = try parsePolicies(policiesNode)
        guard let decisionText = expectedNode["decision"]?.stringValue, let decision = Decision(rawValue: decisionText) else {
            throw fail("`expected.decision` must be `Allow`, `ExplicitDeny` or `ImplicitDeny`", at: expectedNode["decision"] ?? expectedNode)
        }
        var matched: [ConformanceCase.ExpectedStatement]?
        if let matchedNode = expectedNode["matched"], !matchedNode.isNull {
            guard let items = matchedNode.arrayValue else { throw fail("`expected.matched` must be a list", at: matchedNode) }
            matched = []
            for item in items {
                guard let policy = item["policy"]?.stringValue else {
                    throw fail("each `expected.matched` entry needs a string `policy`", at: item)
                }
                var index: Int?
                if let indexNode = item["index"], !indexNode.isNull {
                    guard case .number(let text) = indexNode.value, let value = Int(text) else {
                        throw fail("`index` must be an integer", at: indexNode)
                    }
                    index = value
                }
                matched?.append(.init(policy: policy, sid: item["sid"]?.stringValue, index: index))
            }
        }
        var deniedBy: PolicyLayer?
        if let deniedByNode = expectedNode["deniedBy"], !deniedByNode.isNull {
            guard let name = deniedByNode.stringValue, let layer = PolicyLayer(name: name) else {
                throw fail("`expected.deniedBy` must name a layer: identity, resource, permissionBoundary, session, vpcEndpoint, scp[N], rcp[N], s3BlockPublicAccess or a service rule (\(ServiceRule.allCases.map(\.rawValue).joined(separator: ", ")))", at: deniedByNode)
            }
            deniedBy = layer
        }
        return .loaded(ConformanceCase(
            id: id, name: root["name"]?.stringValue, source: root["source"]?.stringValue, file: file,
            request: request, wildcardOnlyFromCatalogue: fromCatalogue, policies: policies,
            expectedDecision: decision, expectedMatched: matched, expectedDeniedBy: deniedBy))
    }

    private static func parseRequest(_ node: JSONNode) throws(DiagnosticError) -> (AuthorizationRequest, Bool) {
        var anonymous = false
        if let flag = node["anonymous"], !flag.isNull {
            guard case .bool(let value) = flag.value else { throw fail("`request.anonymous` must be true, false or null", at: flag) }
            anonymous = value
        }
        let principalNode = node["principal"]
        var principal = RequestPrincipal.anonymous
        if !anonymous, let principalNode, !principalNode.isNull {
            guard let text = principalNode.stringValue else { throw fail("`request.principal` must be a string or null", at: principalNode) }
            principal = RequestPrincipal(text)
        }
        guard let action = node["action"]?.stringValue else { throw fail("`request.action` must be a string", at: node["action"] ?? node) }
        guard let resource = node["resource"]?.stringValue else {
            throw fail("`request.resource` must be a string", at: node["resource"] ?? node)
        }
        var wildcardOnly: Bool?
        if let flag = node["wildcardOnlyAction"], !flag.isNull {
            guard case .bool(let value) = flag.value else { throw fail("`wildcardOnlyAction` must be true or false", at: flag) }
            wildcardOnly = value
        }
        var context = RequestContext()
        if let contextNode = node["context"], !contextNode.isNull {
            guard let members = contextNode.objectValue else { throw fail("`request.context` must be an object", at: contextNode) }
            for member in members {
                context[member.key] = try contextValue(member.value, key: member.key)
            }
        }
        let request = AuthorizationRequest(
            principal: principal, action: action, resource: resource,
            resourceAccount: node["resourceAccount"]?.stringValue, wildcardOnlyAction: wildcardOnly ?? false, context: context)
        return (request, wildcardOnly == nil)
    }

    private static func scalarText(_ node: JSONNode) -> String? {
        switch node.value {
        case .string(let text): text
        case .number(let text): text
        case .bool(let value): value ? "true" : "false"
        default: nil
        }
    }

    private static func contextValue(_ node: JSONNode, key: String) throws(DiagnosticError) -> ContextValue {
        if let text = scalarText(node) { return .single(text) }
        guard let items = node.arrayValue else {
            throw fail("context key `\(key)` must be a string or a list of strings, found \(node.typeName)", at: node)
        }
        var values: [String] = []
        for item in items {
            guard let text = scalarText(item) else {
                throw fail("values of context key `\(key)` must be strings, found \(item.typeName)", at: item)
            }
            values.append(text)
        }
        return .multiple(values)
    }

    private static func policy(_ node: JSONNode, id: String) throws(DiagnosticError) -> NamedPolicy {
        NamedPolicy(id: id, document: try PolicyParser.parse(node: node))
    }

    /// A list of documents, a single document, or null.
    private static func policyList(_ node: JSONNode?, id: String) throws(DiagnosticError) -> [NamedPolicy]? {
        guard let node, !node.isNull else { return nil }
        if let items = node.arrayValue {
            var result: [NamedPolicy] = []
            for (index, item) in items.enumerated() { result.append(try policy(item, id: "\(id)[\(index)]")) }
            return result
        }
        return [try policy(node, id: "\(id)[0]")]
    }

    private static func levels(_ node: JSONNode?, id: String) throws(DiagnosticError) -> [PolicyLevel] {
        guard let node, !node.isNull else { return [] }
        guard let items = node.arrayValue else { throw fail("`policies.\(id)` must be a list of levels", at: node) }
        var result: [PolicyLevel] = []
        for (index, item) in items.enumerated() {
            guard item.objectValue != nil else { throw fail("each `\(id)` level must be an object with `policies`", at: item) }
            let name = item["level"]?.stringValue ?? "\(id)[\(index)]"
            let documents = try policyList(item["policies"], id: "\(id)[\(index)].policies") ?? []
            result.append(PolicyLevel(name: name, policies: documents))
        }
        return result
    }

    private static func parsePolicies(_ node: JSONNode) throws(DiagnosticError) -> PolicySet {
        var set = PolicySet()
        set.identity = try policyList(node["identity"], id: "identity") ?? []
        if let session = node["session"], !session.isNull { set.session = try policy(session, id: "session") }
        set.permissionsBoundary = try policyList(node["permissionBoundary"], id: "permissionBoundary")
        if let resource = node["resource"], !resource.isNull { set.resource = try policy(resource, id: "resource") }
        set.serviceControlPolicies = try levels(node["scp"], id: "scp")
        set.resourceControlPolicies = try levels(node["rcp"], id: "rcp")
        set.vpcEndpoint = try policyList(node["vpcEndpoint"], id: "vpcEndpoint")
        if let setting = node["settings"]?["s3"]?["blockPublicAccess"], !setting.isNull {
            guard case .bool(let value) = setting.value else {
                throw fail("`settings.s3.blockPublicAccess` must be true, false or null", at: setting)
            }
            set.s3RestrictPublicBuckets = value
        }
        return set
    }
}
