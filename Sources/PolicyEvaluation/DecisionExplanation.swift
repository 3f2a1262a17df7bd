import PolicyModel

/// Renders a decision's basis as one sentence. The only place evaluation reasons are phrased.
package enum DecisionExplanation {
    package static func reason(_ basis: DecisionBasis, request: RequestSummary, matched: [StatementRef]) -> String {
        let kind = request.resourcePolicyKind.rawValue
        let requestText = "`\(request.action)` on `\(request.resource)`"
        switch basis {
        case .serviceRule(let rule):
            return serviceRuleReason(rule, request: request)
        case .resourcePolicyGrant(let form):
            switch form {
            case .everyone: return "allowed by the \(kind), which allows everyone (`*`)"
            case .direct: return "allowed by the \(kind), which names the caller"
            case .role: return "allowed by the \(kind), which names the caller's role"
            case .account: return identityGrantReason(trustsAccount: true, kind: request.resourcePolicyKind)
            }
        case .resourcePolicyGrantToCaller(let everyone):
            return everyone ? "allowed by the \(kind), which allows everyone (`*`)" : "allowed by the \(kind), which names `\(request.principal)`"
        case .identityPolicyGrant(let trustsAccount):
            return identityGrantReason(trustsAccount: trustsAccount, kind: request.resourcePolicyKind)
        case .crossAccountGrant:
            return "allowed across accounts by both the \(kind) and the caller's identity-based policies"
        case .rootUserInOwnAccount:
            return "the account root user has full access to its own account's resources"
        case .explicitDeny:
            return "explicitly denied by " + matched.map(\.description).joined(separator: "; ")
        case .guardrailDoesNotAllow(let layer, let levelName):
            switch layer {
            case .resourceControlPolicy: return "no RCP at level `\(levelName)` allows \(requestText)"
            case .serviceControlPolicy: return "no SCP at level `\(levelName)` allows \(requestText)"
            default: return "the VPC endpoint policy does not allow \(requestText)"
            }
        case .publicAccessBlocked:
            return "S3 Block Public Access (RestrictPublicBuckets) blocks \(requestText): the bucket policy is public, so only service principals and callers in the bucket owner's account may use it"
        case .resourcePolicyDoesNotAllow(let refusal):
            return resourceRefusalReason(refusal, request: request, requestText: requestText)
        case .identitySideDoesNotAllow(let refusal, let crossAccount):
            let prefix = crossAccount ? "cross-account request: " : ""
            switch refusal {
            case .noIdentityAllow(let trustsAccount):
                if trustsAccount {
                    return "\(prefix)the \(kind) trusts the caller's account, so an identity-based Allow is also needed, and none allows \(requestText)"
                }
                let subject = crossAccount ? "the caller's identity-based policies do not allow" : "no identity-based or resource-based policy allows"
                return "\(prefix)\(subject) \(requestText)"
            case .boundaryDoesNotAllow:
                return "\(prefix)the permissions boundary does not allow \(requestText)"
            case .sessionPolicyDoesNotAllow:
                return "\(prefix)the session policy does not allow \(requestText)"
            case .sessionPolicyRequired:
                return "\(prefix)a federated-user session has only the permissions its session policy passes, and it has none"
            }
        }
    }

    private static func identityGrantReason(trustsAccount: Bool, kind: ResourcePolicyKind) -> String {
        guard trustsAccount else { return "allowed by the caller's identity-based policies" }
        switch kind {
        case .trustPolicy: return "allowed by the caller's identity-based policies; the role trust policy trusts the account"
        case .keyPolicy: return "allowed by the caller's identity-based policies; the key policy enables IAM policies for the account"
        case .resourceBased: return "allowed by the caller's identity-based policies; the resource-based policy delegates to the account"
        }
    }

    private static func resourceRefusalReason(_ refusal: ResourceRefusal, request: RequestSummary, requestText: String) -> String {
        let kind = request.resourcePolicyKind.rawValue
        switch refusal {
        case .callerWithoutIdentityPolicies(let policyExists):
            let who: String
            switch request.principal {
            case .anonymous: who = "anonymous requests"
            case .service(let name): who = "the service principal `\(name)`"
            default: who = "`\(request.principal)`"
            }
            return policyExists ? "the \(kind) does not allow \(who) \(requestText)" : "no \(kind) allows \(who) \(requestText)"
        case .crossAccount(let policyExists):
            return policyExists
                ? "cross-account request: the \(kind) does not allow `\(request.principal)` \(requestText)"
                : "cross-account request: the resource in account `\(request.resourceAccount ?? "?")` has no \(kind) allowing \(requestText)"
        case .mustAllowCaller(let policyExists, let identityAllows):
            guard policyExists else { return "the \(kind) is missing; it must allow `\(request.principal)` itself" }
            return "the \(kind) does not allow `\(request.principal)` \(requestText)"
                + (identityAllows ? "; an identity-based Allow alone is not enough" : "")
        }
    }

    private static func serviceRuleReason(_ rule: ServiceRule, request: RequestSummary) -> String {
        switch rule {
        case .callerIdentityNeedsNoPermission:
            return "`sts:GetCallerIdentity` needs no permission; policies cannot deny it"
        case .rootCannotAssumeRoles:
            return "the account root user cannot assume roles"
        case .awsManagedPoliciesAreReadOnly:
            return "`\(request.resource)` is an AWS managed policy: it belongs to AWS, and no policy lets a customer `\(request.action)` it"
        case .reservedRolePathsAreReadOnly:
            return "`\(request.resource)` is under a path reserved for AWS (`/aws-service-role/`, `/aws-reserved/`): only its service changes it, so no policy allows `\(request.action)` on it"
        case .awsManagedKeyAliasesAreReserved:
            return "aliases beginning `alias/aws/` are reserved for AWS managed keys, so no policy allows `\(request.action)` on `\(request.resource)`"
        }
    }
}
