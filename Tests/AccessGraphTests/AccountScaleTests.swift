// `GraphContext`'s status, reason and evidence helpers and `GraphTarget` are the module's own;
// the slow path below uses them as the checkers before principal classes did.
@testable import AccessGraph
import AccessInventory
import Foundation
import PolicyEvaluation
import PolicyModel
import ServiceCatalog
import TestSupport
import Testing

/// The graph's fast path (principals asked once per class, roles once per group their
/// statements cover alike, `role-set` and `principal-set` nodes) against the evaluator asked
/// pair by pair, as the checkers did before they grouped anything, on a generated account.
///
/// `Tests/Fixtures/accounts/account-300-seed3.json` is the output of
/// `python3 ../shared/bench/gen_account.py --roles 300 --seed 3` (AWS managed policies from
/// moto 5.2.1): 300 roles, 35 users, 10 groups, 196 managed policies.
@Suite struct AccountScaleTests {
    typealias Key = ExpandedEdges.Key

    static let snapshot = Repository.url("Tests/Fixtures/accounts/account-300-seed3.json").path
    static let account = "123456789012"

    /// The account as `accessgraph graph --account-snapshot FILE` loads it (`StackOptions.input`
    /// then `StackLoader.load`), with a table and a bucket of the account added so `can-act`
    /// has targets: the bucket policy names two principals by ARN and lets the organization in.
    static func inventory() throws -> Inventory {
        var inventory = try StackLoader.load(StackInput(snapshot: .file(snapshot)), catalogue: try ServiceCatalogue.embedded())
        inventory.tables = [GraphFixture.table(account: account)]
        inventory.buckets = [GraphFixture.bucket(policy: try GraphFixture.policy("Exports.Policy",
            #"{"Sid": "Named", "Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::123456789012:user/alice", "arn:aws:iam::123456789012:role/app/EC2AppRole"]}, "Action": ["s3:GetBucketPolicy", "s3:ListBucket"], "Resource": "arn:aws:s3:::exports"}"#,
            #"{"Sid": "Org", "Effect": "Allow", "Principal": "*", "Action": "s3:GetBucketLocation", "Resource": "arn:aws:s3:::exports", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}}"#,
            #"{"Sid": "NoDeletes", "Effect": "Deny", "Principal": "*", "Action": "s3:DeleteBucket*", "Resource": "arn:aws:s3:::exports"}"#))]
        return inventory
    }

    /// The sample: every principal against 40 roles taken by stride, and 10 principals (taken by
    /// stride too) against every role.
    static func sample(_ inventory: Inventory) -> [(InventoryPrincipal, InventoryPrincipal)] {
        let principals = inventory.principals
        let roles = inventory.roles
        let someRoles = stride(from: 0, to: roles.count, by: max(1, roles.count / 40)).prefix(40).map { roles[$0] }
        let somePrincipals = stride(from: 0, to: principals.count, by: max(1, principals.count / 10)).prefix(10).map { principals[$0] }
        var pairs: [(InventoryPrincipal, InventoryPrincipal)] = []
        var seen: Set<[String]> = []
        for (principal, role) in principals.flatMap({ p in someRoles.map { (p, $0) } }) + somePrincipals.flatMap({ p in roles.map { (p, $0) } })
        where principal.arn != role.arn && seen.insert([principal.arn, role.arn]).inserted {
            pairs.append((principal, role))
        }
        return pairs
    }

    /// What the evaluator says for one pair, as an edge would show it.
    struct Expected {
        var status: AccessGraph.EdgeStatus?
        var reason: String
        var evidence: [StatementRef]
    }

    /// The pre-grouping `can-assume`: the caller's own policies with the role's trust policy.
    static func slowAssume(_ principal: InventoryPrincipal, _ role: InventoryPrincipal, _ authorizer: Authorizer) -> Expected? {
        guard let trust = role.trust else { return nil }
        var policies = principal.identityPolicies
        policies.resource = trust
        let result = authorizer.authorize(principal.request("sts:AssumeRole", on: role.arn), policies: policies)
        return Expected(status: GraphContext.status(result), reason: GraphContext.reason(result), evidence: GraphContext.evidence(result, admittedBy: trust))
    }

    /// The pre-grouping `can-pass-role`: once per service the role's trust names.
    static func slowPass(_ principal: InventoryPrincipal, _ role: InventoryPrincipal, _ authorizer: Authorizer) -> [(String, Expected)] {
        let services = Set(role.trust?.document.statements.filter { $0.effect == .allow }.flatMap { $0.principal?.values(of: .service) ?? [] } ?? [])
        return services.sorted().map { service in
            let request = principal.request("iam:PassRole", on: role.arn, context: ["iam:PassedToService": .single(service)])
            let result = authorizer.authorize(request, policies: principal.identityPolicies)
            return (service, Expected(status: GraphContext.status(result), reason: GraphContext.reason(result), evidence: GraphContext.evidence(result)))
        }
    }

    /// The pre-grouping `can-act`: every action of the target asked for this one principal with
    /// its own policies and the target's, through the checker's per-answer step (which is the
    /// pre-grouping checker's loop; what is under test is the grouping around it: classes, the
    /// members a resource policy names asked apart, and the skip without a covering Allow).
    static func slowAct(_ principal: InventoryPrincipal, _ target: GraphTarget, _ context: GraphContext) -> (actions: [String], expected: Expected) {
        let alone = PrincipalClass(members: [principal], policies: principal.identityPolicies, hasUnknownPolicies: false)
        guard let edge = ResourceAccessEdgeChecker.edge(from: [principal], of: alone, to: target, context: context)?.first else {
            return ([], Expected(status: nil, reason: "no action allowed", evidence: []))
        }
        return (edge.actions, Expected(status: edge.status, reason: edge.reason, evidence: edge.evidence))
    }

    /// Differences between the graph and the slow path, and how many pairs of each kind agreed.
    struct Comparison {
        var mismatches: [String] = []
        var direct: [AccessGraph.EdgeKind: Int] = [:]
        var throughSet: [AccessGraph.EdgeKind: Int] = [:]
        var refused = 0
        var undetermined = 0

        /// An edge exactly when the slow path allows or cannot decide, with its status. A
        /// direct edge has the slow path's reason and evidence. A `can-assume` edge asked for a
        /// class names "the caller" where the slow path names this principal's session ARN: the
        /// answer is every member's. A set edge is one answer for its members: its evidence is
        /// the statements the slow path names for this pair (the caller's and the trust's), its
        /// reason the first member's (for `can-pass-role`, `evidence` would differ only if two
        /// roles covered alike were allowed by different statements, which coverage rules out).
        mutating func compare(_ key: Key, _ expected: Expected, in graph: ExpandedEdges, caller: String? = nil, trust: String? = nil) {
            let found = graph[key]
            guard found?.edge.status == expected.status else {
                mismatches.append("\(key): graph \(found?.edge.status.rawValue ?? "no edge"), slow path \(expected.status?.rawValue ?? "refused") (\(expected.reason))")
                return
            }
            guard let found else {
                refused += 1
                return
            }
            if found.edge.status == .undetermined { undetermined += 1 }
            // A `can-assume` edge to a set of roles keeps the caller's statements only: each
            // role's own trust statement differs (a query that follows it asks the pair again).
            let evidence = found.toSet && key.kind == .canAssume ? expected.evidence.filter { $0.policy != trust } : expected.evidence
            if found.edge.evidence != evidence {
                mismatches.append("\(key): evidence \(found.edge.evidence) is not the slow path's \(expected.evidence)")
            }
            if found.throughSet {
                throughSet[key.kind, default: 0] += 1
                return
            }
            direct[key.kind, default: 0] += 1
            let reason = caller.map { expected.reason.replacing("`\($0)`", with: "the caller") } ?? expected.reason
            if found.edge.reason != reason {
                mismatches.append("\(key): reason \"\(found.edge.reason)\" is not the slow path's \"\(reason)\"")
            }
        }
    }

    /// Every sampled pair compared; `can-act` for every fourth principal and every target.
    static func compare(_ graph: AccessGraph, _ inventory: Inventory, catalogue: ServiceCatalogue, targets: [GraphTarget]) -> Comparison {
        let expanded = ExpandedEdges(graph)
        let authorizer = Authorizer()
        var comparison = Comparison()
        for key in expanded.repeated { comparison.mismatches.append("\(key): more than one edge") }
        for (principal, role) in sample(inventory) {
            if let expected = slowAssume(principal, role, authorizer) {
                comparison.compare(Key(kind: .canAssume, from: principal.arn, to: role.arn), expected, in: expanded,
                                   caller: principal.callerARN(sessionName: "session"), trust: role.trust?.id)
            }
            for (service, expected) in slowPass(principal, role, authorizer) {
                comparison.compare(Key(kind: .canPassRole, from: principal.arn, to: role.arn, service: service), expected, in: expanded)
            }
        }
        let context = GraphContext(inventory: inventory, catalogue: catalogue, requirements: [], targets: targets, setThreshold: 1)
        for principal in stride(from: 0, to: inventory.principals.count, by: 4).map({ inventory.principals[$0] }) {
            for target in targets {
                let (actions, expected) = slowAct(principal, target, context)
                let key = Key(kind: .canAct, from: principal.arn, to: target.id)
                comparison.compare(key, expected, in: expanded)
                if let edge = expanded[key]?.edge, edge.actions != actions {
                    comparison.mismatches.append("\(key): actions \(edge.actions), slow path \(actions)")
                }
            }
        }
        return comparison
    }

    /// The account and its graph at the default threshold, built once for the tests below.
    struct Built: Sendable {
        var inventory: Inventory
        var catalogue: ServiceCatalogue
        var graph: AccessGraph
        var targets: [GraphTarget]
    }

    static let built: Result<Built, any Error> = Result {
        let inventory = try Self.inventory()
        let catalogue = try ServiceCatalogue.embedded()
        return Built(inventory: inventory, catalogue: catalogue, graph: AccessGraphBuilder.build(inventory, catalogue: catalogue),
                     targets: GraphTarget.targets(inventory: inventory, catalogue: catalogue, requirements: []))
    }

    @Test(arguments: [AccessGraphBuilder.defaultSetThreshold, 2])
    func theGraphAgreesWithTheEvaluatorAskedPairByPair(setThreshold: Int) throws {
        let built = try Self.built.get()
        #expect(built.inventory.roles.count == 300)
        #expect(built.inventory.users.count == 35)
        #expect(Set(built.targets.map(\.id)) == [GraphFixture.bucketARN, GraphFixture.table(account: Self.account).identity.arn])
        let graph = setThreshold == AccessGraphBuilder.defaultSetThreshold
            ? built.graph : AccessGraphBuilder.build(built.inventory, catalogue: built.catalogue, setThreshold: setThreshold)
        let comparison = Self.compare(graph, built.inventory, catalogue: built.catalogue, targets: built.targets)
        #expect(comparison.mismatches.isEmpty, "\(comparison.mismatches.count) mismatches:\n\(comparison.mismatches.prefix(8).joined(separator: "\n"))")
        // The sample reaches every shape: direct and set edges, undetermined answers, and pairs
        // refused for certain.
        #expect(comparison.direct[.canAssume, default: 0] > 0)
        #expect(comparison.direct[.canPassRole, default: 0] > 0)
        #expect(comparison.direct[.canAct, default: 0] > 0)
        #expect(comparison.throughSet[.canAssume, default: 0] > 0)
        #expect(comparison.throughSet[.canPassRole, default: 0] > 0)
        #expect(comparison.undetermined > 0)
        #expect(comparison.refused > 0)
        #expect(graph.nodes.contains { $0.kind == .principalSet } && graph.nodes.contains { $0.kind == .roleSet })
        // A lower threshold draws more answers as sets: fewer edges for the same pairs.
        if setThreshold < AccessGraphBuilder.defaultSetThreshold {
            #expect(graph.edges.count < built.graph.edges.count)
        }
    }

    /// The same account gives the same graph whatever order the snapshot lists principals in:
    /// this second run at the default threshold (with both cores, as every build) also shows
    /// that one run gives what another gives.
    @Test func theGraphIsTheSameWhateverThePrincipalsOrder() throws {
        let built = try Self.built.get()
        var inventory = built.inventory
        inventory.principals.reverse()
        let reversed = AccessGraphBuilder.build(inventory, catalogue: built.catalogue)
        #expect(reversed.nodes == built.graph.nodes)
        #expect(reversed.edges == built.graph.edges)
        #expect(built.graph.edges.count > 1000)
    }

    /// `who-can` questions on the account: resources of the inputs (one whose policy names
    /// principals, lets the organization in, denies everyone) and resources outside them.
    static let whoCanQuestions: [(action: String, resource: String)] = [
        ("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:123456789012:table/orders"),
        ("dynamodb:DeleteTable", "arn:aws:dynamodb:us-east-1:123456789012:table/orders"),
        ("s3:GetBucketPolicy", "arn:aws:s3:::exports"),
        ("s3:GetBucketLocation", "arn:aws:s3:::exports"),
        ("s3:DeleteBucket", "arn:aws:s3:::exports"),
        ("s3:GetObject", "arn:aws:s3:::zero-etl-exports/orders/part-0001.json"),
        ("iam:PassRole", "arn:aws:iam::123456789012:role/OpenSearchIngestionRole-ZeroETL"),
        ("iam:CreateAccessKey", "arn:aws:iam::123456789012:user/alice"),
        ("es:ESHttpPost", "arn:aws:es:us-east-1:123456789012:domain/search/_bulk"),
        ("kms:Decrypt", "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
    ]

    /// `who-can`'s principals that act themselves are exactly those the evaluator, asked for
    /// each principal with the resource's policy, allows or cannot decide, with its status,
    /// reason and statements; every other answer is a chain of graph edges from the principal
    /// to one of them.
    @Test func whoCanAgreesWithTheEvaluatorAskedPrincipalByPrincipal() throws {
        let built = try Self.built.get()
        let query = AccessQuery(graph: built.graph, inventory: built.inventory)
        let authorizer = Authorizer()
        var mismatches: [String] = []
        var (direct, undetermined, chained) = (0, 0, 0)
        for (action, resource) in Self.whoCanQuestions {
            let owner = built.inventory.resources.first { resource == $0.identity.arn || resource.hasPrefix($0.identity.arn + "/") }
            let restrictPublicBuckets = built.inventory.buckets.first { $0.identity.arn == owner?.identity.arn }?.restrictPublicBuckets
            var expected: [String: Expected] = [:]
            for principal in built.inventory.principals {
                var policies = principal.identityPolicies
                policies.resource = owner?.policy?.policy
                policies.s3RestrictPublicBuckets = restrictPublicBuckets
                let result = authorizer.authorize(principal.request(action, on: resource), policies: policies)
                if let status = GraphContext.status(result) {
                    expected[principal.arn] = Expected(status: status, reason: GraphContext.reason(result), evidence: GraphContext.evidence(result))
                }
            }
            let answers = query.whoCan(action, on: resource)
            let acting = answers.filter(\.path.isEmpty)
            if Set(acting.map(\.principal)) != Set(expected.keys) {
                mismatches.append("\(action) on \(resource): who-can \(acting.map(\.principal).sorted()), slow path \(expected.keys.sorted())")
            }
            for answer in acting {
                guard let slow = expected[answer.principal] else { continue }
                direct += 1
                if answer.access?.status == .undetermined { undetermined += 1 }
                if answer.access != AccessQuery.Access(status: slow.status ?? .allowed, reason: slow.reason, evidence: slow.evidence) {
                    mismatches.append("\(action) on \(resource) by \(answer.principal): \(String(describing: answer.access)), slow path \(slow)")
                }
            }
            for answer in answers where !answer.path.isEmpty {
                chained += 1
                let linked = zip(answer.path, answer.path.dropFirst()).allSatisfy { $0.reached == $1.from }
                let edgesExist = answer.path.allSatisfy { step in built.graph.edges.contains(step.edge) }
                if answer.path.first?.from != answer.principal || answer.path.last?.reached != answer.actor || !linked || !edgesExist
                    || expected[answer.actor] == nil || expected[answer.principal] != nil {
                    mismatches.append("\(action) on \(resource): chain \(answer.path.map { "\($0.from) -\($0.edge.kind.rawValue)-> \($0.reached)" })")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches:\n\(mismatches.prefix(8).joined(separator: "\n"))")
        #expect(direct > 0)
        #expect(undetermined > 0)
        #expect(chained > 0)
    }
}
