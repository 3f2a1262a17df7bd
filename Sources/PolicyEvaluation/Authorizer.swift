import PolicyModel

/// Combines the policy layers into a decision, following AWS's documented evaluation logic
/// ("Policy evaluation logic", "Cross-account policy evaluation logic", "RCP evaluation"):
/// 1. an explicit Deny in any applicable policy wins;
/// 2. every RCP level, then every SCP level (for IAM principals), then the VPC endpoint policy,
///    must allow;
/// 3. a resource-based policy may allow on its own, depending on how it names the caller;
/// 4. otherwise an identity-based Allow is needed, within the permissions boundary and the
///    session policy;
/// 5. across accounts both the resource side and the identity side must allow.
/// It is the only type that knows these precedence rules.
package struct Authorizer: Sendable {
    package init() {}

    package func authorize(_ request: AuthorizationRequest, policies: PolicySet) -> AuthorizationResult {
        let prepared = PreparedRequest(request, hasPermissionsBoundary: policies.permissionsBoundary != nil)
        var evaluation = Evaluation(request: prepared, policies: policies)
        return evaluation.decide()
    }
}

/// The state of one authorization: which statements matched in each layer.
private struct Evaluation {
    let request: PreparedRequest
    let policies: PolicySet

    init(request: PreparedRequest, policies: PolicySet) {
        self.request = request
        self.policies = policies
    }

    /// Only explanations need the principal itself; matching uses the prepared facts.
    var principal: RequestPrincipal { request.principal }

    struct LayerScan {
        var allows: [StatementRef] = []
        var denies: [StatementRef] = []
        /// The strongest way an Allow statement named the caller (resource-based policies).
        var strongestAllow: PrincipalMatch?
        /// How each Allow named the caller, parallel to `allows`.
        var allowForms: [PrincipalMatch] = []

        var allowed: Bool { !allows.isEmpty }
    }

    func scan(_ policies: [NamedPolicy]) -> LayerScan {
        var result = LayerScan()
        for policy in policies { scan(policy, into: &result) }
        return result
    }

    /// - Parameter requiresPrincipal: true for resource-based policies, where a statement without
    ///   `Principal` names nobody (IAM rejects such a statement; it must never grant).
    func scan(_ policy: NamedPolicy, requiresPrincipal: Bool = false) -> LayerScan {
        var result = LayerScan()
        scan(policy, into: &result, requiresPrincipal: requiresPrincipal)
        return result
    }

    private func scan(_ policy: NamedPolicy, into result: inout LayerScan, requiresPrincipal: Bool = false) {
        // Read once into locals: passing a class's struct properties to a call would copy (and
        // retain) them for every statement.
        let action = request.action
        let resource = request.resource
        let document = policy.document
        let variablesEnabled = document.variablesEnabled
        for statement in document.statements(for: action) {
            guard !requiresPrincipal || statement.hasPrincipal,
                  statement.covers(action), statement.covers(resource, resolve: request.variable),
                  let match = StatementMatcher.principalAndConditionsMatch(statement, variablesEnabled: variablesEnabled, request: request)
            else { continue }
            let ref = StatementRef(policy: policy.id, index: statement.index, sid: statement.sid,
                                   effect: statement.effect, position: statement.position)
            switch statement.effect {
            case .deny:
                result.denies.append(ref)
            case .allow:
                result.allows.append(ref)
                result.allowForms.append(match)
                result.strongestAllow = max(result.strongestAllow ?? match, match)
            }
        }
    }

    /// Identity policies, boundaries, session policies and SCPs exist only for IAM principals;
    /// the account root has no identity policies (it has full access in its own account).
    var hasIdentitySide: Bool { request.principalAccount != nil }
    var isRoot: Bool { request.principalIsRoot }

    /// Role trust policies and KMS key policies must allow the caller themselves
    /// ("Policy evaluation logic", resource-based policies; "Key policies in AWS KMS").
    var resourcePolicyMustAllow: Bool { request.resourcePolicyMustAllow }

    var resourceKind: String {
        let action = request.lowercasedAction
        if action.hasPrefix("sts:") { return "role trust policy" }
        if action.hasPrefix("kms:") { return "key policy" }
        return "resource-based policy"
    }

    /// Literal strings, so an Allow builds no text (the evaluator's hot path ends here).
    func resourceGrantReason(_ form: PrincipalMatch) -> String {
        let action = request.lowercasedAction
        switch (form, action.hasPrefix("sts:") ? 0 : action.hasPrefix("kms:") ? 1 : 2) {
        case (.everyone, 0): return "allowed by the role trust policy, which allows everyone (`*`)"
        case (.everyone, 1): return "allowed by the key policy, which allows everyone (`*`)"
        case (.everyone, _): return "allowed by the resource-based policy, which allows everyone (`*`)"
        case (.direct, 0): return "allowed by the role trust policy, which names the caller"
        case (.direct, 1): return "allowed by the key policy, which names the caller"
        case (.direct, _): return "allowed by the resource-based policy, which names the caller"
        case (.role, 0): return "allowed by the role trust policy, which names the caller's role"
        case (.role, 1): return "allowed by the key policy, which names the caller's role"
        case (.role, _): return "allowed by the resource-based policy, which names the caller's role"
        case (.account, 0): return "allowed by the caller's identity-based policies; the role trust policy trusts the account"
        case (.account, 1): return "allowed by the caller's identity-based policies; the key policy enables IAM policies for the account"
        case (.account, _): return "allowed by the caller's identity-based policies; the resource-based policy delegates to the account"
        }
    }

    var requestText: String { "`\(request.actionText)` on `\(request.resource.text)`" }

    mutating func decide() -> AuthorizationResult {
        // "No permissions are required to perform this operation", even against an explicit deny
        // (STS API Reference, GetCallerIdentity).
        if request.isGetCallerIdentity && hasIdentitySide {
            return AuthorizationResult(decision: .allow, reason: "`sts:GetCallerIdentity` needs no permission; policies cannot deny it")
        }
        // "You cannot call AssumeRole with the access key for the root user" (STS API Reference).
        if isRoot && request.isAssumeRole {
            return AuthorizationResult(decision: .implicitDeny, reason: "the account root user cannot assume roles", deniedBy: "sts")
        }
        let identityPolicies = hasIdentitySide && !isRoot ? policies.identity : []
        let identity = scan(identityPolicies)
        let session = hasIdentitySide ? policies.session.map { scan($0) } : nil
        let boundary = hasIdentitySide ? policies.permissionsBoundary.map { scan($0) } : nil
        // A domain access policy covers only the domain's subresources (the `ESHttp*` actions);
        // configuration API calls need identity-based policies ("Identity and Access Management
        // in Amazon OpenSearch Service"), so the domain policy takes no part in them.
        // (Cross-cluster search is the exception: the destination domain's policy governs it.)
        let resource = request.resourcePolicyApplies ? policies.resource.map { scan($0, requiresPrincipal: true) } : nil
        // SCPs do not affect service-linked roles ("Service control policies (SCPs)").
        let scpApplies = hasIdentitySide && !policies.serviceControlPolicies.isEmpty && !request.principalIsServiceLinkedRole
        let scps = scpApplies ? policies.serviceControlPolicies.map { (level: $0, scan: scan($0.policies)) } : []
        let rcps = policies.resourceControlPolicies.map { (level: $0, scan: scan($0.policies)) }
        let endpoint = policies.vpcEndpoint.map { scan($0) }

        // 1. Explicit deny anywhere.
        var denies = identity.denies
        if let resource { denies += resource.denies }
        if let boundary { denies += boundary.denies }
        if let session { denies += session.denies }
        if let endpoint { denies += endpoint.denies }
        for entry in scps { denies += entry.scan.denies }
        for entry in rcps { denies += entry.scan.denies }
        if !denies.isEmpty {
            // Layer order, then document order: deterministic.
            return AuthorizationResult(
                decision: .explicitDeny, matched: denies,
                reason: "explicitly denied by " + denies.map(\.description).joined(separator: "; "))
        }

        var guardrails: [StatementRef] = []
        // 2. Organization guardrails: every level must allow.
        for (offset, entry) in rcps.enumerated() {
            guard entry.scan.allowed else {
                return implicitDeny(
                    "no RCP at level `\(entry.level.name)` allows \(requestText)", deniedBy: "rcp[\(offset)]",
                    candidates: entry.level.policies)
            }
            guardrails += entry.scan.allows
        }
        for (offset, entry) in scps.enumerated() {
            guard entry.scan.allowed else {
                return implicitDeny(
                    "no SCP at level `\(entry.level.name)` allows \(requestText)", deniedBy: "scp[\(offset)]",
                    candidates: entry.level.policies)
            }
            guardrails += entry.scan.allows
        }
        if let endpoint, let endpointPolicies = policies.vpcEndpoint {
            guard endpoint.allowed else {
                return implicitDeny("the VPC endpoint policy does not allow \(requestText)", deniedBy: "vpcEndpoint",
                                    candidates: endpointPolicies)
            }
            guardrails += endpoint.allows
        }

        // 3. Resource-based policy.
        let resourceGrant = effectiveResourceGrant(resource)
        var resourceAllows: [StatementRef] = []
        if let resourceGrant, let resource {
            let strength = resourceGrant.strength
            resourceAllows = zip(resource.allows, resource.allowForms)
                .filter { strength.isDirect ? $0.1.isDirect : $0.1 == strength }.map(\.0)
        }

        // S3 Block Public Access, not the bucket policy, refused a grant the policy makes.
        let blockedByPublicAccessBlock = resource?.allowed == true && resourceGrant == nil

        // The identity side: identity Allow within boundary and session policy.
        let identitySide = identitySideOutcome(identity: identity, boundary: boundary, session: session)

        if blockedByPublicAccessBlock, !hasIdentitySide || request.isCrossAccount {
            return implicitDeny(
                "S3 Block Public Access (RestrictPublicBuckets) blocks \(requestText): the bucket policy is public, so only service principals and callers in the bucket owner's account may use it",
                deniedBy: "s3BlockPublicAccess", candidates: [])
        }

        if !hasIdentitySide || isRoot {
            return decideWithoutIdentityPolicies(resourceGrant: resourceGrant, resourceAllows: resourceAllows, guardrails: guardrails)
        }

        if request.isCrossAccount {
            guard resourceGrant != nil else {
                return implicitDeny(
                    policies.resource == nil
                        ? "cross-account request: the resource in account `\(request.resourceAccount ?? "?")` has no \(resourceKind) allowing \(requestText)"
                        : "cross-account request: the \(resourceKind) does not allow `\(principal)` \(requestText)",
                    deniedBy: "resource", candidates: policies.resource.map { [$0] } ?? [])
            }
            guard case .allowed(let identityAllows, let limits) = identitySide else {
                return identitySideDenial(identitySide, crossAccount: true)
            }
            return AuthorizationResult(
                decision: .allow, matched: resourceAllows + identityAllows, guardrails: guardrails + limits,
                reason: "allowed across accounts by both the \(resourceKind) and the caller's identity-based policies")
        }

        if let grant = resourceGrant {
            switch grant.strength {
            case .direct, .everyone:
                // A role trust policy naming the caller still needs the caller's boundary and
                // session policy to allow `sts:AssumeRole` ("Update a role trust policy").
                if request.lowercasedAction.hasPrefix("sts:") {
                    let limits = roleGrantLimits(boundary: boundary, session: session)
                    if case .allowed = limits {} else { return identitySideDenial(limits, crossAccount: false) }
                }
                return AuthorizationResult(
                    decision: .allow, matched: resourceAllows + identitySide.grants, guardrails: guardrails,
                    reason: resourceGrantReason(grant.strength))
            case .role:
                // A grant to the role ARN reaches its sessions but stays within the boundary and
                // the session policy.
                let limits = roleGrantLimits(boundary: boundary, session: session)
                if case .allowed(_, let limitAllows) = limits {
                    return AuthorizationResult(
                        decision: .allow, matched: resourceAllows + identitySide.grants,
                        guardrails: guardrails + limitAllows,
                        reason: resourceGrantReason(.role))
                }
                // The identity path is bound by the same boundary and session policy.
                return identitySideDenial(limits, crossAccount: false)
            case .account:
                break
            }
        } else if resourcePolicyMustAllow {
            let identityNote = identity.allowed ? "; an identity-based Allow alone is not enough" : ""
            return implicitDeny(
                policies.resource == nil
                    ? "the \(resourceKind) is missing; it must allow `\(principal)` itself"
                    : "the \(resourceKind) does not allow `\(principal)` \(requestText)\(identityNote)",
                deniedBy: "resource", candidates: policies.resource.map { [$0] } ?? [])
        }

        guard case .allowed(let identityAllows, let limits) = identitySide else {
            if resourceGrant?.strength == .account, case .noIdentityAllow = identitySide {
                // The resource side matched, but only by trusting the account.
                return implicitDeny(
                    "the \(resourceKind) trusts the caller's account, so an identity-based Allow is also needed, and none allows \(requestText)",
                    deniedBy: "identity", candidates: policies.identity)
            }
            return identitySideDenial(identitySide, crossAccount: false)
        }
        return AuthorizationResult(
            decision: .allow, matched: identityAllows + resourceAllows, guardrails: guardrails + limits,
            reason: resourceGrant == nil ? "allowed by the caller's identity-based policies" : resourceGrantReason(.account))
    }

    struct ResourceGrant {
        var strength: PrincipalMatch
    }

    /// The resource-based grant after S3 Block Public Access: with `RestrictPublicBuckets` on, a
    /// public bucket policy lets in only service principals and callers of the owner's account.
    func effectiveResourceGrant(_ scan: LayerScan?) -> ResourceGrant? {
        guard let scan, let strongest = scan.strongestAllow else { return nil }
        if policies.s3RestrictPublicBuckets == true, request.resource.hasService("s3") || request.lowercasedAction.hasPrefix("s3:"),
           let document = policies.resource?.document, PublicPolicy.isPublic(document) {
            let insideAccount = request.principalAccount != nil && request.principalAccount == request.resourceAccount
            if !request.principalIsService && !insideAccount { return nil }
        }
        return ResourceGrant(strength: strongest)
    }

    enum SideOutcome {
        case allowed(grants: [StatementRef], limits: [StatementRef])
        case noIdentityAllow
        case boundaryDenies
        case sessionDenies
        case sessionPolicyRequired

        /// Identity statements that also allow, reported alongside a resource-based grant.
        var grants: [StatementRef] {
            if case .allowed(let grants, _) = self { return grants }
            return []
        }
    }

    func identitySideOutcome(identity: LayerScan, boundary: LayerScan?, session: LayerScan?) -> SideOutcome {
        if isRoot { return .allowed(grants: [], limits: []) }
        guard identity.allowed else { return .noIdentityAllow }
        switch roleGrantLimits(boundary: boundary, session: session) {
        case .allowed(_, let limits): return .allowed(grants: identity.allows, limits: limits)
        case let other: return other
        }
    }

    /// The boundary and session-policy checks on their own.
    func roleGrantLimits(boundary: LayerScan?, session: LayerScan?) -> SideOutcome {
        var limits: [StatementRef] = []
        if let boundary {
            guard boundary.allowed else { return .boundaryDenies }
            limits += boundary.allows
        }
        if let session {
            guard session.allowed else { return .sessionDenies }
            limits += session.allows
        } else if request.principalIsFederatedUser {
            return .sessionPolicyRequired
        }
        return .allowed(grants: [], limits: limits)
    }

    func identitySideDenial(_ outcome: SideOutcome, crossAccount: Bool) -> AuthorizationResult {
        let prefix = crossAccount ? "cross-account request: " : ""
        switch outcome {
        case .allowed:
            return implicitDeny("\(prefix)no policy allows \(requestText)", deniedBy: "identity", candidates: policies.identity)
        case .noIdentityAllow:
            var candidates = policies.identity
            if !crossAccount, let resourcePolicy = policies.resource { candidates.append(resourcePolicy) }
            let subject = crossAccount ? "the caller's identity-based policies do not allow" : "no identity-based or resource-based policy allows"
            return implicitDeny("\(prefix)\(subject) \(requestText)", deniedBy: "identity", candidates: candidates)
        case .boundaryDenies:
            return implicitDeny("\(prefix)the permissions boundary does not allow \(requestText)", deniedBy: "permissionBoundary",
                                candidates: policies.permissionsBoundary ?? [])
        case .sessionDenies:
            return implicitDeny("\(prefix)the session policy does not allow \(requestText)", deniedBy: "session",
                                candidates: policies.session.map { [$0] } ?? [])
        case .sessionPolicyRequired:
            return implicitDeny("\(prefix)a federated-user session has only the permissions its session policy passes, and it has none",
                                deniedBy: "session", candidates: [])
        }
    }

    /// Service principals, anonymous callers and the account root have no identity policies:
    /// the resource side decides (the root has full access in its own account).
    func decideWithoutIdentityPolicies(resourceGrant: ResourceGrant?, resourceAllows: [StatementRef], guardrails: [StatementRef]) -> AuthorizationResult {
        if let resourceGrant, resourceGrant.strength.isDirect || isRoot {
            return AuthorizationResult(
                decision: .allow, matched: resourceAllows, guardrails: guardrails,
                reason: resourceGrant.strength == .everyone
                    ? "allowed by the \(resourceKind), which allows everyone (`*`)"
                    : "allowed by the \(resourceKind), which names `\(principal)`")
        }
        if isRoot, !request.isCrossAccount, !resourcePolicyMustAllow {
            return AuthorizationResult(
                decision: .allow, guardrails: guardrails,
                reason: "the account root user has full access to its own account's resources")
        }
        let who: String
        switch principal {
        case .anonymous: who = "anonymous requests"
        case .service(let name): who = "the service principal `\(name)`"
        default: who = "`\(principal)`"
        }
        return implicitDeny(
            policies.resource == nil
                ? "no \(resourceKind) allows \(who) \(requestText)"
                : "the \(resourceKind) does not allow \(who) \(requestText)",
            deniedBy: "resource", candidates: policies.resource.map { [$0] } ?? [])
    }

    /// An implicit deny with the nearest misses among `candidates`' Allow statements.
    func implicitDeny(_ reason: String, deniedBy: String, candidates: [NamedPolicy]) -> AuthorizationResult {
        var misses: [(score: Int, miss: NearMiss)] = []
        for policy in candidates {
            for statement in policy.document.statements where statement.effect == .allow {
                let mismatches = StatementMatcher.mismatches(statement, document: policy.document, request: request)
                guard !mismatches.isEmpty else { continue }
                let score = mismatches.reduce(0) { total, mismatch in
                    switch mismatch.element {
                    case .action: total + 8
                    case .resource, .principal: total + 2
                    case .condition: total + 1
                    }
                }
                let ref = StatementRef(policy: policy.id, index: statement.index, sid: statement.sid,
                                       effect: statement.effect, position: statement.position)
                misses.append((score, NearMiss(statement: ref, mismatches: mismatches)))
            }
        }
        misses.sort { ($0.score, $0.miss.statement) < ($1.score, $1.miss.statement) }
        let nearest = misses.prefix(3).map(\.miss)
        var missing: Set<String> = []
        for miss in nearest {
            for mismatch in miss.mismatches where mismatch.element == .condition {
                if let key = mismatch.key, request.context[key] == nil { missing.insert(key) }
            }
        }
        return AuthorizationResult(
            decision: .implicitDeny, reason: reason, deniedBy: deniedBy, nearMisses: Array(nearest),
            missingContextKeys: missing.sorted())
    }
}
