// `Table`, `Bucket`, `IdentityPool` and `Pipeline` have only their memberwise initializers.
@testable import AccessInventory
import AccessGraph
import PipelineParsing
import PolicyEvaluation
import PolicyModel
import PolicyParsing
import ServiceCatalog
import TestSupport

/// Inventories written in code: one account, principals and resources built directly, each
/// policy parsed from a few statements. Statement `i` of a policy is written on line `i + 2`
/// at column 3, so evidence reads `Policy statement i (Sid) at (i + 2):3`.
enum GraphFixture {
    static let account = "111122223333"
    static let file = "stack.json"
    static let nowhere = SourceLocation(file: file, position: .unknown)

    static let tableARN = "arn:aws:dynamodb:us-east-1:\(account):table/orders"
    static let bucketARN = "arn:aws:s3:::exports"

    static func roleARN(_ name: String) -> String { "arn:aws:iam::\(account):role/\(name)" }
    static func userARN(_ name: String) -> String { "arn:aws:iam::\(account):user/\(name)" }

    /// A policy document whose statements each sit on their own line.
    static func policy(_ id: String, _ statements: String...) throws -> NamedPolicy {
        try policy(id, statements: statements)
    }

    static func policy(_ id: String, statements: [String]) throws -> NamedPolicy {
        let text = "{\"Version\": \"2012-10-17\", \"Statement\": [\n  " + statements.joined(separator: ",\n  ") + "\n]}"
        return NamedPolicy(id: id, document: try PolicyParser.parse(text))
    }

    static func inline(_ policy: NamedPolicy) -> AttachedPolicy {
        AttachedPolicy(policy: policy, attachment: .inline(name: policy.id), location: nowhere)
    }

    static func groupARN(_ name: String) -> String { "arn:aws:iam::\(account):group/\(name)" }
    static func managedPolicyARN(_ name: String) -> String { "arn:aws:iam::\(account):policy/\(name)" }

    static func role(_ name: String, trust: NamedPolicy, policies: [NamedPolicy] = [], managed: [AttachedPolicy] = [],
                     instanceProfiles: [String] = []) -> InventoryPrincipal {
        InventoryPrincipal(kind: .role, label: name, name: name, arn: roleARN(name), location: nowhere, trust: trust,
                           policies: policies.map(inline) + managed, instanceProfiles: instanceProfiles)
    }

    /// `policy` attached as a managed policy: a customer managed one (`arn:aws:iam::A:policy/ID`)
    /// or an AWS managed one (`arn:aws:iam::aws:policy/ID`).
    static func managed(_ policy: NamedPolicy, awsManaged: Bool = false) -> AttachedPolicy {
        let arn = awsManaged ? "arn:aws:iam::aws:policy/\(policy.id)" : managedPolicyARN(policy.id)
        return AttachedPolicy(policy: policy, attachment: .managed(arn: arn, awsManaged: awsManaged), location: nowhere)
    }

    static func group(_ name: String, policies: [NamedPolicy] = []) -> InventoryGroup {
        InventoryGroup(label: name, name: name, arn: groupARN(name), location: nowhere, policies: policies.map(inline), unresolved: [])
    }

    static func user(_ name: String, policies: [NamedPolicy] = [], groups: [(name: String, policy: NamedPolicy)] = []) -> InventoryPrincipal {
        let groupPolicies = groups.map { group in
            AttachedPolicy(policy: group.policy, attachment: .group(name: group.name, via: .inline(name: group.policy.id)), location: nowhere)
        }
        return InventoryPrincipal(kind: .user, label: name, name: name, arn: userARN(name), location: nowhere,
                                  policies: policies.map(inline) + groupPolicies, groups: groups.map(\.name))
    }

    static func table(account: String = account) -> Table {
        Table(identity: ResourceIdentity(label: "Orders", arn: "arn:aws:dynamodb:us-east-1:\(account):table/orders", location: nowhere), name: "orders", streamARN: nil,
              streamViewType: "NEW_IMAGE", pointInTimeRecovery: true)
    }

    static func bucket(policy: NamedPolicy? = nil) -> Bucket {
        Bucket(identity: ResourceIdentity(label: "Exports", arn: bucketARN, location: nowhere), name: "exports",
               policy: policy.map { ResourcePolicy(policy: $0, location: nowhere) }, restrictPublicBuckets: nil, defaultKMSKey: nil)
    }

    static let poolId = "us-east-1:11111111-2222-3333-4444-555555555555"

    static func identityPool(authenticatedRole: String?, unauthenticatedRole: String? = nil) -> IdentityPool {
        IdentityPool(identity: ResourceIdentity(label: "Pool", arn: poolId, location: nowhere), poolId: poolId, allowsUnauthenticatedIdentities: false,
                     authenticatedRoleARN: authenticatedRole.map { Located(roleARN($0)) },
                     unauthenticatedRoleARN: unauthenticatedRole.map { Located(roleARN($0)) })
    }

    static func inventory(principals: [InventoryPrincipal], groups: [InventoryGroup] = [], tables: [Table] = [], buckets: [Bucket] = []) -> Inventory {
        var inventory = Inventory(name: file)
        inventory.principals = principals
        inventory.groups = groups
        inventory.tables = tables
        inventory.buckets = buckets
        return inventory
    }

    static let pipelineARN = "arn:aws:osis:us-east-1:\(account):pipeline/orders"

    /// A pipeline that exports and streams `tableARN` as `roleName`. A configuration given in
    /// its own file has no ARN; an `AWS::OSIS::Pipeline` resource (`asResource`) has one.
    static func pipeline(roleName: String, asResource: Bool = false) throws -> Pipeline {
        let role = TestValue.text(roleARN(roleName))
        let yaml = TestPipeline(
            table: .text(tableARN), export: .bucket("exports", prefix: "orders/"), role: role, region: "us-east-1",
            sink: .host("https://search-orders-abc123.us-east-1.es.amazonaws.com", index: "orders", role: role, region: "us-east-1")).fileText
        let configuration = try PipelineConfiguration.parse(text: yaml, file: "pipeline.yaml")
        let identity = asResource ? ResourceIdentity(label: "OrdersPipeline", arn: pipelineARN, location: nowhere) : nil
        return Pipeline(identity: identity, roleARN: nil, configuration: configuration, location: SourceLocation(file: "pipeline.yaml", position: .unknown),
                        publishesLogs: nil)
    }

    static func build(_ inventory: Inventory, setThreshold: Int = AccessGraphBuilder.defaultSetThreshold) throws -> AccessGraph {
        AccessGraphBuilder.build(inventory, catalogue: try ServiceCatalogue.embedded(), setThreshold: setThreshold)
    }
}

extension AccessGraph {
    /// The edges of one kind between two nodes (usually one).
    func edges(_ kind: EdgeKind, from: String, to: String) -> [Edge] {
        edges.filter { $0.kind == kind && $0.from == from && $0.to == to }
    }

    /// The members a `role-set` or `principal-set` node stands for, by node id.
    var setMembers: [String: [String]] {
        Dictionary(nodes.filter { $0.kind == .roleSet || $0.kind == .principalSet }.map { ($0.id, $0.members) }) { first, _ in first }
    }
}

/// A graph's edges pair by pair, as a query expands them: an edge to a `role-set` stands for an
/// edge to each member, one from a `principal-set` for an edge from each member. A principal
/// is not paired with itself (a set of roles it may pass can hold the caller).
struct ExpandedEdges {
    struct Key: Hashable, CustomStringConvertible {
        var kind: AccessGraph.EdgeKind
        var from: String
        var to: String
        var service: String? = nil
        var technique: String? = nil

        var description: String { "\(from) -\(kind.rawValue)\(service.map { "(\($0))" } ?? "")\(technique.map { "[\($0)]" } ?? "")-> \(to)" }
    }

    struct Entry {
        var edge: AccessGraph.Edge
        /// True when the edge leaves from or goes to a set node.
        var throughSet: Bool
        /// True when it goes to a set node.
        var toSet: Bool = false
    }

    private(set) var byKey: [Key: Entry] = [:]
    /// Pairs more than one edge stands for: there should be none.
    private(set) var repeated: [Key] = []

    init(_ graph: AccessGraph) {
        let members = graph.setMembers
        for edge in graph.edges {
            let from = members[edge.from] ?? [edge.from]
            let to = members[edge.to] ?? [edge.to]
            let throughSet = members[edge.from] != nil || members[edge.to] != nil
            for source in from {
                for target in to where source != target {
                    let key = Key(kind: edge.kind, from: source, to: target, service: edge.service, technique: edge.technique)
                    if byKey[key] != nil { repeated.append(key) }
                    byKey[key] = Entry(edge: edge, throughSet: throughSet, toSet: members[edge.to] != nil)
                }
            }
        }
    }

    subscript(key: Key) -> Entry? { byKey[key] }
}
