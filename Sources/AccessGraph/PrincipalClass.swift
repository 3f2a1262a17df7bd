import AccessInventory
import PolicyEvaluation
import PolicyModel

/// Principals the evaluator answers alike: the same kind, account and partition, and the same
/// identity-based policies and permissions boundary (the same documents, so the same evidence),
/// none of which looks at who the caller is (`${aws:username}`, `aws:PrincipalArn`, principal
/// tags). A request asked for one member is the request of every member, but for the caller's
/// ARN, so the graph asks once per class (PMapper asks once per pair). A principal whose
/// policies do look at the caller is a class of its own.
final class PrincipalClass: Sendable {
    /// Sorted by ARN; the first stands for the others.
    let members: [InventoryPrincipal]
    let policies: PolicySet
    /// What every member shares: kind, account and partition (read once, merging asks often).
    let kind: InventoryPrincipal.Kind
    let account: String?
    let partition: String?
    /// True when a policy of the set is named but not in the inputs: any action could be allowed.
    let hasUnknownPolicies: Bool

    var representative: InventoryPrincipal { members[0] }

    /// The representative's request with no action or resource yet: built once, as building one
    /// (the caller's session ARN, the context AWS sets) costs more than many evaluations' share.
    let requestTemplate: AuthorizationRequest

    /// A number per policy of `policies.identity` then `policies.permissionsBoundary`, equal for
    /// equal policies (the same id and content, whichever object holds them): merging compares
    /// classes' statements through these.
    let policyNumbers: [Int]

    /// - Parameters:
    ///   - members: sorted by ARN, not empty, alike in kind, account and partition.
    ///   - requestTemplate: the first member's, when already built.
    ///   - policyNumbers: from `classes(of:)`'s numbering; by default each policy object is its
    ///     own number (a class built alone merges only with itself).
    init(members: [InventoryPrincipal], policies: PolicySet, hasUnknownPolicies: Bool, requestTemplate: AuthorizationRequest? = nil,
         policyNumbers: [Int]? = nil) {
        self.members = members
        self.policies = policies
        self.hasUnknownPolicies = hasUnknownPolicies
        self.policyNumbers = policyNumbers
            ?? (policies.identity + (policies.permissionsBoundary ?? [])).map { Int(bitPattern: UInt(bitPattern: ObjectIdentifier($0))) }
        let first = members[0]
        (kind, account, partition) = (first.kind, first.account, Self.partition(of: first))
        self.requestTemplate = requestTemplate ?? first.request("", on: "")
    }

    /// `member`'s request for `action` on `resource` (`InventoryPrincipal.request`), from the
    /// template when it is the representative.
    func request(by member: InventoryPrincipal? = nil, _ action: String, on resource: String,
                 context extra: [String: ContextValue] = [:]) -> AuthorizationRequest {
        if let member, member.arn != representative.arn { return member.request(action, on: resource, context: extra) }
        var request = requestTemplate
        request.action = action
        request.resource = resource
        for (key, value) in extra { request.context[key] = value }
        return request
    }

    static func partition(of principal: InventoryPrincipal) -> String? {
        SplitARN(principal.arn).prefix?[1] ?? principal.homePartition
    }

    /// The statements of the identity-based policies and the boundary that can apply to
    /// `action`, in order: the only ones whose `Resource` can change the answer for it.
    func statements(for action: String) -> [Statement] {
        let requestAction = RequestAction(action)
        return (policies.identity + (policies.permissionsBoundary ?? [])).flatMap { policy in
            policy.document.statements(for: requestAction).filter { $0.covers(requestAction) }
        }
    }

    /// Whether an identity-based statement could allow `action` at all: without one (and without
    /// unknown policies) only a resource-based policy naming the caller itself can.
    func mayAllow(_ action: String) -> Bool {
        guard !hasUnknownPolicies else { return true }
        let requestAction = RequestAction(action)
        func allows(_ policy: NamedPolicy) -> Bool {
            policy.document.statements(for: requestAction).contains { $0.effect == .allow && $0.covers(requestAction) }
        }
        return policies.identity.contains(where: allows) || (policies.permissionsBoundary ?? []).contains(where: allows)
    }

    /// The classes merged for requests of one action: the evaluator reads only the statements
    /// that can apply to the action, so classes whose such statements are the same (the same
    /// statements of the same policies, say of one managed policy) get the same answers and the
    /// same evidence for it, however their other policies differ. Edges are asked once per
    /// distinct (policy set, request shape), not once per principal.
    static func merged(_ classes: [PrincipalClass], for actions: [String]) -> [PrincipalClass] {
        struct Key: Hashable {
            var kind: InventoryPrincipal.Kind
            var account: String?
            var partition: String?
            /// Each statement that can apply, as its policy's number and its index, identity
            /// policies then boundary, each action's list led by -1.
            var statements: [Int]
            /// Unknown policies, by number: any of them could hold such a statement.
            var unknown: [Int]
            var hasBoundary: Bool
        }
        let requestActions = actions.map(RequestAction.init)
        @Sendable func refs(_ policies: [NamedPolicy], numbers: ArraySlice<Int>) -> [Int] {
            requestActions.flatMap { requestAction in
                [-1] + zip(policies, numbers).flatMap { policy, number in
                    policy.document.statements(for: requestAction).filter { $0.covers(requestAction) }.flatMap { [number, $0.index] }
                }
            }
        }
        // Read on all cores: each class's key depends on its own policies only.
        let keys = ParallelMap.map(classes.count) { index in
            let principals = classes[index]
            let identity = principals.policies.identity
            let boundary = principals.policies.permissionsBoundary ?? []
            let numbers = principals.policyNumbers
            return Key(kind: principals.kind, account: principals.account, partition: principals.partition,
                       statements: refs(identity, numbers: numbers.prefix(identity.count)) + [-2] + refs(boundary, numbers: numbers.dropFirst(identity.count)),
                       unknown: zip(identity + boundary, numbers).filter { $0.0.unknownContent != nil }.map(\.1),
                       hasBoundary: principals.policies.permissionsBoundary != nil)
        }
        var order: [Key] = []
        var byKey: [Key: [PrincipalClass]] = [:]
        for (principals, key) in zip(classes, keys) {
            if byKey[key] == nil { order.append(key) }
            byKey[key, default: []].append(principals)
        }
        return order.compactMap { key in
            guard let group = byKey[key], let first = group.first else { return nil }
            guard group.count > 1 else { return first }
            return PrincipalClass(members: group.flatMap(\.members).sorted { $0.arn < $1.arn }, policies: first.policies,
                                  hasUnknownPolicies: first.hasUnknownPolicies,
                                  requestTemplate: group.min { $0.representative.arn < $1.representative.arn }?.requestTemplate,
                                  policyNumbers: first.policyNumbers)
        }
    }

    /// Groups principals, keeping the order of their first members' ARNs.
    static func classes(of principals: [InventoryPrincipal]) -> [PrincipalClass] {
        struct Key: Hashable {
            var kind: InventoryPrincipal.Kind
            var account: String?
            var partition: String?
            var policies: PolicySet
            /// Set for a principal that cannot share: its own ARN.
            var alone: String?
        }
        var groups: [Key: [InventoryPrincipal]] = [:]
        for principal in principals {
            let policies = principal.identityPolicies
            let alone = policies.lookAtTheCaller || principal.hasOpaqueARN ? principal.arn : nil
            let key = Key(kind: principal.kind, account: principal.account, partition: partition(of: principal),
                          policies: policies, alone: alone)
            groups[key, default: []].append(principal)
        }
        // Equal policies get one number, however many objects hold them (a template lists one
        // policy resource per role it names); each object is hashed once.
        var numbers: [NamedPolicy: Int] = [:]
        var numbered: [ObjectIdentifier: Int] = [:]
        func number(_ policy: NamedPolicy) -> Int {
            if let known = numbered[ObjectIdentifier(policy)] { return known }
            let found = numbers[policy] ?? numbers.count
            numbers[policy] = found
            numbered[ObjectIdentifier(policy)] = found
            return found
        }
        return groups.values.map { members in
            let sorted = members.sorted { $0.arn < $1.arn }
            let policies = sorted[0].identityPolicies
            let all = policies.identity + (policies.permissionsBoundary ?? [])
            return PrincipalClass(members: sorted, policies: policies, hasUnknownPolicies: all.contains { $0.unknownContent != nil },
                                  policyNumbers: all.map(number))
        }.sorted { $0.representative.arn < $1.representative.arn }
    }
}

extension PolicySet {
    /// Whether a statement of the identity-based policies or the boundary depends on who the
    /// caller is, so that two principals with these policies could get different answers.
    var lookAtTheCaller: Bool {
        (identity + (permissionsBoundary ?? [])).contains { $0.document.statements.contains(where: \.looksAtTheCaller) }
    }
}

extension Statement {
    /// Condition keys whose value is the caller's own (its ARN, name, id, tags, session).
    static let callerKeyPrefixes = ["aws:principalarn", "aws:principaltag/", "aws:username", "aws:userid", "aws:rolesessionname",
                                    "aws:sourceidentity", "aws:federatedprovider", "aws:tokenissuetime", "aws:principalisawsservice"]

    /// Whether the statement names a policy variable or tests a key whose value is the caller's
    /// own: then it may decide differently for two callers with the same policies.
    var looksAtTheCaller: Bool {
        if resource?.patterns.contains(where: { $0.compiled == nil }) == true { return true }
        return conditions.contains { clause in
            Self.callerKeyPrefixes.contains { clause.lookupKey.hasPrefix($0) } || clause.values.contains { $0.template.hasVariables }
        }
    }
}
