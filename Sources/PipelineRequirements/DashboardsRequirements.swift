import AccessInventory
import PolicyEvaluation
import PolicyModel

/// What a domain that signs Dashboards users in with Cognito needs: the pool's authenticated
/// identities can assume the authenticated role, unauthenticated ones and other pools' cannot,
/// and the role's sessions can open Dashboards ("Configuring Amazon Cognito authentication for
/// OpenSearch Dashboards").
package struct DashboardsRequirements: Sendable {
    package static let provider = "cognito-identity.amazonaws.com"
    /// The session name Cognito gives the credentials it hands out.
    package static let sessionName = "CognitoIdentityCredentials"
    /// The condition keys Cognito sends: the pool (`aud`) and how the identity signed in (`amr`).
    package static let audienceKey = "cognito-identity.amazonaws.com:aud"
    package static let authenticationMethodKey = "cognito-identity.amazonaws.com:amr"
    /// Another pool's id, for the request that must be refused.
    static let otherPool = "us-east-1:00000000-0000-0000-0000-000000000000"

    /// What a signed-in user's browser sends through Dashboards: each HTTP method it uses, on a
    /// representative path, and why.
    static let dashboardsCalls: [(action: String, path: String, purpose: String)] = [
        ("es:ESHttpGet", "_dashboards/app/home", "open Dashboards and read saved objects"),
        ("es:ESHttpHead", "_dashboards/api/status", "check that indices and objects exist"),
        ("es:ESHttpPost", "_dashboards/internal/search/opensearch", "run searches"),
        ("es:ESHttpPut", "_dashboards/api/saved_objects/dashboard/overview", "save dashboards and visualizations"),
        ("es:ESHttpDelete", "_dashboards/api/saved_objects/dashboard/overview", "delete saved objects"),
    ]

    /// How one domain signs Dashboards users in: the identity pool it names and the
    /// authenticated role attached to that pool. The check and the generator read it from here.
    package enum SignIn: Sendable {
        /// No domain signs users in with Cognito.
        case none
        /// Cognito is on, but the domain names no identity pool.
        case noPool(Domain)
        /// No role of the inventory is the pool's authenticated role.
        case noRole(Domain, poolId: String)
        case found(Domain, pool: IdentityPool?, poolId: String, role: InventoryPrincipal)
    }

    /// Every domain with Cognito enabled, in inventory order, with how it signs users in.
    package static func signIns(in inventory: Inventory) -> [SignIn] {
        inventory.domains.filter { $0.cognito?.enabled == true }.map { domain in
            guard let poolId = domain.cognito?.identityPoolId?.value else { return .noPool(domain) }
            let pool = inventory.identityPools.first { $0.poolId == poolId }
            guard let roleARN = pool?.authenticatedRoleARN?.value, let role = inventory.role(arn: roleARN) else { return .noRole(domain, poolId: poolId) }
            return .found(domain, pool: pool, poolId: poolId, role: role)
        }
    }

    /// The first domain's sign-in, which the generator writes documents for.
    package static func signIn(in inventory: Inventory) -> SignIn {
        signIns(in: inventory).first ?? .none
    }

    package var requests: [RequiredRequest]
    /// True when the pool id is symbolic, so another pool's identities cannot be told apart by
    /// evaluation: the trust must then pin `aud` to this pool.
    package var poolIdIsSymbolic: Bool

    /// - Parameters:
    ///   - authenticatedRoleARN: the pool's role for signed-in users; nil when the inputs do not
    ///     hold it (only the guests' requests are made then).
    ///   - unauthenticatedRoleARN: the pool's role for guests, when it has one: its sessions must
    ///     not reach the domain.
    package init(domain: Domain, poolId: String, authenticatedRoleARN: String?, unauthenticatedRoleARN: String? = nil) {
        self.poolIdIsSymbolic = SymbolToken.containsToken(poolId)
        var requests: [RequiredRequest] = []
        if let authenticatedRoleARN {
            func assume(amr: [String], aud: String, expectation: Decision, purpose: String) -> RequiredRequest {
                RequiredRequest(
                    area: .dashboards, caller: .webIdentity(Self.provider), action: "sts:AssumeRoleWithWebIdentity", resource: authenticatedRoleARN,
                    grantScope: authenticatedRoleARN,
                    context: [Self.audienceKey: .single(aud), Self.authenticationMethodKey: .multiple(amr)],
                    expectation: expectation, resourcePolicy: .trustPolicy(roleARN: authenticatedRoleARN), purpose: purpose,
                    documentation: RequirementSource.cognitoDashboards)
            }
            requests = [
                assume(amr: ["authenticated", "cognito-idp.amazonaws.com"], aud: poolId, expectation: .allow,
                       purpose: "signed-in users of the pool get the authenticated role"),
                assume(amr: ["unauthenticated"], aud: poolId, expectation: .implicitDeny, purpose: "guests of the pool do not"),
            ]
            if !poolIdIsSymbolic {
                requests.append(assume(amr: ["authenticated"], aud: Self.otherPool, expectation: .implicitDeny, purpose: "another pool's users do not"))
            }
            for (action, path, purpose) in Self.dashboardsCalls {
                requests.append(RequiredRequest(
                    area: .dashboards, caller: .roleSession(roleARN: authenticatedRoleARN, sessionName: Self.sessionName), action: action,
                    resource: "\(domain.identity.arn)/\(path)", grantScope: "\(domain.identity.arn)/*",
                    resourcePolicy: .domainPolicy(domain: domain.identity.label), purpose: purpose, documentation: RequirementSource.cognitoDashboards))
            }
        }
        if let unauthenticatedRoleARN {
            for (action, path, _) in Self.dashboardsCalls {
                requests.append(RequiredRequest(
                    area: .dashboards, caller: .roleSession(roleARN: unauthenticatedRoleARN, sessionName: Self.sessionName), action: action,
                    resource: "\(domain.identity.arn)/\(path)", grantScope: "\(domain.identity.arn)/*", expectation: .implicitDeny,
                    resourcePolicy: .domainPolicy(domain: domain.identity.label), purpose: "the pool's guests do not reach Dashboards",
                    documentation: RequirementSource.cognitoDashboards))
            }
        }
        self.requests = requests
    }
}
