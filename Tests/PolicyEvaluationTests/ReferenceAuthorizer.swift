import PolicyEvaluation

// The differential tier's policy language: a deliberately small subset of IAM, kept as plain
// values so that the reference below never sees the project's parser or model.

/// One statement of the subset.
struct SmallStatement: Hashable {
    enum Effect: String { case allow = "Allow", deny = "Deny" }

    var effect: Effect
    var actions: [String]
    var isNotAction = false
    var resources: [String]
    /// The `AWS` principal entries (`*` is everyone); nil for policies without a `Principal`
    /// element (identity policies, boundaries, SCPs), which apply to their own principal.
    var principals: [String]?
    var conditions: [SmallCondition] = []
}

/// One condition clause: an operator, a key and the values it accepts (ORed).
struct SmallCondition: Hashable {
    enum Operator: String, CaseIterable {
        case stringEquals = "StringEquals", stringLike = "StringLike"
        case stringNotEquals = "StringNotEquals", stringNotLike = "StringNotLike"
    }

    var operation: Operator
    var key: String
    var values: [String]
}

/// Every policy of the subset: identity policies, a permissions boundary, one S3-bucket-like
/// resource-based policy and one SCP level (the policies attached to the caller's account).
struct SmallPolicies: Hashable {
    var identity: [[SmallStatement]] = []
    var boundary: [SmallStatement]?
    var bucketPolicy: [SmallStatement]?
    var serviceControlPolicies: [[SmallStatement]]?
}

/// A request from account `111122223333` by a role session or an IAM user.
struct SmallRequest: Hashable {
    enum Caller: Hashable { case roleSession, user }

    static let callerAccount = "111122223333"
    static let sessionARN = "arn:aws:sts::111122223333:assumed-role/Reader/s1"
    static let roleARN = "arn:aws:iam::111122223333:role/Reader"
    static let userARN = "arn:aws:iam::111122223333:user/alice"

    var caller: Caller
    var action: String
    var resource: String
    var resourceAccount: String
    /// Single-valued keys; a key not listed is absent.
    var context: [String: String] = [:]

    var callerARN: String { caller == .roleSession ? Self.sessionARN : Self.userARN }
    var isCrossAccount: Bool { resourceAccount != Self.callerAccount }
}

/// AWS's evaluation logic for the subset above, transcribed rule by rule so that it can be checked
/// against the documentation by reading. Each rule says, paraphrased, the sentence it follows;
/// words in quotation marks are AWS's own. Pages: "How AWS enforcement code logic evaluates
/// requests to allow or deny access"
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html),
/// "Cross-account policy evaluation logic"
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html),
/// "AWS JSON policy elements: Principal" and "Condition operators". It shares no code with the
/// `Authorizer`: not the parser, not the matching, not the combining.
enum ReferenceAuthorizer {
    static func decide(_ request: SmallRequest, _ policies: SmallPolicies) -> Decision {
        let identity = policies.identity.flatMap { $0 }
        let scp = policies.serviceControlPolicies.map { $0.flatMap { $0 } }
        let everyStatement = identity + (policies.boundary ?? []) + (policies.bucketPolicy ?? []) + (scp ?? [])
        // Deny evaluation: one applicable explicit Deny in any policy (SCP, resource-based,
        // identity-based, boundary) makes the final decision Deny.
        if everyStatement.contains(where: { $0.effect == .deny && naming($0, request) != nil }) { return .explicitDeny }
        // SCPs apply to the principals of the account they are attached to: without an applicable
        // Allow in them the request is denied ("explicitly denied, even if the denial is implicit";
        // no Deny statement matched, so `Decision` calls it implicit). One level's policies are a union.
        if let scp, !allows(scp, request) { return .implicitDeny }
        let identityAllows = allows(identity, request)
        // A permissions boundary that does not allow the action makes the request implicitly denied.
        let boundaryAllows = policies.boundary.map { allows($0, request) } ?? true
        let grant = (policies.bucketPolicy ?? []).filter { $0.effect == .allow }.compactMap { naming($0, request) }.max()
        if request.isCrossAccount {
            // Cross-account: the trusted account's policies (identity policies within the boundary)
            // and the trusting account's resource-based policy must both allow; the latter may name
            // the caller in any form (account, role, user, session, `*`).
            return grant != nil && identityAllows && boundaryAllows ? .allow : .implicitDeny
        }
        // Same account: the principal the resource-based policy names decides what else must allow.
        switch grant {
        // User ARN, role-session ARN or `*`: the resource-based policy's Allow is final; implicit
        // denies in identity policies and the boundary do not limit it.
        case .caller?, .everyone?: return .allow
        // Role ARN, request made by the role's session: allowed, but the boundary still limits it.
        case .role?: return boundaryAllows ? .allow : .implicitDeny
        // The account (`"AWS": "111122223333"` or `…:root`): naming it "delegates authority to the
        // account", so an identity-based Allow is still needed; with no grant, likewise.
        case .account?, nil: return identityAllows && boundaryAllows ? .allow : .implicitDeny
        }
    }

    /// How a statement's `Principal` names the caller, weakest first ("AWS JSON policy elements:
    /// Principal"); a statement without `Principal` applies to the policy's own principal.
    enum Naming: Int, Comparable {
        case account = 1, role, caller, everyone
        static func < (lhs: Naming, rhs: Naming) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// How `statement` names the caller when it applies to the request; nil when it does not.
    static func naming(_ statement: SmallStatement, _ request: SmallRequest) -> Naming? {
        guard matchesAction(statement, request.action), statement.resources.contains(where: { glob($0, request.resource) }),
              statement.conditions.allSatisfy({ holds($0, request.context) }) else { return nil }
        guard let principals = statement.principals else { return .caller }
        let account = SmallRequest.callerAccount
        return principals.compactMap { entry -> Naming? in
            if entry == "*" { return .everyone }
            if entry == request.callerARN { return .caller }
            if entry == SmallRequest.roleARN && request.caller == .roleSession { return .role }
            if entry == account || entry == "arn:aws:iam::\(account):root" { return .account }
            return nil
        }.max()
    }

    static func allows(_ statements: [SmallStatement], _ request: SmallRequest) -> Bool {
        statements.contains { $0.effect == .allow && naming($0, request) != nil }
    }

    /// Action names are case-insensitive; `NotAction` matches every action it does not list.
    static func matchesAction(_ statement: SmallStatement, _ action: String) -> Bool {
        statement.actions.contains { glob($0.lowercased(), action.lowercased()) } != statement.isNotAction
    }

    /// A key absent from the request context makes a positive operator false and a negated one
    /// true. Key names are case-insensitive, values (for these operators) are not. Several values
    /// are ORed; a negated operator holds when none matches.
    static func holds(_ condition: SmallCondition, _ context: [String: String]) -> Bool {
        let value = context.first { $0.key.lowercased() == condition.key.lowercased() }?.value
        let isLike = condition.operation == .stringLike || condition.operation == .stringNotLike
        let isNegated = condition.operation == .stringNotEquals || condition.operation == .stringNotLike
        guard let value else { return isNegated }
        return condition.values.contains { isLike ? glob($0, value) : $0 == value } != isNegated
    }

    /// `*` matches any run of characters, `?` exactly one; everything else itself.
    static func glob(_ pattern: String, _ text: String) -> Bool { glob(pattern[...], text[...]) }

    private static func glob(_ pattern: Substring, _ text: Substring) -> Bool {
        guard let head = pattern.first else { return text.isEmpty }
        switch head {
        case "*": return glob(pattern.dropFirst(), text) || (!text.isEmpty && glob(pattern, text.dropFirst()))
        case "?": return !text.isEmpty && glob(pattern.dropFirst(), text.dropFirst())
        default: return text.first == head && glob(pattern.dropFirst(), text.dropFirst())
        }
    }
}
