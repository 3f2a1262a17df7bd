import AccessInventory
import PolicyEvaluation
import PolicyModel
import ServiceCatalog

/// A policy document whose statements changed in effect between the two sides: for each scope
/// (effect, principal, resource, condition), the actions added and removed after wildcard
/// expansion. Documents are keyed by what holds them and how (the role's trust policy, its inline
/// policy `Name`, a managed policy's ARN, a bucket's policy), never by position, and statements
/// are compared as the grants they make: reordering, reformatting, splitting or merging statements
/// is no change, nor is `es:ESHttp*` written out action by action.
package struct PolicyChange: Sendable, Hashable {
    package enum Kind: String, Sendable, Hashable, CaseIterable {
        case trust = "trust policy"
        case identity = "identity policy"
        case boundary = "permissions boundary"
        case resource = "resource policy"
    }

    package enum Presence: String, Sendable, Hashable {
        /// Only the head has it.
        case added
        /// Only the base has it.
        case removed
        /// Both have it, with other grants.
        case changed
    }

    /// The principal or resource that holds it (the head's logical id or name, when the head has it).
    package var holder: String
    package var kind: Kind
    /// How a reader knows it: an AWS managed policy's name, otherwise its id (`Role.PolicyName`,
    /// a policy resource's logical id).
    package var policy: String
    package var presence: Presence
    /// The input names it but does not contain it (a managed policy neither the template nor the
    /// catalogue has): its statements are unknown.
    package var isUnknown: Bool
    /// Where it is written or attached, on the head when the head has it.
    package var location: SourceLocation?
    package var grants: [GrantChange]
}

/// What one group of statements is about: a grant's key, with every text in the base's names.
package struct GrantScope: Sendable, Hashable, Comparable {
    package var effect: Effect
    /// `NotAction`: the actions are the ones excepted.
    package var notAction: Bool
    /// `AWS arn:…`, `Service osis-pipelines.amazonaws.com`, `*`, or `NotPrincipal …`; nil in
    /// identity policies.
    package var principal: String?
    /// One `Resource` pattern, or `NotResource …`; nil when the statement has neither (trust).
    package var resource: String?
    /// The statement's conditions, sorted: `StringEquals aws:SourceAccount 123456789012`.
    package var condition: String?

    package static func < (lhs: GrantScope, rhs: GrantScope) -> Bool {
        (lhs.effect.rawValue, lhs.resource ?? "", lhs.principal ?? "", lhs.condition ?? "", lhs.notAction ? 1 : 0)
            < (rhs.effect.rawValue, rhs.resource ?? "", rhs.principal ?? "", rhs.condition ?? "", rhs.notAction ? 1 : 0)
    }
}

/// Actions after wildcard expansion.
package struct ActionList: Sendable, Hashable {
    /// Every action, as the catalogue names it (a pattern the catalogue does not know, lower-cased
    /// as written), sorted.
    package var actions: [String]
    /// The same, shorter: each pattern of the policy whose actions are all in the list written
    /// once with their count (`dynamodb:* (57 actions)`), then the other actions.
    package var written: [String]

    package var isEmpty: Bool { actions.isEmpty }
}

package struct GrantChange: Sendable, Hashable {
    package var scope: GrantScope
    package var added: ActionList
    package var removed: ActionList
}

/// Compares the policy documents of two inventories.
struct PolicyComparison {
    /// One document of one side.
    struct Entry {
        /// What it is across sides: its holder's ARN, its kind and its name, in the base's names.
        var key: String
        var holder: String
        var kind: PolicyChange.Kind
        var name: String
        /// nil when its statements are unknown.
        var document: PolicyDocument?
        var location: SourceLocation
    }

    /// The grants of one document: actions per scope, and the patterns written for each scope.
    struct Grants {
        var actions: [GrantScope: Set<String>] = [:]
        var patterns: [GrantScope: [String]] = [:]
    }

    let expansion: ActionExpansion

    /// Every document of an inventory, keyed with `naming` (the base's names for the head).
    static func entries(of inventory: Inventory, naming: (String) -> String) -> [Entry] {
        var entries: [Entry] = []
        for principal in inventory.principals {
            let holder = naming(principal.arn)
            func key(_ kind: PolicyChange.Kind, _ name: String = "") -> String { [holder, kind.rawValue, naming(name)].joined(separator: "\u{0}") }
            if let trust = principal.trust {
                entries.append(Entry(key: key(.trust), holder: principal.label, kind: .trust, name: trust.id, document: trust.document,
                                     location: SourceLocation(file: principal.location.file, position: trust.document.position)))
            }
            for attached in principal.policies {
                entries.append(Entry(key: key(.identity, attachmentKey(attached.attachment)), holder: principal.label, kind: .identity,
                                     name: attached.displayName, document: attached.policy.document, location: attached.location))
            }
            if let boundary = principal.boundary {
                entries.append(Entry(key: key(.boundary), holder: principal.label, kind: .boundary, name: boundary.displayName,
                                     document: boundary.policy.document, location: boundary.location))
            }
            for unresolved in principal.unresolved {
                let (kind, name): (PolicyChange.Kind, String) = switch unresolved.role {
                case .managedPolicy: (.identity, attachmentKey(.managed(arn: unresolved.arn, awsManaged: false)))
                case .groupPolicies: (.identity, "group \(unresolved.arn)")
                case .permissionsBoundary: (.boundary, "")
                }
                entries.append(Entry(key: key(kind, name), holder: principal.label, kind: kind, name: unresolved.arn, document: nil,
                                     location: unresolved.location))
            }
        }
        for resource in inventory.resources {
            guard let policy = resource.policy else { continue }
            entries.append(Entry(key: [naming(resource.identity.arn), PolicyChange.Kind.resource.rawValue].joined(separator: "\u{0}"),
                                 holder: resource.identity.label, kind: .resource, name: policy.policy.id, document: policy.policy.document,
                                 location: policy.location))
        }
        return entries.uniqued(by: \.key)
    }

    /// How a principal holds a policy, as it would be named in IAM: an inline policy by name, a
    /// managed policy by ARN (AWS managed or the template's own), a template policy resource by
    /// logical id, and through which group.
    static func attachmentKey(_ attachment: AttachedPolicy.Attachment) -> String {
        switch attachment {
        case .inline(let name): "inline \(name)"
        case .managed(let arn, _): "managed \(arn)"
        case .policyResource(let logicalId): "policy \(logicalId)"
        case .group(let name, let via): "group \(name) \(attachmentKey(via))"
        }
    }

    /// The documents whose grants differ, in holder, kind and name order.
    func changes(base: [Entry], head: [Entry], headNaming: (String) -> String) -> [PolicyChange] {
        let baseByKey = Dictionary(base.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let headKeys = Set(head.map(\.key))
        var changes: [(key: String, change: PolicyChange)] = []
        for entry in head {
            let before = baseByKey[entry.key]
            // Equal documents (positions aside) grant the same; only the rest is expanded.
            if let before, let document = before.document, document == entry.document { continue }
            let old = before?.document.map { grants(of: $0, naming: { $0 }) } ?? Grants()
            let new = entry.document.map { grants(of: $0, naming: headNaming) } ?? Grants()
            let grantChanges = compare(old, new)
            let unknown = entry.document == nil || (before != nil && before?.document == nil)
            if before != nil, grantChanges.isEmpty, (entry.document == nil) == (before?.document == nil) { continue }
            changes.append((entry.key, PolicyChange(holder: entry.holder, kind: entry.kind, policy: entry.name, presence: before == nil ? .added : .changed,
                                                    isUnknown: unknown, location: entry.location, grants: grantChanges)))
        }
        for entry in base where !headKeys.contains(entry.key) {
            let old = entry.document.map { grants(of: $0, naming: { $0 }) } ?? Grants()
            changes.append((entry.key, PolicyChange(holder: entry.holder, kind: entry.kind, policy: entry.name, presence: .removed,
                                                    isUnknown: entry.document == nil, location: nil, grants: compare(old, Grants()))))
        }
        let kindOrder = Dictionary(uniqueKeysWithValues: PolicyChange.Kind.allCases.enumerated().map { ($1, $0) })
        func order(_ item: (key: String, change: PolicyChange)) -> (String, Int, String, String, String) {
            (item.change.holder, kindOrder[item.change.kind] ?? 0, item.change.policy, item.change.presence.rawValue, item.key)
        }
        return changes.sorted { order($0) < order($1) }.map(\.change)
    }

    /// The actions added and removed in each scope, in scope order.
    func compare(_ old: Grants, _ new: Grants) -> [GrantChange] {
        Set(old.actions.keys).union(new.actions.keys).sorted().compactMap { scope in
            let before = old.actions[scope] ?? []
            let after = new.actions[scope] ?? []
            let added = after.subtracting(before)
            let removed = before.subtracting(after)
            guard !added.isEmpty || !removed.isEmpty else { return nil }
            return GrantChange(scope: scope, added: list(added, patterns: new.patterns[scope] ?? []),
                               removed: list(removed, patterns: old.patterns[scope] ?? []))
        }
    }

    /// A document's grants: each statement split into one scope per principal and resource it
    /// names (the ones a `Not` element names stay together), with its actions expanded.
    func grants(of document: PolicyDocument, naming: (String) -> String) -> Grants {
        var grants = Grants()
        for statement in document.statements {
            let principals: [String?] = statement.principal.map { element in
                if element.isEveryone { return ["*"] }
                let entries = element.entries.map { "\($0.kind.rawValue) \(naming($0.value))" }
                return element.isNot ? ["NotPrincipal " + entries.sorted().joined(separator: ", ")] : entries
            } ?? [nil]
            let resources: [String?] = statement.resource.map { element in
                let patterns = element.patterns.map { naming($0.text) }
                return element.isNot ? ["NotResource " + patterns.sorted().joined(separator: ", ")] : patterns
            } ?? [nil]
            let condition = statement.conditions.isEmpty ? nil : statement.conditions
                .map { clause in "\(clause.operator.spelling) \(clause.key) " + clause.values.map { naming($0.text) }.sorted().joined(separator: ", ") }
                .sorted { $0.lowercased() < $1.lowercased() }.joined(separator: " and ")
            let patterns = statement.action.patterns.map(\.text)
            let actions = patterns.flatMap { expansion.actions($0) }
            for principal in principals {
                for resource in resources {
                    let scope = GrantScope(effect: statement.effect, notAction: statement.action.isNot, principal: principal, resource: resource,
                                           condition: condition)
                    grants.actions[scope, default: []].formUnion(actions)
                    grants.patterns[scope, default: []].append(contentsOf: patterns)
                }
            }
        }
        return grants
    }

    /// `actions` sorted, and written shorter with the patterns that produced them.
    func list(_ actions: Set<String>, patterns: [String]) -> ActionList {
        var covered: Set<String> = []
        var written: [String] = []
        let candidates = patterns.uniqued().map { ($0, expansion.actions($0)) }.filter { $0.1.count > 1 }
            .sorted { ($0.1.count, $1.0) > ($1.1.count, $0.0) }
        for (pattern, expanded) in candidates where expanded.allSatisfy(actions.contains) && !expanded.allSatisfy(covered.contains) {
            written.append("\(pattern) (\(expanded.count) actions)")
            covered.formUnion(expanded)
        }
        return ActionList(actions: actions.sorted(), written: written + actions.subtracting(covered).sorted())
    }
}

/// Wildcard expansion with the catalogue (`expandActionPattern`, matched as the evaluator
/// matches), each pattern once.
final class ActionExpansion {
    let catalogue: ServiceCatalogue
    private var expanded: [String: [String]] = [:]

    init(catalogue: ServiceCatalogue) {
        self.catalogue = catalogue
    }

    /// The actions `pattern` stands for; a pattern the catalogue does not know stands for
    /// itself, lower-cased, as IAM compares actions without case.
    func actions(_ pattern: String) -> [String] {
        let key = pattern.lowercased()
        if let known = expanded[key] { return known }
        let actions = catalogue.expandActionPattern(pattern).map(\.qualifiedName)
        let result = actions.isEmpty ? [key] : actions
        expanded[key] = result
        return result
    }
}
