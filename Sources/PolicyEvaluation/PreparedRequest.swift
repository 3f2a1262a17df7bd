import PolicyModel

/// A request with the work every statement would repeat done once: the lower-cased action, the
/// resource split into ARN parts, the accounts, and the facts about the caller that principal
/// matching needs. A class, so the evaluator's loops share it instead of copying its strings.
final class PreparedRequest {
    /// The action as the request spelled it, for explanations.
    let actionText: String
    let wildcardOnlyAction: Bool
    let principal: RequestPrincipal
    let context: RequestContext
    let action: RequestAction
    let lowercasedAction: String
    let resource: SplitARN
    let principalAccount: String?
    /// Matching needs these only for statements with a `Principal`, so they are worked out on
    /// first use rather than for every request.
    lazy var principalPartition: String? = principal.partition
    /// The caller's ARN (nil for services, anonymous and other callers).
    lazy var principalARN: String? = principal.arn
    /// For an assumed-role session, the role's name; for a role itself, its name.
    lazy var roleName: String? = principal.roleName
    /// The caller's name when it is a service or another non-ARN principal.
    lazy var principalName: String? = {
        switch principal {
        case .service(let name), .other(let name): name
        default: nil
        }
    }()
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
        return arn.split(separator: ":").last?.hasPrefix("role/aws-service-role/") == true
    }
    let resourceAccount: String?
    let hasPermissionsBoundary: Bool
    /// Role trust policies and KMS key policies must allow the caller themselves.
    let resourcePolicyMustAllow: Bool
    /// False for OpenSearch configuration API calls, which domain access policies do not govern.
    let resourcePolicyApplies: Bool
    let isGetCallerIdentity: Bool
    let isAssumeRole: Bool

    init(_ request: AuthorizationRequest, hasPermissionsBoundary: Bool) {
        self.actionText = request.action
        self.wildcardOnlyAction = request.wildcardOnlyAction
        let principal = request.principal
        self.principal = principal
        self.context = request.context
        let action = RequestAction(request.action)
        self.action = action
        self.lowercasedAction = action.lowercased
        let resource = SplitARN(request.wildcardOnlyAction ? "*" : request.resource)
        self.resource = resource
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
        if let account = request.resourceAccount, !account.isEmpty {
            self.resourceAccount = account
        } else if let account = resource.account, !account.isEmpty {
            self.resourceAccount = account
        } else {
            // S3 and other account-less ARNs without `resourceAccount`: same account as the caller.
            self.resourceAccount = account
        }
        self.hasPermissionsBoundary = hasPermissionsBoundary
        let lowered = action.lowercased
        // The action's first letter picks the few rules that depend on the action, so most
        // requests skip the string comparisons.
        var mustAllow = false
        var applies = true
        var callerIdentity = false
        var assumeRole = false
        switch action.firstByte {
        case UInt8(ascii: "s"):
            assumeRole = lowered.hasPrefix("sts:assumerole")
            mustAllow = assumeRole || lowered == "sts:tagsession" || lowered == "sts:setsourceidentity" || lowered == "sts:setcontext"
            callerIdentity = lowered == "sts:getcalleridentity"
        case UInt8(ascii: "k"):
            // Key policies, not alias resources (which take only identity policies).
            mustAllow = lowered.hasPrefix("kms:") && resource.hasService("kms") && resource.resourcePart?.hasPrefix("key/") == true
        case UInt8(ascii: "e"):
            applies = !lowered.hasPrefix("es:") || lowered.hasPrefix("es:eshttp") || lowered == "es:escrossclusterget"
                || !resource.hasService("es")
        default:
            break
        }
        (resourcePolicyMustAllow, resourcePolicyApplies, isGetCallerIdentity, isAssumeRole) = (mustAllow, applies, callerIdentity, assumeRole)
    }

    var isCrossAccount: Bool {
        guard let principalAccount, let resourceAccount else { return false }
        return principalAccount != resourceAccount
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
