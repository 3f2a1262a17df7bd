import AccessInventory
import PipelineChecks
import PipelineRequirements
import PolicyEvaluation
import PolicyModel
import ServiceCatalog

/// Checks generated documents with the evaluator, through the code `check` runs, before anything
/// is written:
/// - with every document in place, each required request is allowed (each guarded one refused),
///   determined, with no unknown left;
/// - each document is minimal on its own: without any one of its actions, or any one of its
///   resources, a request it serves fails (the other side of the request taken away, so a
///   domain policy and the role's own policy each prove themselves);
/// - a statement grants `*` only for actions the catalogue gives no resource type, and every
///   other resource is the grant scope of a request it serves (the narrowest ARN pattern that
///   covers what the pipeline names at run time);
/// - the stack with the documents passes every pipeline check (but those a note leaves open) and
///   raises no over-privilege, trust or open-domain finding on the pipeline path.
package struct GenerationProof {
    /// One way the documents fall short.
    package struct Failure: Sendable, Hashable, CustomStringConvertible {
        package var policy: String?
        package var sid: String?
        package var message: String

        package var description: String {
            let place = [policy.map { "`\($0)`" }, sid.map { "statement `\($0)`" }].compactMap { $0 }.joined(separator: " ")
            return place.isEmpty ? message : "\(place): \(message)"
        }
    }

    /// What was proven, for the generated README.
    package struct Summary: Sendable, Hashable {
        package var requestsAllowed = 0
        package var requestsRefused = 0
        package var removalsRefused = 0
        package var checks: [CheckResult] = []
    }

    let stack: GeneratedStack
    let inventory: Inventory
    let catalogue: ServiceCatalogue
    let documents: [String: NamedPolicy]

    /// - Throws: only when a document does not parse, which is a generator bug.
    package static func prove(_ stack: GeneratedStack, inventory: Inventory, catalogue: ServiceCatalogue) throws(DiagnosticError) -> (Summary, [Failure]) {
        var documents: [String: NamedPolicy] = [:]
        for policy in stack.policies { documents[policy.name] = try policy.namedPolicy() }
        let proof = GenerationProof(stack: stack, inventory: inventory, catalogue: catalogue, documents: documents)
        var summary = Summary()
        var failures = proof.requestsHold(&summary)
        failures += try proof.minimality(&summary)
        failures += proof.scopes()
        failures += proof.checksPass(&summary)
        return (summary, failures)
    }

    // MARK: Every request

    func requestsHold(_ summary: inout Summary) -> [Failure] {
        let evaluator = RequirementEvaluator(inventory: patched(documents))
        var failures: [Failure] = []
        let guarded = stack.policies.flatMap { policy in policy.statements.flatMap { statement in statement.guards.map { (policy.name, statement.sid, $0) } } }
        let all = stack.allRequests.map { (String?.none, String?.none, $0) } + guarded.map { (Optional($0.0), Optional($0.1), $0.2) }
        for (policy, sid, request) in all {
            guard let evaluated = evaluator.evaluate(request) else {
                failures.append(Failure(policy: policy, sid: sid, message: "`\(request.caller)` is not in the inputs, so `\(request.action)` cannot be proven"))
                continue
            }
            if evaluated.verdict == .met {
                if request.expectation == .allow { summary.requestsAllowed += 1 } else { summary.requestsRefused += 1 }
            } else {
                let verb = request.expectation == .allow ? "needs" : "must not get"
                failures.append(Failure(policy: policy, sid: sid, message: "\(evaluated.principal) \(verb) `\(request.action)` on `\(request.resource)` "
                    + "(\(request.purpose)): \(evaluated.verdict == .undetermined ? "unknown" : evaluated.decision.rawValue) — \(evaluated.reason)"))
            }
        }
        return failures
    }

    // MARK: Minimality

    func minimality(_ summary: inout Summary) throws(DiagnosticError) -> [Failure] {
        var failures: [Failure] = []
        for policy in stack.policies {
            for (index, statement) in policy.statements.enumerated() where statement.effect == .allow {
                let served = statement.serves.filter { $0.expectation == .allow }
                // Every action; every resource when there is more than one (without its only
                // resource the statement is gone, which removing its actions already tried).
                let elements: [WritableKeyPath<GeneratedStatement, [String]>] = statement.resources.count > 1 ? [\.actions, \.resources] : [\.actions]
                for element in elements {
                    for entry in statement[keyPath: element].indices {
                        if try stillHolds(served, without: policy.removing(entry, of: element, fromStatement: index)) {
                            failures.append(Failure(policy: policy.name, sid: statement.sid,
                                                    message: "`\(statement[keyPath: element][entry])` is not needed: every request the statement serves is allowed without it"))
                        } else {
                            summary.removalsRefused += 1
                        }
                    }
                }
            }
        }
        return failures
    }

    /// Whether every request in `requests` is still allowed with `smaller` in place of its
    /// document, the document standing alone on its side.
    func stillHolds(_ requests: [RequiredRequest], without smaller: GeneratedPolicy) throws(DiagnosticError) -> Bool {
        var replaced = documents
        replaced[smaller.name] = try smaller.namedPolicy()
        let evaluator = RequirementEvaluator(inventory: isolating(smaller.kind, in: patched(replaced)))
        return requests.allSatisfy { evaluator.evaluate($0)?.verdict == .met }
    }

    /// The inventory with the other side of `kind`'s requests taken away: for a role's own
    /// policy the generated resource-based policies; for a resource-based policy the roles'
    /// generated permissions.
    func isolating(_ kind: GeneratedPolicy.Kind, in inventory: Inventory) -> Inventory {
        var inventory = inventory
        switch kind {
        case .rolePermissions, .deployer, .auditor:
            for policy in stack.policies {
                switch policy.kind {
                case .domainAccess(let label):
                    if let index = inventory.domains.firstIndex(where: { $0.identity.label == label }) { inventory.domains[index].accessPolicy = nil }
                case .bucketPolicy(let label):
                    if let index = inventory.buckets.firstIndex(where: { $0.identity.label == label }) { inventory.buckets[index].policy = nil }
                default:
                    break
                }
            }
        case .domainAccess, .bucketPolicy:
            for policy in stack.policies {
                guard case .rolePermissions(let label) = policy.kind, let index = inventory.principals.firstIndex(where: { $0.label == label }) else { continue }
                inventory.principals[index].policies = []
            }
        case .roleTrust:
            break
        }
        return inventory
    }

    // MARK: Scopes

    func scopes() -> [Failure] {
        var failures: [Failure] = []
        for policy in stack.policies {
            for statement in policy.statements where statement.effect == .allow {
                let scopes = Set(statement.serves.map(\.grantScope))
                for resource in statement.resources where !scopes.contains(resource) {
                    failures.append(Failure(policy: policy.name, sid: statement.sid, message: "`\(resource)` is not the grant scope of any request the statement serves"))
                }
                guard statement.resources.contains("*") else { continue }
                for action in statement.actions where catalogue.isWildcardOnly(action) != true {
                    failures.append(Failure(policy: policy.name, sid: statement.sid,
                                            message: "`\(action)` is granted on `*`, but the catalogue gives it a narrower resource type"))
                }
            }
        }
        return failures
    }

    // MARK: Checks and findings

    func checksPass(_ summary: inout Summary) -> [Failure] {
        let (checks, failures) = Self.checksPass(stack, on: patched(documents, withDeployer: false), catalogue: catalogue)
        summary.checks = checks
        return failures
    }

    /// The checks of the stack with the documents in place, and what falls short: a template
    /// patched with them (`TemplatePatcher`) is proven this way too.
    package static func checksPass(_ stack: GeneratedStack, on inventory: Inventory, catalogue: ServiceCatalogue) -> ([CheckResult], [Failure]) {
        var report = StackAnalyzer.analyze(inventory, catalogue: catalogue)
        // The documents are for one pipeline: other pipelines' checks are theirs.
        report.checks.removeAll { $0.subject?.kind == .pipeline && $0.subject?.label != stack.requirements.pipeline.label }
        var failures: [Failure] = []
        for check in report.checks where check.status == .fail || (check.status == .unknown && !stack.checksLeftUnknown.contains(check.id)) {
            failures.append(Failure(policy: nil, sid: nil, message: "check `\(check.id.rawValue)` is \(check.status.rawValue) with the generated documents: \(check.reason)"))
        }
        let pipelineRoles = Set(stack.policies.compactMap { policy -> String? in
            if case .rolePermissions(let role) = policy.kind { return role }
            return nil
        })
        let generatedDomains = Set(stack.policies.compactMap { policy -> String? in
            if case .domainAccess(let domain) = policy.kind { return domain }
            return nil
        })
        for finding in report.findings {
            let onPath = switch finding.id {
            case .pipelineRoleOverprivilege, .trustWithoutSourceCondition, .trustExtraServicePrincipal: pipelineRoles.contains(finding.resource)
            case .domainPolicyOpenToAccount, .domainPolicyOpenToEveryone: generatedDomains.contains(finding.resource)
            default: false
            }
            if onPath { failures.append(Failure(policy: nil, sid: nil, message: "finding `\(finding.id.rawValue)` on `\(finding.resource)`: \(finding.message)")) }
        }
        return (report.checks, failures)
    }

    // MARK: The stack with the documents

    /// The inventory with the documents in place: each role's permissions replaced by its
    /// generated policy (its boundary kept), each trust, domain access and bucket policy replaced,
    /// and the deployer added as a role of its own.
    func patched(_ documents: [String: NamedPolicy], withDeployer: Bool = true) -> Inventory {
        var inventory = self.inventory
        inventory.serverlessPolicies += stack.collectionDataAccess
        for policy in stack.policies {
            guard let document = documents[policy.name] else { continue }
            let location = SourceLocation(file: "\(policy.name).json", position: document.document.position)
            switch policy.kind {
            case .rolePermissions(let label):
                let index = roleIndex(label, in: &inventory)
                inventory.principals[index].policies = [AttachedPolicy(policy: document, attachment: .inline(name: policy.name), location: location)]
                inventory.principals[index].unresolved.removeAll { $0.role != .permissionsBoundary }
            case .roleTrust(let label):
                inventory.principals[roleIndex(label, in: &inventory)].trust = document
            case .domainAccess(let label):
                if let index = inventory.domains.firstIndex(where: { $0.identity.label == label }) {
                    inventory.domains[index].accessPolicy = ResourcePolicy(policy: document, location: location)
                }
            case .bucketPolicy(let label):
                if let index = inventory.buckets.firstIndex(where: { $0.identity.label == label }) {
                    inventory.buckets[index].policy = ResourcePolicy(policy: document, location: location)
                } else {
                    // A bucket the inputs only name: it is proven with the generated policy in place.
                    let arn = PolicyGenerator.bucketARN(label, in: inventory, requests: stack.allRequests)
                    inventory.buckets.append(Bucket(identity: ResourceIdentity(label: label, arn: arn, location: location), name: label,
                                                    policy: ResourcePolicy(policy: document, location: location)))
                }
            case .auditor:
                continue
            case .deployer:
                guard withDeployer else { continue }
                let arn = stack.deployment.deployerRoleARN
                inventory.principals.append(InventoryPrincipal(
                    kind: .role, label: PolicyGenerator.deployerRoleName, name: PolicyGenerator.deployerRoleName, arn: arn, location: location,
                    policies: [AttachedPolicy(policy: document, attachment: .inline(name: policy.name), location: location)]))
            }
        }
        return inventory
    }

    /// The role a document is for; one the inputs only name (imported from another stack) is
    /// added, with no policies but the generated ones.
    func roleIndex(_ label: String, in inventory: inout Inventory) -> Int {
        if let index = inventory.principals.firstIndex(where: { $0.kind == .role && $0.label == label }) { return index }
        let arn = stack.allRequests.compactMap { request -> String? in
            if case .roleSession(let role, _) = request.caller, role == label || role.hasSuffix("/\(label)") { return role }
            return nil
        }.first ?? label
        inventory.principals.append(inventory.namedRole(arn: arn, label: label))
        return inventory.principals.count - 1
    }
}
