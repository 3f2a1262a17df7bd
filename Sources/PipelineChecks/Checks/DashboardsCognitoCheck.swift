import AccessInventory
import PipelineRequirements
import PolicyModel

/// `dashboards.cognito`: Dashboards users sign in through the domain's Cognito identity pool,
/// only authenticated identities of that pool get the authenticated role, unauthenticated
/// identities are off, and the domain lets the role in.
struct DashboardsCognitoCheck: StackCheck {
    let id = CheckID.dashboardsCognito

    func run(_ context: CheckContext) -> CheckResult {
        let domain: Domain, pool: IdentityPool?, poolId: String, role: InventoryPrincipal
        switch DashboardsRequirements.signIn(in: context.inventory) {
        case .none:
            return context.result(id, .skipped, "no domain signs Dashboards users in with Cognito", at: nil)
        case .noPool(let domain):
            return context.result(id, .fail, "Cognito is enabled on `\(domain.identity.label)` without an identity pool", at: domain.identity.location)
        case .noRole(let domain, let poolId):
            return context.result(id, .unknown, "no authenticated role of the inputs is attached to identity pool `\(poolId)` (`aws cognito-identity get-identity-pool-roles --identity-pool-id \(poolId)` prints its roles)", at: domain.identity.location)
        case .found(let found, let foundPool, let foundPoolId, let foundRole):
            (domain, pool, poolId, role) = (found, foundPool, foundPoolId, foundRole)
        }
        let requirements = DashboardsRequirements(domain: domain, poolId: poolId, authenticatedRoleARN: role.arn)
        let requests = requirements.requests.compactMap(context.evaluator.evaluate)
        var settings: [String] = []
        // Another pool's id cannot be told apart from a symbolic one by evaluation; require the
        // trust to pin `aud` to this pool instead.
        if requirements.poolIdIsSymbolic, !Self.trustPinsAudience(role, to: poolId) {
            settings.append("the trust policy of `\(role.label)` does not require `cognito-identity.amazonaws.com:aud` to be `\(poolId)`, so identities of other pools can assume it")
        }
        if pool?.allowsUnauthenticatedIdentities == true {
            settings.append("identity pool `\(pool?.identity.label ?? poolId)` allows unauthenticated identities")
        }
        var status = CheckStatus(requests.combinedVerdict)
        var reason = requests.firstProblem ?? "`\(role.label)` is assumable only by authenticated identities of the pool, and the domain policy lets it in"
        if status != .fail, let problem = settings.first {
            status = .fail
            reason = problem
        }
        return context.result(id, status, reason, requests: requests, at: role.location)
    }

    /// Every Allow of the trust that admits the Cognito provider requires `aud` = `poolId`.
    static func trustPinsAudience(_ role: InventoryPrincipal, to poolId: String) -> Bool {
        let allows = role.trust?.document.statements.filter { statement in
            statement.effect == .allow && (statement.principal?.entries.contains { $0.value == DashboardsRequirements.provider } ?? false)
        } ?? []
        return !allows.isEmpty && allows.allSatisfy { statement in
            statement.conditions.contains { clause in
                clause.lookupKey == "cognito-identity.amazonaws.com:aud" && !clause.operator.base.isNegated && !clause.operator.ifExists
                    && clause.operator.qualifier == nil && clause.values.allSatisfy { $0.text == poolId }
            }
        }
    }
}
