import PolicyModel

package enum Decision: String, Sendable, Hashable, CaseIterable, Comparable {
    case allow = "Allow"
    case explicitDeny = "ExplicitDeny"
    case implicitDeny = "ImplicitDeny"

    /// Most restrictive first: an explicit deny, then an implicit deny, then an allow. More Deny
    /// statements can only move a decision down this order, more Allow statements only up.
    private var permissiveness: Int {
        switch self {
        case .explicitDeny: 0
        case .implicitDeny: 1
        case .allow: 2
        }
    }

    package static func < (lhs: Decision, rhs: Decision) -> Bool { lhs.permissiveness < rhs.permissiveness }
}

/// Names one statement: its policy, 0-based index, Sid and position. Every explanation, report
/// and case file names statements this way, counting from 0.
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

    package init(_ statement: Statement, in policy: NamedPolicy) {
        self.init(policy: policy.id, index: statement.index, sid: statement.sid, effect: statement.effect, position: statement.position)
    }

    /// `policy statement N (Sid)`, without the position.
    package var label: String {
        sid.map { "\(policy) statement \(index) (\($0))" } ?? "\(policy) statement \(index)"
    }

    /// `policy statement N (Sid) at line:column`.
    package var description: String {
        position.isKnown ? "\(label) at \(position)" : label
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

/// A statement whose match depends on a value nobody knows yet: a template's unresolved
/// intrinsic written as a `⟦…⟧` token, or a context key the caller marked unknown (cedar's
/// residual policies).
package struct Residual: Sendable, Hashable, CustomStringConvertible {
    package var statement: StatementRef
    package var layer: PolicyLayer
    /// The comparisons that involve unknown values, e.g. "`Resource` `arn:aws:s3:::b/*` against
    /// `arn:⟦AWS.Partition⟧:s3:::b/x`".
    package var comparisons: [String]
    /// Context keys marked unknown that the statement tests.
    package var unknownKeys: [String]
    /// Whether the statement applies when the unknown values are read as the text they are.
    package var appliesLiterally: Bool

    /// True when the inputs name a policy but do not contain it: `statement` then names the
    /// policy (statement 0, where the inputs name it) and `comparisons` holds why it is unknown,
    /// naming it.
    package var isUnknownPolicy: Bool

    package init(statement: StatementRef, layer: PolicyLayer, comparisons: [String], unknownKeys: [String], appliesLiterally: Bool) {
        self.statement = statement
        self.layer = layer
        self.comparisons = comparisons
        self.unknownKeys = unknownKeys
        self.appliesLiterally = appliesLiterally
        self.isUnknownPolicy = false
    }

    /// A policy whose statements are not in the inputs.
    package init(unknownPolicy id: String, layer: PolicyLayer, reason: String, position: SourcePosition) {
        self.statement = StatementRef(policy: id, index: 0, sid: nil, effect: .allow, position: position)
        self.layer = layer
        self.comparisons = [reason]
        self.unknownKeys = []
        self.appliesLiterally = false
        self.isUnknownPolicy = true
    }

    /// What it hinges on, after "depends on: ", naming the statement or the unknown policy.
    package var subject: String {
        guard isUnknownPolicy else { return "\(statement): " + comparisons.joined(separator: "; ") }
        let place = statement.position.isKnown ? " (named at \(statement.position))" : ""
        return "`\(statement.policy)`\(place), whose statements are unknown: " + comparisons.joined(separator: "; ")
    }

    package var description: String {
        guard isUnknownPolicy else { return "\(statement.label) depends on " + comparisons.joined(separator: "; ") }
        return comparisons.joined(separator: "; ")
    }
}

/// The decision could go more than one way once unknown values are known.
package struct Undetermined: Sendable, Hashable {
    /// Every decision the unknown values allow, most restrictive first (at least two). Each
    /// undetermined statement is settled on its own, so a decision may be listed that no single
    /// value gives (an identity-policy Allow that needs one value of a key and a boundary Allow
    /// that needs another never apply together); none that some value gives is missing.
    package var possibleDecisions: [Decision]
    /// The statements whose match depends on unknown values, in the order the layers are scanned
    /// (identity, session, boundary, resource, SCPs, RCPs, VPC endpoint).
    package var residuals: [Residual]
    /// Unknowns that are not statements, such as whether the caller and the resource share an
    /// account when one of the accounts is symbolic.
    package var facts: [String]
    /// When an allow is possible: the statements of the inputs that grant the request (and let it
    /// through) in the most permissive reading, so a caller can show what the access rests on.
    package var allowingStatements: [StatementRef]

    package init(possibleDecisions: [Decision], residuals: [Residual], facts: [String] = [], allowingStatements: [StatementRef] = []) {
        self.possibleDecisions = possibleDecisions
        self.residuals = residuals
        self.facts = facts
        self.allowingStatements = allowingStatements
    }

    /// "`identity[0]` statement 2 depends on …; whether …": what the decision hinges on.
    package var dependencies: [String] { residuals.map(\.description) + facts }
}

/// What the request was, as explanations quote it. Shared by reference: a result is copied more
/// often than it is explained. (The evaluator's prepared request is one, so a result keeps it
/// without another copy; every stored property of both is `let`, hence `@unchecked Sendable`.)
package class RequestSummary: @unchecked Sendable, Hashable {
    package let principal: RequestPrincipal
    package let action: String
    package let resource: String
    package let resourceAccount: String?
    package let resourcePolicyKind: ResourcePolicyKind

    init(principal: RequestPrincipal, action: String, resource: String, resourceAccount: String?, resourcePolicyKind: ResourcePolicyKind) {
        self.principal = principal
        self.action = action
        self.resource = resource
        self.resourceAccount = resourceAccount
        self.resourcePolicyKind = resourcePolicyKind
    }

    package static func == (lhs: RequestSummary, rhs: RequestSummary) -> Bool {
        lhs === rhs || (lhs.principal == rhs.principal && lhs.action == rhs.action && lhs.resource == rhs.resource
            && lhs.resourceAccount == rhs.resourceAccount && lhs.resourcePolicyKind == rhs.resourcePolicyKind)
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(principal)
        hasher.combine(action)
        hasher.combine(resource)
    }
}

/// The decision and its causes.
package struct AuthorizationResult: Sendable, Hashable {
    /// The decision with unknown values read as the text they are. When `undetermined` is set,
    /// other values could give another decision.
    package var decision: Decision
    /// What decided it, for the reason sentence.
    package var basis: DecisionBasis
    /// Allow: the statements that grant the request to the caller: resource-based statements
    /// that name the caller, its role or everyone, and identity-based statements where the
    /// identity side is needed (no such resource grant, or a cross-account request) or, for a
    /// grant to the caller's role, where they also allow (the session acts with its role's
    /// permissions). Explicit
    /// deny: every matching Deny statement. Implicit deny: empty. In layer order, then document
    /// order.
    package var matched: [StatementRef]
    /// Allow statements that had to let the request through without granting it: SCPs, RCPs,
    /// the permissions boundary, the session policy, the VPC endpoint policy, and resource-based
    /// statements that name only the caller's account (they delegate to identity policies).
    package var guardrails: [StatementRef]
    /// For an implicit deny: the layer that refused.
    package var deniedBy: PolicyLayer?
    /// For an implicit deny: the closest Allow statements and why each missed.
    package var nearMisses: [NearMiss]
    /// Context keys that statements of the deciding layers tested but the request did not have.
    package var missingContextKeys: [String]
    /// Set when unknown values could change the decision; nil when it is decided.
    package var undetermined: Undetermined?
    package var request: RequestSummary

    package init(
        decision: Decision, basis: DecisionBasis, request: RequestSummary, matched: [StatementRef] = [], guardrails: [StatementRef] = [],
        deniedBy: PolicyLayer? = nil, nearMisses: [NearMiss] = [], missingContextKeys: [String] = [], undetermined: Undetermined? = nil
    ) {
        self.decision = decision
        self.basis = basis
        self.request = request
        self.matched = matched
        self.guardrails = guardrails
        self.deniedBy = deniedBy
        self.nearMisses = nearMisses
        self.missingContextKeys = missingContextKeys
        self.undetermined = undetermined
    }

    /// True when no unknown value could change the decision.
    package var isDetermined: Bool { undetermined == nil }

    /// The decision when it is decided, nil when unknown values leave it open (cedar's
    /// `PartialResponse.decision()`).
    package var determinedDecision: Decision? { isDetermined ? decision : nil }

    /// One sentence saying why, e.g. "no SCP at level `ou-1` allows `s3:GetObject` on `…`".
    package var reason: String { DecisionExplanation.reason(basis, request: request, matched: matched) }
}
