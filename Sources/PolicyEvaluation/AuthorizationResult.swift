import PolicyModel

package enum Decision: String, Sendable, Hashable, CaseIterable {
    case allow = "Allow"
    case explicitDeny = "ExplicitDeny"
    case implicitDeny = "ImplicitDeny"
}

/// Names one statement: its policy, 0-based index, Sid and position.
package struct StatementRef: Sendable, Hashable, Comparable, CustomStringConvertible {
    package var policy: String
    package var index: Int
    package var sid: String?
    package var effect: Effect
    package var position: SourcePosition

    package init(policy: String, index: Int, sid: String?, effect: Effect, position: SourcePosition) {
        self.policy = policy
        self.index = index
        self.sid = sid
        self.effect = effect
        self.position = position
    }

    package var description: String {
        var text = "\(policy) statement \(index)"
        if let sid { text += " (\(sid))" }
        if position.isKnown { text += " at \(position)" }
        return text
    }

    package static func < (lhs: StatementRef, rhs: StatementRef) -> Bool {
        (lhs.policy, lhs.index) < (rhs.policy, rhs.index)
    }
}

/// Why one statement did not apply to the request.
package struct Mismatch: Sendable, Hashable, CustomStringConvertible {
    package enum Element: String, Sendable, Hashable {
        case action = "Action"
        case resource = "Resource"
        case principal = "Principal"
        case condition = "Condition"
    }

    package var element: Element
    /// For conditions: the context key.
    package var key: String?
    package var detail: String
    package var position: SourcePosition

    package init(element: Element, key: String? = nil, detail: String, position: SourcePosition = .unknown) {
        self.element = element
        self.key = key
        self.detail = detail
        self.position = position
    }

    package var description: String { detail }
}

/// A statement of the right effect that almost applied, with every reason it did not.
package struct NearMiss: Sendable, Hashable {
    package var statement: StatementRef
    package var mismatches: [Mismatch]

    package init(statement: StatementRef, mismatches: [Mismatch]) {
        self.statement = statement
        self.mismatches = mismatches
    }
}

/// The decision and its causes.
package struct AuthorizationResult: Sendable, Hashable {
    package var decision: Decision
    /// Allow: the statements that grant (identity and resource-based). Explicit deny: the
    /// matching Deny statements. Implicit deny: empty. In layer order, then document order.
    package var matched: [StatementRef]
    /// Allow statements of the guardrail layers (SCPs, RCPs, boundary, session policy, VPC
    /// endpoint policy) that let the request through.
    package var guardrails: [StatementRef]
    /// One sentence saying why, e.g. "no SCP at level `ou-1` allows `s3:GetObject`".
    package var reason: String
    /// For an implicit deny: the policy layer that refused (e.g. `identity`, `scp[1]`).
    package var deniedBy: String?
    /// For an implicit deny: the closest Allow statements and why each missed.
    package var nearMisses: [NearMiss]
    /// Context keys that statements of the deciding layers tested but the request did not have.
    package var missingContextKeys: [String]

    package init(
        decision: Decision, matched: [StatementRef] = [], guardrails: [StatementRef] = [], reason: String,
        deniedBy: String? = nil, nearMisses: [NearMiss] = [], missingContextKeys: [String] = []
    ) {
        self.decision = decision
        self.matched = matched
        self.guardrails = guardrails
        self.reason = reason
        self.deniedBy = deniedBy
        self.nearMisses = nearMisses
        self.missingContextKeys = missingContextKeys
    }
}
