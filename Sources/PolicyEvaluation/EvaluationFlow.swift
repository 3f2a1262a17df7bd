import PolicyModel

/// AWS's evaluation flow over one set of layer scans, as small named steps:
/// 0. service rules that no policy changes;
/// 1. an explicit Deny in any layer wins;
/// 2. every RCP level, every SCP level (for IAM principals) and the VPC endpoint policy must allow;
/// 3. S3 Block Public Access may void a public bucket policy's grant;
/// 4. the resource-based grant and the identity side combine by the table in `combine`.
/// It is the only type that knows these precedence rules.
struct EvaluationFlow {
    let request: PreparedRequest
    let policies: PolicySet
    let scans: LayerScans
    /// Decided by the caller, so an undetermined account can be tried both ways.
    let crossAccount: Bool

    /// The decision of one reading of the scans, with what explains it.
    struct Outcome {
        var decision: Decision
        var basis: DecisionBasis
        var matched: [StatementRef] = []
        var guardrails: [StatementRef] = []
        var deniedBy: PolicyLayer?
        /// For an implicit deny: the policies whose Allow statements are the nearest misses.
        var candidates: [NamedPolicy] = []

        static func allow(_ basis: DecisionBasis, matched: [StatementRef], guardrails: [StatementRef]) -> Outcome {
            Outcome(decision: .allow, basis: basis, matched: matched, guardrails: guardrails)
        }

        static func implicitDeny(_ basis: DecisionBasis, by layer: PolicyLayer, candidates: [NamedPolicy]) -> Outcome {
            Outcome(decision: .implicitDeny, basis: basis, deniedBy: layer, candidates: candidates)
        }

        /// The result, with the nearest misses worked out (only the reported reading needs them;
        /// a determined refusal only when `nearMisses` asks).
        consuming func result(for request: PreparedRequest, undetermined: Undetermined? = nil, nearMisses wanted: Bool = true) -> AuthorizationResult {
            let (nearMisses, missingKeys) = decision == .implicitDeny && !candidates.isEmpty && (wanted || undetermined != nil)
                ? NearMisses.find(in: candidates, request: request) : ([], [])
            return AuthorizationResult(decision: decision, basis: basis, request: request, matched: matched, guardrails: guardrails,
                                       deniedBy: deniedBy, nearMisses: nearMisses, missingContextKeys: missingKeys, undetermined: undetermined)
        }
    }

    // MARK: 0. Service rules

    static func decidedByServiceRule(_ request: PreparedRequest) -> Outcome? {
        if request.isGetCallerIdentity && request.principalAccount != nil {
            return Outcome(decision: .allow, basis: .serviceRule(.callerIdentityNeedsNoPermission))
        }
        if request.principalIsRoot && request.isAssumeRole {
            return .implicitDeny(.serviceRule(.rootCannotAssumeRoles), by: .serviceRule(.rootCannotAssumeRoles), candidates: [])
        }
        return nil
    }

    func decide() -> Outcome {
        if let denied = explicitDeny() { return denied }
        // A change to an AWS-owned resource fails once no Deny has refused it already.
        if let rule = request.protectedResourceRule {
            return .implicitDeny(.serviceRule(rule), by: .serviceRule(rule), candidates: [])
        }
        var guardrails: [StatementRef] = []
        if let refusal = guardrailRefusal(collecting: &guardrails) { return refusal }
        let grant = resourceGrant
        if scans.resource?.allowed == true, grant == nil, !hasIdentitySide || crossAccount {
            return .implicitDeny(.publicAccessBlocked, by: .s3BlockPublicAccess, candidates: [])
        }
        return combine(grant: grant, guardrails: guardrails)
    }

    // MARK: 1. Explicit deny

    func explicitDeny() -> Outcome? {
        guard scans.hasDenies else { return nil }
        // Layer order, then document order: deterministic.
        return Outcome(decision: .explicitDeny, basis: .explicitDeny, matched: scans.layers.flatMap(\.1.denies))
    }

    // MARK: 2. Organization and endpoint guardrails

    func guardrailRefusal(collecting guardrails: inout [StatementRef]) -> Outcome? {
        // Most requests meet no guardrail at all.
        if scans.resourceControlPolicies.isEmpty && scans.serviceControlPolicies.isEmpty && scans.vpcEndpoint == nil { return nil }
        // RCPs, then SCPs: every level of each must allow.
        if let refusal = levelRefusal(scans.resourceControlPolicies, policies.resourceControlPolicies, PolicyLayer.resourceControlPolicy,
                                      collecting: &guardrails) {
            return refusal
        }
        if let refusal = levelRefusal(scans.serviceControlPolicies, policies.serviceControlPolicies, PolicyLayer.serviceControlPolicy,
                                      collecting: &guardrails) {
            return refusal
        }
        if let scan = scans.vpcEndpoint {
            guard scan.allowed else {
                return .implicitDeny(.guardrailDoesNotAllow(.vpcEndpoint, levelName: "vpcEndpoint"), by: .vpcEndpoint,
                                     candidates: policies.vpcEndpoint ?? [])
            }
            guardrails += scan.allows
        }
        return nil
    }

    /// The first organization level whose policies allow nothing that matches.
    func levelRefusal(
        _ levelScans: [LayerScan], _ levels: [PolicyLevel], _ layer: (Int) -> PolicyLayer, collecting guardrails: inout [StatementRef]
    ) -> Outcome? {
        for (level, scan) in levelScans.enumerated() {
            guard scan.allowed else {
                return .implicitDeny(.guardrailDoesNotAllow(layer(level), levelName: levels[level].name), by: layer(level),
                                     candidates: levels[level].policies)
            }
            guardrails += scan.allows
        }
        return nil
    }

    // MARK: 3. The resource-based grant, after S3 Block Public Access

    /// How the resource-based policy names the caller; nil when it grants nothing or when, with
    /// `RestrictPublicBuckets` on, a public bucket policy lets in only service principals and
    /// callers of the bucket owner's account.
    var resourceGrant: PrincipalMatch? {
        guard let strongest = scans.resource?.strongestAllow else { return nil }
        if policies.s3RestrictPublicBuckets == true, request.splitResource.hasService("s3") || request.lowercasedAction.hasPrefix("s3:"),
           let document = policies.resource?.document, PublicPolicy.isPublic(document) {
            let insideAccount = request.principalAccount != nil && !crossAccount
            if !request.principalIsService && !insideAccount { return nil }
        }
        return strongest
    }

    /// The resource-based Allow statements that name the caller the way `grant` does.
    func resourceAllows(_ grant: PrincipalMatch) -> [StatementRef] {
        guard let scan = scans.resource else { return [] }
        return zip(scan.allows, scan.allowForms).filter { grant.isDirect ? $0.1.isDirect : $0.1 == grant }.map(\.0)
    }

    // MARK: 4. Combining the resource side and the identity side

    var hasIdentitySide: Bool { request.principalAccount != nil }
    var callerHasIdentityPolicies: Bool { hasIdentitySide && !request.principalIsRoot }

    /// The table: who the caller is, whether the request crosses accounts, and how the resource-based
    /// policy names the caller decide which side must allow.
    func combine(grant: PrincipalMatch?, guardrails: [StatementRef]) -> Outcome {
        // Only refusals read these; computed properties keep them off the allow path.
        var resourcePolicy: [NamedPolicy] { policies.resource.map { [$0] } ?? [] }
        var policyExists: Bool { policies.resource != nil }
        switch (callerHasIdentityPolicies, crossAccount, grant) {
        // A service, an anonymous caller or the root user: the resource side decides.
        // (The root user is its account, so a grant to the account names it too.)
        case (false, _, let grant?) where grant.isDirect || request.principalIsRoot:
            return .allow(.resourcePolicyGrantToCaller(everyone: grant == .everyone), matched: resourceAllows(grant), guardrails: guardrails)
        case (false, false, _) where request.principalIsRoot && !request.resourcePolicyMustAllow:
            return .allow(.rootUserInOwnAccount, matched: [], guardrails: guardrails)
        case (false, _, _):
            return .implicitDeny(.resourcePolicyDoesNotAllow(.callerWithoutIdentityPolicies(policyExists: policyExists)),
                                 by: .resource, candidates: resourcePolicy)

        // Across accounts both sides must allow.
        case (true, true, nil):
            return .implicitDeny(.resourcePolicyDoesNotAllow(.crossAccount(policyExists: policyExists)), by: .resource, candidates: resourcePolicy)
        case (true, true, let grant?):
            let identity = identitySide()
            guard case .allowed(let grants, let limits) = identity else { return refusal(identity, crossAccount: true) }
            // A statement naming only the caller's account delegates to the identity side: it
            // must allow, like a guardrail, but grants nothing itself.
            let delegating = grant == .account
            return .allow(.crossAccountGrant, matched: (delegating ? [] : resourceAllows(grant)) + grants,
                          guardrails: guardrails + (delegating ? resourceAllows(.account) : []) + limits)

        // Same account: a grant naming the caller allows on its own (a trust policy still needs
        // the caller's boundary and session policy to allow `sts:AssumeRole`, "Update a role
        // trust policy").
        case (true, false, let grant?) where grant.isDirect:
            if request.resourcePolicyKind == .trustPolicy {
                let limits = sessionLimits()
                guard case .allowed = limits else { return refusal(limits, crossAccount: false) }
            }
            return .allow(.resourcePolicyGrant(grant), matched: resourceAllows(grant), guardrails: guardrails)
        // A grant to the role ARN reaches its sessions but stays within boundary and session
        // policy; the session acts with its role's permissions, so identity statements that also
        // allow are listed with it.
        case (true, false, .role?):
            let limits = sessionLimits()
            guard case .allowed(_, let limitAllows) = limits else { return refusal(limits, crossAccount: false) }
            return .allow(.resourcePolicyGrant(.role), matched: resourceAllows(.role) + scans.identity.allows, guardrails: guardrails + limitAllows)
        // Trust and key policies must allow the caller themselves.
        case (true, false, nil) where request.resourcePolicyMustAllow:
            let identityAllows = scans.identity.allowed
            return .implicitDeny(.resourcePolicyDoesNotAllow(.mustAllowCaller(policyExists: policyExists, identityAllows: identityAllows)),
                                 by: .resource, candidates: resourcePolicy)
        // No grant, or one that trusts the account: the identity side decides.
        case (true, false, _):
            let identity = identitySide()
            let trustsAccount = grant == .account
            guard case .allowed(let grants, let limits) = identity else {
                if trustsAccount, case .noIdentityAllow = identity {
                    return .implicitDeny(.identitySideDoesNotAllow(.noIdentityAllow(resourcePolicyTrustsAccount: true), crossAccount: false),
                                         by: .identity, candidates: policies.identity)
                }
                return refusal(identity, crossAccount: false)
            }
            return .allow(.identityPolicyGrant(resourcePolicyTrustsAccount: trustsAccount),
                          matched: grants, guardrails: guardrails + (trustsAccount ? resourceAllows(.account) : []) + limits)
        }
    }

    /// The identity side: an identity Allow within the boundary and the session policy.
    enum SideOutcome {
        case allowed(grants: [StatementRef], limits: [StatementRef])
        case noIdentityAllow
        case boundaryDenies
        case sessionDenies
        case sessionPolicyRequired

    }

    func identitySide() -> SideOutcome {
        guard scans.identity.allowed else { return .noIdentityAllow }
        switch sessionLimits() {
        case .allowed(_, let limits): return .allowed(grants: scans.identity.allows, limits: limits)
        case let other: return other
        }
    }

    /// The boundary and session-policy checks on their own.
    func sessionLimits() -> SideOutcome {
        var limits: [StatementRef] = []
        if let boundary = scans.boundary {
            guard boundary.allowed else { return .boundaryDenies }
            limits += boundary.allows
        }
        if let session = scans.session {
            guard session.allowed else { return .sessionDenies }
            limits += session.allows
        } else if request.principalIsFederatedUser {
            return .sessionPolicyRequired
        }
        return .allowed(grants: [], limits: limits)
    }

    func refusal(_ outcome: SideOutcome, crossAccount: Bool) -> Outcome {
        switch outcome {
        case .allowed, .noIdentityAllow:
            var candidates = policies.identity
            if !crossAccount, let resourcePolicy = policies.resource { candidates.append(resourcePolicy) }
            return .implicitDeny(.identitySideDoesNotAllow(.noIdentityAllow(resourcePolicyTrustsAccount: false), crossAccount: crossAccount),
                                 by: .identity, candidates: candidates)
        case .boundaryDenies:
            return .implicitDeny(.identitySideDoesNotAllow(.boundaryDoesNotAllow, crossAccount: crossAccount), by: .permissionsBoundary,
                                 candidates: policies.permissionsBoundary ?? [])
        case .sessionDenies:
            return .implicitDeny(.identitySideDoesNotAllow(.sessionPolicyDoesNotAllow, crossAccount: crossAccount), by: .session,
                                 candidates: policies.session.map { [$0] } ?? [])
        case .sessionPolicyRequired:
            return .implicitDeny(.identitySideDoesNotAllow(.sessionPolicyRequired, crossAccount: crossAccount), by: .session, candidates: [])
        }
    }
}
