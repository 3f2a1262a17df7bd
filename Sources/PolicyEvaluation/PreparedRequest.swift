import PolicyModel

/// A request with the work every statement would repeat done once: the lower-cased action, the
/// resource split into ARN parts, the accounts, and the facts about the caller that principal
/// matching needs. A class, so the evaluator's loops share it instead of copying its strings;
/// immutable, so the result keeps it as its `RequestSummary` without another copy.
final class PreparedRequest: RequestSummary, @unchecked Sendable {
    /// The action as the request spelled it, for explanations.
    var actionText: String { action }
    let wildcardOnlyAction: Bool
    let context: RequestContext
    let requestAction: RequestAction
    let lowercasedAction: String
    let splitResource: SplitARN
    let principalAccount: String?
    /// Matching needs these only for statements with a `Principal`; they read the caller's
    /// payload, so they are computed when asked.
    var principalPartition: String? { principal.partition }
    /// The caller's ARN (nil for services, anonymous and other callers).
    var principalARN: String? { principal.arn }
    /// For an assumed-role session, the role's name; for a role itself, its name.
    var roleName: String? { principal.roleName }
    /// The caller's name when it is a service or another non-ARN principal.
    var principalName: String? {
        switch principal {
        case .service(let name), .other(let name): name
        default: nil
        }
    }
    let principalIsRole: Bool
    let principalIsAssumedRole: Bool
    let principalIsRoot: Bool
    let principalIsFederatedUser: Bool
    let principalIsService: Bool
    /// A session of a service-linked role (path `aws-service-role/`, name `AWSServiceRoleFor…`).
    /// Computed on demand: only SCP evaluation needs it.
    var principalIsServiceLinkedRole: Bool {
        if roleName?.hasPrefix("AWSServiceRoleFor") == true { return true }
        guard case .single(let arn) = context.value(lowercasedKey: "aws:principalarn") else { return false }
        return SplitARN(arn).isServiceLinkedRole
    }
    let hasPermissionsBoundary: Bool
    /// Role trust policies and KMS key policies must allow the caller themselves.
    let resourcePolicyMustAllow: Bool
    /// False for OpenSearch configuration API calls, which domain access policies do not govern.
    let resourcePolicyApplies: Bool
    let isGetCallerIdentity: Bool
    let isAssumeRole: Bool
    /// A service rule that refuses the request whatever the policies say (a change to an
    /// AWS-owned resource).
    let protectedResourceRule: ServiceRule?
    /// Whether the resource or the caller is symbolic: then any statement could hinge on it. (The
    /// context's symbolic and unknown keys matter only to statements that read them.) The
    /// scanner asks once, and only when a statement could hinge on it.
    var resourceOrCallerIsSymbolic: Bool {
        SymbolToken.containsToken(splitResource.text) || SymbolToken.containsToken(principal.description)
    }

    /// Whether `statement` reads a context key whose value is symbolic or unknown: in a condition,
    /// or through a policy variable in a condition value or a resource.
    func readsUncertainKey(_ statement: Statement) -> Bool {
        let keys = context.uncertainKeys
        guard !keys.isEmpty else { return false }
        for clause in statement.conditions {
            if keys.contains(clause.lookupKey) { return true }
            for value in clause.values where value.template.variableKeys.contains(where: { keys.contains($0.lowercased()) }) { return true }
        }
        return statement.resource?.patterns.contains { pattern in
            pattern.template.variableKeys.contains { keys.contains($0.lowercased()) }
        } ?? false
    }

    init(_ request: AuthorizationRequest, hasPermissionsBoundary: Bool) {
        self.wildcardOnlyAction = request.wildcardOnlyAction
        let principal = request.principal
        self.context = request.context
        let action = RequestAction(request.action)
        self.requestAction = action
        self.lowercasedAction = action.lowercased
        let resource = SplitARN(request.wildcardOnlyAction ? "*" : request.resource)
        self.splitResource = resource
        let account = principal.account
        principalAccount = account
        switch principal {
        case .root: (principalIsRole, principalIsAssumedRole, principalIsRoot, principalIsFederatedUser, principalIsService) = (false, false, true, false, false)
        case .role: (principalIsRole, principalIsAssumedRole, principalIsRoot, principalIsFederatedUser, principalIsService) = (true, false, false, false, false)
        case .assumedRole: (principalIsRole, principalIsAssumedRole, principalIsRoot, principalIsFederatedUser, principalIsService) = (false, true, false, false, false)
        case .federatedUser: (principalIsRole, principalIsAssumedRole, principalIsRoot, principalIsFederatedUser, principalIsService) = (false, false, false, true, false)
        case .service: (principalIsRole, principalIsAssumedRole, principalIsRoot, principalIsFederatedUser, principalIsService) = (false, false, false, false, true)
        case .user, .other, .anonymous: (principalIsRole, principalIsAssumedRole, principalIsRoot, principalIsFederatedUser, principalIsService) = (false, false, false, false, false)
        }
        let resourceAccount: String?
        if let account = request.resourceAccount, !account.isEmpty {
            resourceAccount = account
        } else if let account = resource.account, !account.isEmpty, account != "aws" {
            resourceAccount = account
        } else {
            // S3 and other account-less ARNs without `resourceAccount`, and resources AWS owns in
            // every account (`arn:aws:iam::aws:policy/…`), which identity policies alone govern:
            // same account as the caller.
            resourceAccount = account
        }
        self.hasPermissionsBoundary = hasPermissionsBoundary
        let lowered = action.lowercased
        // The action's first letter picks the few rules that depend on the action, so most
        // requests skip the string comparisons.
        var mustAllow = false
        var applies = true
        var callerIdentity = false
        var assumeRole = false
        var protectedRule: ServiceRule?
        var kind = ResourcePolicyKind.resourceBased
        switch action.firstByte {
        case UInt8(ascii: "i"):
            protectedRule = ServiceRule.protectedResource(lowercasedAction: lowered, resource: resource)
        case UInt8(ascii: "s"):
            if lowered.hasPrefix("sts:") { kind = .trustPolicy }
            assumeRole = lowered.hasPrefix("sts:assumerole")
            mustAllow = assumeRole || lowered == "sts:tagsession" || lowered == "sts:setsourceidentity" || lowered == "sts:setcontext"
            callerIdentity = lowered == "sts:getcalleridentity"
        case UInt8(ascii: "k"):
            // Key policies, not alias resources (which take only identity policies).
            if lowered.hasPrefix("kms:") { kind = .keyPolicy }
            mustAllow = kind == .keyPolicy && resource.hasService("kms") && resource.resourcePart?.hasPrefix("key/") == true
            protectedRule = ServiceRule.protectedResource(lowercasedAction: lowered, resource: resource)
        case UInt8(ascii: "e"):
            applies = ResourcePolicyScope.governs(lowercasedAction: lowered, onOpenSearchResource: resource.hasService("es"))
        default:
            break
        }
        (resourcePolicyMustAllow, resourcePolicyApplies, isGetCallerIdentity, isAssumeRole) = (mustAllow, applies, callerIdentity, assumeRole)
        protectedResourceRule = protectedRule
        super.init(principal: principal, action: request.action, resource: resource.text, resourceAccount: resourceAccount, resourcePolicyKind: kind)
    }

    var isCrossAccount: Bool {
        guard let principalAccount, let resourceAccount else { return false }
        return principalAccount != resourceAccount
    }

    /// True when the two accounts differ as text but one of them is symbolic, so they may be the
    /// same account.
    var crossAccountIsUndetermined: Bool {
        guard isCrossAccount, let principalAccount, let resourceAccount else { return false }
        return (SymbolToken.containsToken(principalAccount) || SymbolToken.containsToken(resourceAccount))
            && !Unknowns.namesDistinctResources(principalAccount, resourceAccount)
    }


    /// A policy variable's value: single-valued keys only; multivalued keys cannot be variables.
    func variable(_ lowercasedKey: String) -> String? {
        switch context.value(lowercasedKey: lowercasedKey) {
        case .single(let value): value
        case .multiple(let values) where values.count == 1: values[0]
        default: nil
        }
    }
}
