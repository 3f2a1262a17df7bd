import AccessInventory
import PipelineRequirements
import PolicyEvaluation
import PolicyModel
import ServiceCatalog

/// An assertions file resolved against a stack: every name it writes found in the inventory
/// (for `diff`, the head's, else the base's), and every request it asks built. Resolving is where
/// a file that names something the stack does not have is refused, before anything is decided.
package struct StackAssertions: Sendable {
    /// A `must-allow` or `must-not-allow` entry with the requests it asks.
    struct AccessCheck: Sendable {
        var rule: AssertionFile.AccessRule
        var requests: [RequiredRequest]
    }

    /// A `no-public-access` entry with the resources it covers.
    struct PublicAccessCheck {
        var rule: AssertionFile.PublicAccessRule
        var resources: [StackReferences.Resource]
    }

    /// A `no-new-access` entry: the principal's ARN on either side, or the policies by id.
    struct NewAccessCheck {
        var rule: AssertionFile.NewAccessRule
        var principalARNs: Set<String>
        var policies: [String: NamedPolicy]
    }

    /// A `suppress` entry with the resource label findings use.
    struct ResolvedSuppression {
        var entry: AssertionFile.Suppression
        var label: String
    }

    let file: AssertionFile
    let head: Inventory
    var accessChecks: [AccessCheck] = []
    var publicAccessChecks: [PublicAccessCheck] = []
    var newAccessChecks: [NewAccessCheck] = []
    var suppressions: [ResolvedSuppression] = []

    /// - Parameters:
    ///   - inventory: the stack the assertions are about (for `diff`, the head).
    ///   - base: for `diff`, the base, where `no-new-access` and `suppress` may also find what
    ///     they name (a principal the change removes).
    /// - Throws: every name the stack does not have, every unknown action and mistyped context
    ///   value, each at its line and column in the file.
    package init(_ file: AssertionFile, inventory: Inventory, base: Inventory? = nil, catalogue: ServiceCatalogue) throws(DiagnosticError) {
        self.file = file
        self.head = inventory
        var resolver = Resolver(references: StackReferences(inventory), base: base.map(StackReferences.init), catalogue: catalogue)
        accessChecks = file.accessRules.compactMap { resolver.accessCheck($0, file: file) }
        publicAccessChecks = file.publicAccessRules.compactMap { resolver.publicAccessCheck($0) }
        newAccessChecks = file.newAccessRules.compactMap { resolver.newAccessCheck($0) }
        suppressions = file.suppressions.compactMap { entry in
            resolver.label(entry.resource).map { ResolvedSuppression(entry: entry, label: $0) }
        }
        if !resolver.errors.isEmpty {
            throw DiagnosticError(resolver.errors.sorted { $0.position < $1.position }.map { $0.located(in: file.file) })
        }
    }
}

/// Finds what the file names, collecting an error for each name that is not there.
struct Resolver {
    let references: StackReferences
    let base: StackReferences?
    let catalogue: ServiceCatalogue
    private(set) var errors: [Diagnostic] = []

    init(references: StackReferences, base: StackReferences?, catalogue: ServiceCatalogue) {
        self.references = references
        self.base = base
        self.catalogue = catalogue
    }

    /// One resource a request names: an inventory resource, or a path below one.
    struct Target {
        var resource: StackReferences.Resource
        var arn: String
    }

    // MARK: must-allow, must-not-allow

    mutating func accessCheck(_ rule: AssertionFile.AccessRule, file: AssertionFile) -> StackAssertions.AccessCheck? {
        let caller = references.caller(rule.principal.value)
        if caller == nil { unknownPrincipal(rule.principal) }
        let targets = self.targets(rule.resource)
        let context = self.context(rule.context)
        let actions = rule.actions.map { action in (action, self.actions(action)) }
        guard let caller, let targets, let context, actions.allSatisfy({ $0.1 != nil }) else { return nil }
        // A pattern (of actions, or of resources) asks each resource only the actions of its type;
        // an action and a resource both named exactly are asked as written.
        let named = !Self.hasWildcards(rule.resource.value)
        var requests: [RequiredRequest] = []
        for target in targets {
            let type = catalogue.resourceType(ofARN: target.arn)
            for (written, infos) in actions {
                for info in infos ?? [] {
                    let applies = type.map { type in info.resourceTypes.contains { $0.name == type.name } } ?? true
                    guard applies || (named && !Self.hasWildcards(written.value)) else { continue }
                    requests.append(RequiredRequest(
                        area: .assertion, caller: caller, action: info.qualifiedName, resource: target.arn, grantScope: target.arn,
                        context: context, expectation: rule.kind == .mustAllow ? .allow : .implicitDeny,
                        resourcePolicy: target.resource.policySource(for: info.qualifiedName),
                        purpose: rule.kind.rawValue, documentation: file.location(rule.position).description))
                }
            }
        }
        guard !requests.isEmpty else {
            fail("assertions.asks-nothing", "no action of \(rule.actions.map { "`\($0.value)`" }.joined(separator: ", ")) applies to the resources `\(rule.resource.value)` names",
                 at: rule.position, help: "name the actions exactly, or a resource of the type they act on")
            return nil
        }
        return StackAssertions.AccessCheck(rule: rule, requests: requests.uniqued())
    }

    /// The actions an entry of `actions` stands for: the action, or every action its wildcards
    /// match in the catalogue.
    mutating func actions(_ written: Located<String>) -> [ActionInfo]? {
        if Self.hasWildcards(written.value) {
            let matched = catalogue.expandActionPattern(written.value)
            if matched.isEmpty { fail("assertions.unknown-action", "`\(written.value)` matches no action", at: written.position, help: "the catalogue is \(catalogue.source.description)") }
            return matched.isEmpty ? nil : matched
        }
        guard let info = catalogue.action(written.value) else {
            fail("assertions.unknown-action", "unknown action `\(written.value)`", at: written.position, help: "the catalogue is \(catalogue.source.description)")
            return nil
        }
        return [info]
    }

    /// The resources a `resource` value names. A logical id or an ARN names one resource, and
    /// `LogicalId/path` a path below it (an object, an index, the stream); with `*` or `?` in the
    /// logical id (or anywhere in an ARN) the value is a pattern, and names every resource of the
    /// stack whose logical id or ARN it matches.
    mutating func targets(_ written: Located<String>) -> [Target]? {
        let value = written.value
        if value.hasPrefix("arn:") {
            if Self.hasWildcards(value) { return matching(WildcardPattern(glob: value), path: nil, written) }
            if let resource = references.resource(value) { return [Target(resource: resource, arn: resource.arn)] }
            // A path below a resource: the resource whose ARN is the longest prefix before a `/`.
            let owner = references.resources.filter { value.hasPrefix($0.arn + "/") }.max { $0.arn.count < $1.arn.count }
            if let owner { return [Target(resource: owner, arn: value)] }
            unknownResource(written)
            return nil
        }
        let slash = value.firstIndex(of: "/")
        let head = String(value[..<(slash ?? value.endIndex)])
        let path = slash.map { String(value[$0...]) }
        if Self.hasWildcards(head) { return matching(WildcardPattern(glob: head), path: path, written) }
        guard let resource = references.resource(head) else {
            unknownResource(written)
            return nil
        }
        return [Target(resource: resource, arn: resource.arn + (path ?? ""))]
    }

    private mutating func matching(_ pattern: WildcardPattern, path: String?, _ written: Located<String>) -> [Target]? {
        let matched = references.resources(matching: pattern)
        guard !matched.isEmpty else {
            fail("assertions.unknown-resource", "`\(written.value)` matches no resource of the stack", at: written.position, help: knownResources)
            return nil
        }
        return matched.map { Target(resource: $0, arn: $0.arn + (path ?? "")) }
    }

    /// The context as the evaluator takes it; a value of a key the catalogue types must read as
    /// that type.
    mutating func context(_ entries: [AssertionFile.ContextEntry]) -> [String: ContextValue]? {
        var context: [String: ContextValue] = [:]
        var valid = true
        for entry in entries {
            for value in entry.values {
                if let problem = catalogue.conditionKey(entry.key.value)?.valueProblem(value.value, shown: value.value) {
                    fail("assertions.invalid-context", problem.message, at: value.position, help: problem.help)
                    valid = false
                }
            }
            let values = entry.values.map(\.value)
            context[entry.key.value] = values.count == 1 ? .single(values[0]) : .multiple(values)
        }
        return valid ? context : nil
    }

    // MARK: no-public-access

    mutating func publicAccessCheck(_ rule: AssertionFile.PublicAccessRule) -> StackAssertions.PublicAccessCheck? {
        guard let written = rule.resource else {
            return StackAssertions.PublicAccessCheck(rule: rule, resources: references.resources.filter { $0.policy != nil })
        }
        if Self.hasWildcards(written.value) {
            return matching(WildcardPattern(glob: written.value), path: nil, written).map { targets in
                StackAssertions.PublicAccessCheck(rule: rule, resources: targets.map(\.resource))
            }
        }
        guard let resource = references.resource(written.value) else {
            unknownResource(written)
            return nil
        }
        return StackAssertions.PublicAccessCheck(rule: rule, resources: [resource])
    }

    // MARK: no-new-access

    mutating func newAccessCheck(_ rule: AssertionFile.NewAccessRule) -> StackAssertions.NewAccessCheck? {
        let sides = [references] + [base].compactMap { $0 }
        switch rule.subject {
        case .principal(let written):
            let arns = Set(sides.compactMap { $0.principal(written.value)?.arn })
            if arns.isEmpty { unknownPrincipal(written) }
            return arns.isEmpty ? nil : StackAssertions.NewAccessCheck(rule: rule, principalARNs: arns, policies: [:])
        case .policy(let written):
            // The head's version of a policy both sides have.
            let policies = sides.reversed().reduce(into: [String: NamedPolicy]()) { $0.merge($1.policies(written.value)) { _, head in head } }
            if policies.isEmpty {
                fail("assertions.unknown-policy", "no policy `\(written.value)` in the stack", at: written.position,
                     help: "name a policy resource's logical id, an inline policy as `Role.PolicyName`, or a managed policy's name or ARN")
            }
            return policies.isEmpty ? nil : StackAssertions.NewAccessCheck(rule: rule, principalARNs: [], policies: policies)
        }
    }

    // MARK: suppress

    /// The label findings give the resource a suppression names.
    mutating func label(_ written: Located<String>) -> String? {
        guard let label = references.label(written.value) ?? base?.label(written.value) else {
            unknownResource(written)
            return nil
        }
        return label
    }

    // MARK: Errors

    static func hasWildcards(_ text: String) -> Bool {
        text.contains("*") || text.contains("?")
    }

    private var knownResources: String {
        "the stack's resources: " + references.resources.map(\.label).joined(separator: ", ")
    }

    private mutating func fail(_ code: String, _ message: String, at position: SourcePosition, help: String? = nil) {
        errors.append(Diagnostic(severity: .error, code: code, message: message, position: position, help: help))
    }

    private mutating func unknownPrincipal(_ written: Located<String>) {
        let known = references.inventory.principals.map(\.label).joined(separator: ", ")
        fail("assertions.unknown-principal", "no principal `\(written.value)` in the stack", at: written.position,
             help: "name a role or user by logical id, name or ARN, or a service principal; the stack's: \(known)")
    }

    private mutating func unknownResource(_ written: Located<String>) {
        fail("assertions.unknown-resource", "no resource `\(written.value)` in the stack", at: written.position, help: knownResources)
    }
}
