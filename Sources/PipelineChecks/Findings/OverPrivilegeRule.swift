import AccessInventory
import PipelineRequirements
import PolicyEvaluation
import PolicyModel
import ServiceCatalog

/// `overprivilege.pipeline-role`: per identity policy of a pipeline role, the actions it allows
/// (expanded through the catalogue) that the pipeline neither needs nor is documented to be
/// granted for what it is configured to do (`PipelineRequirements.documentedRoleActions`),
/// summarised by access level, the most sensitive named. What the boundary does not
/// allow, or an unconditioned Deny on every resource removes, is not held.
struct OverPrivilegeRule: FindingRule {
    func findings(_ context: FindingContext) -> [Finding] {
        context.pipelineRoles.flatMap { role in
            // What the pipelines that run as this role are configured to do; only the wildcard
            // entries need the catalogue.
            let pipelines = context.requirements.filter { $0.pipeline.roleARNs.contains { context.inventory.role(arn: $0)?.arn == role.arn } }
            let documented = Set(pipelines.flatMap(\.documentedRoleActions).flatMap { pattern in
                pattern.contains("*") || pattern.contains("?")
                    ? context.catalogue.expandActionPattern(pattern).map { $0.qualifiedName.lowercased() } : [pattern.lowercased()]
            })
            let needed = Set(context.requirements.flatMap(\.requests).compactMap { requirement -> String? in
                guard case .roleSession(let arn, _) = requirement.caller, arn == role.arn else { return nil }
                return requirement.action.lowercased()
            })
            return findings(role, needed: needed.union(documented), catalogue: context.catalogue)
        }
    }

    func findings(_ role: InventoryPrincipal, needed: Set<String>, catalogue: ServiceCatalogue) -> [Finding] {
        var findings: [Finding] = []
        // Policies overlap (AWS managed ones especially); whether the role holds an action is asked once.
        var heldByName: [String: Bool] = [:]
        for attached in role.policies {
            var granted: [String: ActionInfo] = [:]
            var evidence: [Evidence] = []
            for statement in attached.policy.document.statements where statement.effect == .allow && !statement.action.isNot {
                var statementGrants = 0
                for pattern in statement.action.patterns {
                    for action in catalogue.expandActionPattern(pattern.text) {
                        let name = action.qualifiedName.lowercased()
                        guard !needed.contains(name) else { continue }
                        let held = heldByName[name] ?? Self.held(action, by: role)
                        heldByName[name] = held
                        if held, granted.updateValue(action, forKey: name) == nil { statementGrants += 1 }
                    }
                }
                if statementGrants > 0 {
                    evidence.append(Evidence(statement: StatementRef(statement, in: attached.policy),
                                             detail: statement.action.patterns.map(\.text).joined(separator: ", "),
                                             location: attached.isAWSManaged ? attached.location : SourceLocation(file: role.location.file, position: statement.position)))
                }
            }
            let sensitive = granted.values.filter { [.write, .permissionsManagement, .tagging].contains($0.accessLevel) }
            guard !sensitive.isEmpty else { continue }
            let counts = Self.byRisk.compactMap { level -> String? in
                let count = granted.values.filter { $0.accessLevel == level }.count
                return count == 0 ? nil : "\(count) \(level.rawValue.lowercased())"
            }
            // Most sensitive first, from the service the policy is mostly about.
            let serviceCounts = Dictionary(grouping: granted.values, by: \.service).mapValues(\.count)
            let mainService = serviceCounts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
            let examples = sensitive.sorted { lhs, rhs in
                (Self.risk(lhs.accessLevel), lhs.service == mainService ? 0 : 1, lhs.qualifiedName)
                    < (Self.risk(rhs.accessLevel), rhs.service == mainService ? 0 : 1, rhs.qualifiedName)
            }.prefix(3).map { "`\($0.qualifiedName)`" }
            findings.append(Finding(
                id: .pipelineRoleOverprivilege, severity: .securityWarning, resource: role.label,
                message: "`\(attached.displayName)` grants \(counts.joined(separator: ", ")) \(granted.count == 1 ? "action" : "actions") the pipeline does not need, "
                    + "including \(examples.joined(separator: ", "))",
                evidence: evidence,
                location: attached.isAWSManaged ? attached.location : SourceLocation(file: role.location.file, position: attached.policy.document.position)))
        }
        return findings
    }

    /// Whether the role holds `action` at all: its boundary allows it and no unconditioned Deny on
    /// every resource removes it. (Resource scoping and conditions are not subtracted.)
    static func held(_ action: ActionInfo, by role: InventoryPrincipal) -> Bool {
        let request = RequestAction(action.qualifiedName)
        if let boundary = role.boundary, !boundary.policy.document.statements.contains(where: { $0.effect == .allow && $0.covers(request) }) {
            return false
        }
        return !role.policies.contains { attached in
            attached.policy.document.statements.contains { statement in
                statement.effect == .deny && statement.conditions.isEmpty && statement.covers(request) && statement.coversEveryResource
            }
        }
    }

    /// Access levels, most sensitive first: what the message counts and its examples lead with.
    /// Write ranks above tagging (unlike `AccessLevel`'s order): it changes data, not labels.
    static let byRisk: [AccessLevel] = [.permissionsManagement, .write, .tagging, .read, .list]

    static func risk(_ level: AccessLevel) -> Int {
        byRisk.firstIndex(of: level) ?? byRisk.count
    }
}

extension Statement {
    /// `Resource` is exactly `*` (among its entries), so the statement reaches every resource.
    var coversEveryResource: Bool {
        resource.map { !$0.isNot && $0.patterns.contains { $0.text == "*" } } ?? false
    }
}
