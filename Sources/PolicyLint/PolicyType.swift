import PolicyModel

/// The kind of policy a document is, which decides the elements it may contain and the checks
/// that apply (Access Analyzer's `policyType`, split more finely).
package enum PolicyType: String, CaseIterable, Sendable {
    case identity, resource, trust, scp, rcp, boundary, session, endpoint

    /// The name used in messages, with its article: "an identity-based policy".
    package var displayName: String {
        switch self {
        case .identity: "an identity-based policy"
        case .resource: "a resource-based policy"
        case .trust: "a role trust policy"
        case .scp: "a service control policy"
        case .rcp: "a resource control policy"
        case .boundary: "a permissions boundary"
        case .session: "a session policy"
        case .endpoint: "a VPC endpoint policy"
        }
    }

    /// Policies attached to (or passed for) a principal; they never name a principal.
    package var isIdentityKind: Bool {
        self == .identity || self == .boundary || self == .session
    }

    /// Policies that must say whom they apply to with `Principal`.
    package var requiresPrincipal: Bool {
        self == .resource || self == .trust || self == .endpoint || self == .rcp
    }

    /// Actions a role trust policy grants: assuming the role and what goes with it.
    private static let trustActions = ["sts:assumerole", "sts:tagsession", "sts:setsourceidentity", "sts:setcontext"]

    /// Guesses the type from the elements: a `Principal` means a resource-based policy, and a trust
    /// policy when every statement only grants role assumption and none names a `Resource`;
    /// otherwise an identity-based policy.
    package static func guess(for document: PolicyDocument) -> PolicyType {
        guard document.statements.contains(where: { $0.principal != nil }) else { return .identity }
        let isTrust = !document.statements.isEmpty && document.statements.allSatisfy { statement in
            statement.resource == nil && !statement.action.isNot
                && statement.action.patterns.allSatisfy { pattern in
                    let action = pattern.text.asciiLowercased
                    return action.hasPrefix("sts:assumerole") || trustActions.contains(action)
                }
        }
        return isTrust ? .trust : .resource
    }
}
