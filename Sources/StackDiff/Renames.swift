import AccessInventory
import PolicyEvaluation
import PolicyModel
import PolicyParsing

/// A resource of the base that the head names by another logical id.
///
/// What a principal or resource is, across the two sides, is its ARN (or name) when the template
/// gives it one: a logical id that changes around the same `RoleName` or `TableName` is the same
/// resource. A resource without a name gets one CloudFormation generates from the stack name, the
/// logical id and a random suffix, so the template cannot know it (AccessGraph writes it as the
/// token `⟦Ref.LogicalId⟧`), and a new logical id makes CloudFormation create a new resource under
/// a new generated name and delete the old one. Nothing outside the stack can name either in
/// advance, and every reference inside it follows the new id, so for access the two are one
/// resource: AccessGraph pairs a base-only and a head-only logical id of the same kind when their
/// ARNs are equal, or when everything the resource is (its ARN and policies, with the ids being
/// paired blanked out) is equal. A renamed resource whose content changed too is not paired: it
/// shows as one resource removed and another added, as CloudFormation treats it.
package struct Rename: Sendable, Hashable {
    package enum Evidence: String, Sendable, Hashable {
        /// The same ARN or name, under another logical id.
        case sameARN = "same ARN"
        /// A generated name; the same resource in every other respect.
        case sameContent = "same content"
    }

    /// `role`, `user`, `group`, `table`, `bucket`, `domain`, `key`, `identity-pool`, `pipeline`, `policy`.
    package var kind: String
    package var base: String
    package var head: String
    package var evidence: Evidence
}

/// Reads the head's text in the base's logical ids, so that keys (edge ends, finding resources
/// and messages, policy scopes) compare across a rename.
struct RenameMap: Sendable {
    let headToBase: [String: String]

    init(_ renames: [Rename]) {
        headToBase = Dictionary(renames.map { ($0.head, $0.base) }, uniquingKeysWith: { first, _ in first })
    }

    /// `text` with every logical id of the head that was renamed replaced by the base's. Logical
    /// ids are letters and digits only, so each maximal run of them is one candidate: `Orders`
    /// in `⟦Ref.Orders⟧`, `` `Orders` `` and `Orders.Policy`, never part of a longer id.
    func callingBaseNames(_ text: String) -> String {
        Self.replacingIdentifiers(in: text) { headToBase[$0] }
    }

    /// `text` with each maximal run of ASCII letters and digits for which `replacement` gives a
    /// value replaced by it.
    static func replacingIdentifiers(in text: String, _ replacement: (String) -> String?) -> String {
        var result = ""
        var run = ""
        var changed = false
        func flush() {
            guard !run.isEmpty else { return }
            if let replaced = replacement(run) {
                result += replaced
                changed = true
            } else {
                result += run
            }
            run = ""
        }
        for scalar in text.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                run.unicodeScalars.append(scalar)
            } else {
                flush()
                result.unicodeScalars.append(scalar)
            }
        }
        flush()
        return changed ? result : text
    }
}

/// One thing of a side a logical id names, with what pairs it across a rename.
struct NamedEntity {
    var kind: String
    var label: String
    /// Its ARN (or name); empty when it has none of its own (an `AWS::IAM::Policy`).
    var arn: String
    /// Everything it is, as text: its ARN and its policies, printed canonically. Made only for
    /// the entities a rename may concern.
    var content: () -> String

    /// Every entity of an inventory, each label once, in inventory order.
    static func all(in inventory: Inventory) -> [NamedEntity] {
        var entities: [NamedEntity] = []
        func print(_ policy: NamedPolicy?) -> String { policy.map { PolicyPrinter.print($0.document) } ?? "" }
        for principal in inventory.principals {
            entities.append(NamedEntity(kind: principal.kind.rawValue, label: principal.label, arn: principal.arn, content: {
                let policies = principal.policies.map { print($0.policy) } + principal.unresolved.map(\.arn)
                return ([principal.arn, print(principal.trust), print(principal.boundary?.policy)] + policies.sorted()).joined(separator: "\n")
            }))
            for attached in principal.policies {
                var attachment = attached.attachment
                while case .group(_, let via) = attachment { attachment = via }
                switch attachment {
                case .policyResource(let logicalId): entities.append(NamedEntity(kind: "policy", label: logicalId, arn: "", content: { print(attached.policy) }))
                case .managed(let arn, false): entities.append(NamedEntity(kind: "policy", label: attached.policy.id, arn: arn, content: { print(attached.policy) }))
                default: break
                }
            }
        }
        for group in inventory.groups {
            entities.append(NamedEntity(kind: "group", label: group.label, arn: group.arn,
                                        content: { ([group.arn] + group.policies.map { print($0.policy) }.sorted()).joined(separator: "\n") }))
        }
        func resource(_ kind: String, _ identity: AccessInventory.ResourceIdentity, _ policy: ResourcePolicy? = nil) {
            entities.append(NamedEntity(kind: kind, label: identity.label, arn: identity.arn, content: { identity.arn + "\n" + print(policy?.policy) }))
        }
        for table in inventory.tables { resource("table", table.identity) }
        for bucket in inventory.buckets { resource("bucket", bucket.identity, bucket.policy) }
        for domain in inventory.domains { resource("domain", domain.identity, domain.accessPolicy) }
        for key in inventory.keys { resource("key", key.identity, key.policy) }
        for pool in inventory.identityPools { resource("identity-pool", pool.identity) }
        for pipeline in inventory.pipelines { if let identity = pipeline.identity { resource("pipeline", identity) } }
        return entities.uniqued(by: \.identifier)
    }

    /// Its kind and label: what names it within one side.
    var identifier: String { kind + "\u{0}" + label }

    /// The renames between two sides: base-only and head-only logical ids of one kind paired by
    /// ARN, then by content with the unpaired ids blanked; each id pairs once, in label order.
    static func renames(base: [NamedEntity], head: [NamedEntity]) -> [Rename] {
        let baseIdentifiers = Set(base.map(\.identifier))
        let headIdentifiers = Set(head.map(\.identifier))
        var baseOnly = base.filter { !headIdentifiers.contains($0.identifier) }.sorted { $0.label < $1.label }
        var headOnly = head.filter { !baseIdentifiers.contains($0.identifier) }.sorted { $0.label < $1.label }
        guard !baseOnly.isEmpty, !headOnly.isEmpty else { return [] }
        var renames: [Rename] = []
        func pair(by key: (NamedEntity) -> String?, evidence: Rename.Evidence) {
            var waiting: [String: [Int]] = [:]
            for (index, entity) in baseOnly.enumerated() {
                if let key = key(entity) { waiting[entity.kind + "\u{0}" + key, default: []].append(index) }
            }
            var pairedBase: Set<Int> = []
            var pairedHead: Set<Int> = []
            for (index, entity) in headOnly.enumerated() {
                guard let key = key(entity), let match = waiting[entity.kind + "\u{0}" + key]?.first else { continue }
                waiting[entity.kind + "\u{0}" + key]?.removeFirst()
                pairedBase.insert(match)
                pairedHead.insert(index)
                renames.append(Rename(kind: entity.kind, base: baseOnly[match].label, head: entity.label, evidence: evidence))
            }
            baseOnly = baseOnly.enumerated().filter { !pairedBase.contains($0.offset) }.map(\.element)
            headOnly = headOnly.enumerated().filter { !pairedHead.contains($0.offset) }.map(\.element)
        }
        pair(by: { $0.arn.isEmpty ? nil : $0.arn }, evidence: .sameARN)
        let unpaired = Set(baseOnly.map(\.label) + headOnly.map(\.label))
        pair(by: { entity in RenameMap.replacingIdentifiers(in: entity.content()) { unpaired.contains($0) ? "⟦renamed⟧" : nil } }, evidence: .sameContent)
        return renames.sorted { ($0.kind, $0.base) < ($1.kind, $1.base) }
    }
}
