import AccessInventory
import PipelineRequirements
import PolicyEvaluation
import PolicyModel

/// `dashboards.cognito`, once per domain that signs Dashboards users in with Cognito, with or
/// without a pipeline: the domain names an identity pool, the pool's unauthenticated identities
/// are off, only authenticated identities of that pool get the authenticated role (its trust
/// requires `aud` and `amr`), the domain lets that role in, and the pool's role for guests, if
/// it has one, cannot reach the domain.
enum DashboardsCognitoCheck {
    static let id = CheckID.dashboardsCognito

    static func run(_ inventory: Inventory, evaluator: RequirementEvaluator) -> [CheckResult] {
        let signIns = DashboardsRequirements.signIns(in: inventory)
        guard !signIns.isEmpty else {
            return [CheckResult(id: id, status: .skipped, reason: "no domain signs Dashboards users in with Cognito", location: nil)]
        }
        return signIns.map { check($0, inventory: inventory, evaluator: evaluator) }
    }

    static func check(_ signIn: DashboardsRequirements.SignIn, inventory: Inventory, evaluator: RequirementEvaluator) -> CheckResult {
        let domain: Domain, poolId: String, role: InventoryPrincipal?
        switch signIn {
        case .none:
            return CheckResult(id: id, status: .skipped, reason: "no domain signs Dashboards users in with Cognito", location: nil)
        case .noPool(let domain):
            return CheckResult(id: id, status: .fail, reason: "Cognito is enabled on `\(domain.identity.label)` without an identity pool",
                               location: domain.identity.location, subject: CheckSubject(domain))
        case .noRole(let found, let foundPoolId):
            (domain, poolId, role) = (found, foundPoolId, nil)
        case .found(let found, _, let foundPoolId, let foundRole):
            (domain, poolId, role) = (found, foundPoolId, foundRole)
        }
        let pool = inventory.identityPools.first { $0.poolId == poolId }
        let guestRole = pool?.unauthenticatedRoleARN?.value
        let requirements = DashboardsRequirements(domain: domain, poolId: poolId, authenticatedRoleARN: role?.arn, unauthenticatedRoleARN: guestRole)
        let requests = requirements.requests.compactMap(evaluator.evaluate)
        let poolName = pool?.identity.label ?? poolId
        var settings: [String] = []
        if pool?.allowsUnauthenticatedIdentities == true {
            settings.append("identity pool `\(poolName)` allows unauthenticated identities")
        }
        // Another pool's id cannot be told apart from a symbolic one by evaluation; require the
        // trust to pin `aud` to this pool instead.
        if let role, requirements.poolIdIsSymbolic, !trustPinsAudience(role, to: poolId) {
            settings.append("the trust policy of `\(role.label)` does not require `\(DashboardsRequirements.audienceKey)` to be `\(poolId)`, so identities of other pools can assume it")
        }
        var status = CheckStatus(requests.combinedVerdict)
        var reason = requests.first { $0.verdict == .unmet }.flatMap { explain($0, role: role, poolId: poolId, poolName: poolName, domain: domain) }
            ?? requests.firstProblem
            ?? "`\(role?.label ?? "")` is assumable only by authenticated identities of the pool, and the domain policy lets it in"
        if status != .fail, let problem = settings.first {
            status = .fail
            reason = problem
        } else if role == nil, status == .pass {
            status = .unknown
            reason = "the authenticated role of identity pool `\(poolName)` is not in the inputs, so who may sign in to `\(domain.identity.label)` is unknown "
                + "(a template or snapshot that attaches the pool's roles, `AWS::Cognito::IdentityPoolRoleAttachment` or `aws cognito-identity get-identity-pool-roles`, would tell)"
        } else if pool?.allowsUnauthenticatedIdentities == nil, status == .pass {
            // Guests switched on fail the check, so not knowing the setting cannot pass it.
            status = .unknown
            reason = "whether identity pool `\(poolName)` allows unauthenticated identities is unknown: the inputs attach its roles but do not define the pool "
                + "(an `AWS::Cognito::IdentityPool` or `aws cognito-identity describe-identity-pool --identity-pool-id \(poolId)` would tell)"
        }
        return CheckResult(id: id, status: status, reason: reason, requests: requests, location: role?.location ?? domain.identity.location,
                           subject: CheckSubject(domain))
    }

    /// What a refused requirement means for sign-in, naming the condition key or the role; nil
    /// for the authenticated users' own requests, which the evaluator's reason explains.
    static func explain(_ request: EvaluatedRequest, role: InventoryPrincipal?, poolId: String, poolName: String, domain: Domain) -> String? {
        guard request.expectation != .allow else { return nil }
        let evidence = "\(request.decision.rawValue) — \(request.reason)"
        switch request.requirement.caller {
        case .webIdentity:
            let roleLabel = role?.label ?? request.resource
            if request.requirement.context[DashboardsRequirements.audienceKey] == .single(poolId) {
                return "the trust policy of `\(roleLabel)` lets the pool's unauthenticated identities assume it: it does not require "
                    + "`\(DashboardsRequirements.authenticationMethodKey)` to be `authenticated` (\(evidence))"
            }
            return "the trust policy of `\(roleLabel)` lets identities of other pools assume it: it does not require "
                + "`\(DashboardsRequirements.audienceKey)` to be `\(poolId)` (\(evidence))"
        case .roleSession(let roleARN, _):
            return "the unauthenticated role `\(roleARN)` of identity pool `\(poolName)` may call `\(request.action)` on `\(domain.identity.label)`, "
                + "so the pool's guests could reach Dashboards (\(evidence))"
        case .service, .user:
            return nil
        }
    }

    /// Every Allow of the trust that admits the Cognito provider requires `aud` = `poolId`.
    static func trustPinsAudience(_ role: InventoryPrincipal, to poolId: String) -> Bool {
        let allows = role.trust?.document.statements.filter { statement in
            statement.effect == .allow && (statement.principal?.entries.contains { $0.value == DashboardsRequirements.provider } ?? false)
        } ?? []
        return !allows.isEmpty && allows.allSatisfy { statement in
            statement.conditions.contains { clause in
                clause.lookupKey == DashboardsRequirements.audienceKey && !clause.operator.base.isNegated && !clause.operator.ifExists
                    && clause.operator.qualifier == nil && clause.values.allSatisfy { $0.text == poolId }
            }
        }
    }
}
