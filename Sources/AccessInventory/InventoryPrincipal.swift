import PolicyEvaluation
import PolicyModel

/// An IAM role or user with every policy that applies to it, ready for the evaluator, and where
/// each came from. Templates, account snapshots and (later) live accounts produce the same type.
package struct InventoryPrincipal: Sendable {
    package enum Kind: String, Sendable, Hashable {
        case role, user
    }

    package var kind: Kind
    /// How reports name it: the template's logical id, or the name in the account.
    package var label: String
    /// The role or user name (a `⟦Ref.X⟧` token when CloudFormation generates it).
    package var name: String
    package var arn: String
    package var location: SourceLocation
    /// A role's trust policy; nil for users.
    package var trust: NamedPolicy?
    /// Identity-based policies: inline, managed, policy resources, and (users) their groups'.
    package var policies: [AttachedPolicy]
    package var boundary: AttachedPolicy?
    /// Managed policies and boundaries the input names but does not contain.
    package var unresolved: [UnresolvedPolicy]
    /// A user's groups, by name.
    package var groups: [String]
    /// A role's instance profiles, by name (EC2 passes roles through them).
    package var instanceProfiles: [String]
    /// Where a role known only by a token for its whole ARN (an import, a parameter) lives: the
    /// stack's partition and account (`Inventory.namedRole`); nil leaves them symbolic.
    package var homePartition: String?
    package var homeAccount: String?

    package init(
        kind: Kind, label: String, name: String, arn: String, location: SourceLocation, trust: NamedPolicy? = nil,
        policies: [AttachedPolicy] = [], boundary: AttachedPolicy? = nil, unresolved: [UnresolvedPolicy] = [],
        groups: [String] = [], instanceProfiles: [String] = []
    ) {
        self.kind = kind
        self.label = label
        self.name = name
        self.arn = arn
        self.location = location
        self.trust = trust
        self.policies = policies
        self.boundary = boundary
        self.unresolved = unresolved
        self.groups = groups
        self.instanceProfiles = instanceProfiles
    }

    package var account: String? { SplitARN(arn).account ?? homeAccount }

    /// A service-linked role, whose trust and policies AWS writes.
    package var isServiceLinked: Bool { kind == .role && SplitARN(arn).isServiceLinkedRole }

    /// True when the whole ARN is one token (`⟦ImportValue.X⟧`, `⟦Ref.Parameter⟧`): the role's
    /// name, account and partition are not written anywhere.
    package var hasOpaqueARN: Bool { !SplitARN(arn).isARN && SymbolToken.body(of: arn) != nil }

    /// The identity-based policies with the permissions boundary, as the evaluator takes them.
    /// Policies the input names but does not contain take part as policies whose statements are
    /// unknown, so decisions they could change come out undetermined (fail closed).
    package var identityPolicies: PolicySet {
        guard !unresolved.isEmpty else { return PolicySet(identity: policies.map(\.policy), permissionsBoundary: boundary.map { [$0.policy] }) }
        let missingBoundary = unresolved.filter { $0.role == .permissionsBoundary }.map(\.policy)
        let missingIdentity = unresolved.filter { $0.role != .permissionsBoundary }.map(\.policy)
        return PolicySet(identity: policies.map(\.policy) + missingIdentity,
                         permissionsBoundary: boundary.map { [$0.policy] } ?? (missingBoundary.isEmpty ? nil : missingBoundary))
    }

    /// The ARN a session of this role has (`arn:…:sts::A:assumed-role/Name/session`); a user's
    /// own ARN for users. A role whose ARN is one token has its sessions named by that token
    /// (`assumed-role/⟦ImportValue.X⟧/session`), so policies that name the role by the same token
    /// name its sessions (`PrincipalMatcher`).
    package func callerARN(sessionName: String) -> String {
        guard kind == .role else { return arn }
        if hasOpaqueARN {
            let partition = homePartition ?? SymbolToken.make("AWS.Partition")
            return "arn:\(partition):sts::\(account ?? SymbolToken.make("AWS.AccountId")):assumed-role/\(arn)/\(sessionName)"
        }
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6 else { return arn }
        return "arn:\(parts[1]):sts::\(parts[4]):assumed-role/\(name)/\(sessionName)"
    }

    /// A request by this principal (a session of a role, or the user) to a resource of the same
    /// account, with what AWS puts in the context. The organization is not in a template or a
    /// snapshot, so it stays symbolic: a policy that tests it makes the answer undetermined.
    package func request(
        _ action: String, on resource: String, sessionName: String = "session", context: [String: ContextValue] = [:]
    ) -> AuthorizationRequest {
        let account = self.account ?? SymbolToken.make("AWS.AccountId")
        let principalContext: [String: ContextValue] = [
            "aws:PrincipalArn": .single(arn),
            "aws:PrincipalAccount": .single(account),
            "aws:ResourceAccount": .single(account),
            "aws:PrincipalType": .single(kind == .role ? "AssumedRole" : "User"),
            "aws:PrincipalOrgID": .single(SymbolToken.make("AWS.PrincipalOrgID")),
            "aws:SecureTransport": .single("true"),
        ]
        return AuthorizationRequest(
            principal: RequestPrincipal(callerARN(sessionName: sessionName)), action: action, resource: resource,
            resourceAccount: self.account, context: RequestContext(principalContext.merging(context) { _, new in new }))
    }
}

/// An IAM group with its policies (its members' policies include them).
package struct InventoryGroup: Sendable {
    package var label: String
    package var name: String
    package var arn: String
    package var location: SourceLocation
    package var policies: [AttachedPolicy]
    package var unresolved: [UnresolvedPolicy]

    package init(label: String, name: String, arn: String, location: SourceLocation, policies: [AttachedPolicy], unresolved: [UnresolvedPolicy]) {
        self.label = label
        self.name = name
        self.arn = arn
        self.location = location
        self.policies = policies
        self.unresolved = unresolved
    }

    /// A member's share of the group: each policy the member does not already have, marked as
    /// coming through the group, and the group's unresolved policies.
    func extend(_ policies: inout [AttachedPolicy], unresolved: inout [UnresolvedPolicy]) {
        for attached in self.policies where !policies.contains(where: { $0.policy.id == attached.policy.id }) {
            policies.append(AttachedPolicy(policy: attached.policy, attachment: .group(name: label, via: attached.attachment), location: attached.location))
        }
        unresolved += self.unresolved
    }
}
