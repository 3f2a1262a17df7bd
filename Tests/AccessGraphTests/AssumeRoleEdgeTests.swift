import AccessGraph
import AccessInventory
import PolicyModel
import Testing

/// `can-assume`: the trust policy asked with the context each caller sends, and for principals
/// of the inventory their own policies as well. Each edge carries the statements it rests on.
@Suite struct AssumeRoleEdgeTests {
    typealias Fixture = GraphFixture
    static let app = Fixture.roleARN("App")

    static let lambdaTrust = #"{"Sid": "Lambda", "Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}"#
    static let accountTrust = #"{"Sid": "Account", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"}"#
    static let assumeApp = #"{"Sid": "AssumeApp", "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::111122223333:role/App"}"#

    func graph(trust: String..., principals: [InventoryPrincipal] = [], pools: [IdentityPool] = []) throws -> AccessGraph {
        let app = Fixture.role("App", trust: try Fixture.policy("App.Trust", statements: trust))
        var inventory = Fixture.inventory(principals: [app] + principals)
        inventory.identityPools = pools
        return try Fixture.build(inventory)
    }

    @Test func aServiceTheTrustNamesCanAssumeTheRole() throws {
        let graph = try graph(trust: Self.lambdaTrust)
        let edge = try #require(graph.edges(.canAssume, from: "lambda.amazonaws.com", to: Self.app).only)
        #expect(edge.status == .allowed)
        #expect(edge.actions == ["sts:AssumeRole"])
        #expect(edge.evidence.map(\.description) == ["App.Trust statement 0 (Lambda) at 2:3"])
        #expect(edge.reason == "allowed by the role trust policy, which names `lambda.amazonaws.com`")
        #expect(graph.nodes.contains(AccessGraph.Node(id: "lambda.amazonaws.com", kind: .servicePrincipal, label: "lambda.amazonaws.com")))
    }

    /// OpenSearch Ingestion sends the pipeline's ARN; without a pipeline in the inventory nobody
    /// knows it, so the edge could exist and is kept as undetermined, naming what it hinges on.
    @Test func aSourceArnConditionTheServiceContextLacksIsUndetermined() throws {
        let graph = try graph(trust: #"""
        {"Sid": "Pipeline", "Effect": "Allow", "Principal": {"Service": "osis-pipelines.amazonaws.com"}, "Action": "sts:AssumeRole", "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:osis:us-east-1:111122223333:pipeline/*"}}}
        """#)
        let edge = try #require(graph.edges(.canAssume, from: "osis-pipelines.amazonaws.com", to: Self.app).only)
        #expect(edge.status == .undetermined)
        #expect(edge.reason.hasSuffix("undetermined: App.Trust statement 0 (Pipeline) depends on `ArnLike` on `aws:SourceArn`, whose value is unknown"))
        #expect(edge.evidence.map(\.description) == ["App.Trust statement 0 (Pipeline) at 2:3"])
    }

    /// A pipeline of the inventory tells which ARN OpenSearch Ingestion sends for its role.
    @Test func aPipelineOfTheInventorySuppliesTheSourceArn() throws {
        let trust = try Fixture.policy("App.Trust", #"""
        {"Sid": "Pipeline", "Effect": "Allow", "Principal": {"Service": "osis-pipelines.amazonaws.com"}, "Action": "sts:AssumeRole", "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:osis:us-east-1:111122223333:pipeline/*"}}}
        """#)
        var inventory = Fixture.inventory(principals: [Fixture.role("App", trust: trust)], tables: [Fixture.table()])
        inventory.pipelines = [try Fixture.pipeline(roleName: "App", asResource: true)]
        let edge = try #require(try Fixture.build(inventory).edges(.canAssume, from: "osis-pipelines.amazonaws.com", to: Self.app).only)
        #expect(edge.status == .allowed)
        #expect(edge.evidence.map(\.description) == ["App.Trust statement 0 (Pipeline) at 2:3"])
    }

    /// The service acts for the role's own account: a condition on `aws:SourceAccount` is decided.
    @Test func aSourceAccountConditionIsDecidedByTheRolesAccount() throws {
        let ownAccount = try graph(trust: #"""
        {"Sid": "Lambda", "Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}}
        """#)
        #expect(ownAccount.edges(.canAssume, from: "lambda.amazonaws.com", to: Self.app).map(\.status) == [.allowed])
        let otherAccount = try graph(trust: #"""
        {"Sid": "Lambda", "Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:SourceAccount": "444455556666"}}}
        """#)
        #expect(otherAccount.edges.isEmpty)
    }

    @Test func aUserWhoseGroupAllowsAssumeRoleReachesARoleThatTrustsTheAccount() throws {
        let alice = Fixture.user("alice", groups: [(name: "Operators", policy: try Fixture.policy("Operators.Assume", Self.assumeApp))])
        let graph = try graph(trust: Self.accountTrust, principals: [alice])
        let edge = try #require(graph.edges(.canAssume, from: Fixture.userARN("alice"), to: Self.app).only)
        #expect(edge.status == .allowed)
        #expect(edge.reason == "allowed by the caller's identity-based policies; the role trust policy trusts the account")
        // Both sides: the user's permission and the trust statement that admits its account.
        #expect(edge.evidence.map(\.description) == ["Operators.Assume statement 0 (AssumeApp) at 2:3", "App.Trust statement 0 (Account) at 2:3"])
        #expect(graph.nodes.contains(AccessGraph.Node(id: Fixture.userARN("alice"), kind: .user, label: "alice")))
    }

    @Test func aUsersInlinePolicyCountsLikeAGroupPolicy() throws {
        let alice = Fixture.user("alice", policies: [try Fixture.policy("alice.Assume", Self.assumeApp)])
        let graph = try graph(trust: Self.accountTrust, principals: [alice])
        let edge = try #require(graph.edges(.canAssume, from: Fixture.userARN("alice"), to: Self.app).only)
        #expect(edge.evidence.map(\.description) == ["alice.Assume statement 0 (AssumeApp) at 2:3", "App.Trust statement 0 (Account) at 2:3"])
    }

    @Test func aUserWithoutPermissionToAssumeHasNoEdge() throws {
        let bob = Fixture.user("bob", policies: [try Fixture.policy("bob.Read", #"{"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*"}"#)])
        let carol = Fixture.user("carol", policies: [try Fixture.policy("carol.Assume", Self.assumeApp,
            #"{"Sid": "NoRoles", "Effect": "Deny", "Action": "sts:*", "Resource": "*"}"#)])
        let graph = try graph(trust: Self.accountTrust, principals: [bob, carol])
        #expect(graph.edges.filter { $0.from == Fixture.userARN("bob") || $0.from == Fixture.userARN("carol") }.isEmpty)
    }

    /// A trust that names the account lets in whoever the account allows; the account's own
    /// policies are not in the inputs, so the edge from the account is undetermined.
    @Test func anExternalAccountInTheTrustIsAnUndeterminedAccountNode() throws {
        let graph = try graph(trust: #"{"Sid": "Partner", "Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "sts:AssumeRole"}"#)
        let edge = try #require(graph.edges(.canAssume, from: "444455556666", to: Self.app).only)
        #expect(edge.status == .undetermined)
        #expect(edge.reason == "cross-account request: the caller's identity-based policies do not allow `sts:AssumeRole` on `arn:aws:iam::111122223333:role/App`; "
            + "undetermined: `444455556666` is outside the inputs, so whether its own identity-based policies allow `sts:AssumeRole` is unknown")
        // Only statements of the inputs: the trust statement, not the stand-in for the account's policies.
        #expect(edge.evidence.map(\.description) == ["App.Trust statement 0 (Partner) at 2:3"])
        #expect(graph.nodes.contains(AccessGraph.Node(id: "444455556666", kind: .account, label: "444455556666")))
    }

    @Test func principalsOfAnotherAccountAreNodesOfTheirKind() throws {
        let graph = try graph(trust: #"""
        {"Sid": "Partner", "Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::444455556666:user/dave", "arn:aws:iam::444455556666:role/Deployer"]}, "Action": "sts:AssumeRole"}
        """#)
        let kinds = Dictionary(uniqueKeysWithValues: graph.nodes.map { ($0.id, $0.kind) })
        #expect(kinds["arn:aws:iam::444455556666:user/dave"] == .user)
        #expect(kinds["arn:aws:iam::444455556666:role/Deployer"] == .role)
        #expect(graph.edges.map(\.status) == [.undetermined, .undetermined])
    }

    /// Trust policies often name one service in several statements (`sts:AssumeRole` and
    /// `sts:TagSession`, or with and without a condition): still one caller, one edge.
    @Test func aPrincipalNamedInSeveralStatementsHasOneEdge() throws {
        let graph = try graph(trust: Self.lambdaTrust,
                              #"{"Sid": "LambdaTags", "Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:TagSession"}"#)
        let edge = try #require(graph.edges(.canAssume, from: "lambda.amazonaws.com", to: Self.app).only)
        #expect(edge.evidence.map(\.description) == ["App.Trust statement 0 (Lambda) at 2:3"])
    }

    static let cognitoTrust = #"""
    {"Sid": "SignedIn", "Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"cognito-identity.amazonaws.com:aud": "us-east-1:11111111-2222-3333-4444-555555555555"}, "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}}}
    """#

    /// Cognito sends the pool's id as `aud` and `authenticated` or `unauthenticated` as `amr`,
    /// depending on which of the pool's roles is asked for.
    @Test func cognitoAssumesTheAuthenticatedRoleOfItsPool() throws {
        let graph = try graph(trust: Self.cognitoTrust, pools: [Fixture.identityPool(authenticatedRole: "App")])
        let edge = try #require(graph.edges(.canAssume, from: "cognito-identity.amazonaws.com", to: Self.app).only)
        #expect(edge.status == .allowed)
        #expect(edge.actions == ["sts:AssumeRoleWithWebIdentity"])
        #expect(edge.evidence.map(\.description) == ["App.Trust statement 0 (SignedIn) at 2:3"])
        #expect(graph.nodes.first { $0.id == "cognito-identity.amazonaws.com" }?.kind == .federatedPrincipal)
    }

    @Test func cognitoCannotAssumeAnAuthenticatedOnlyRoleForGuests() throws {
        let graph = try graph(trust: Self.cognitoTrust, pools: [Fixture.identityPool(authenticatedRole: nil, unauthenticatedRole: "App")])
        #expect(graph.edges.isEmpty)
    }

    /// Without a pool that attaches the role, `aud` and `amr` are unknown, not absent.
    @Test func cognitoWithoutItsPoolIsUndetermined() throws {
        let graph = try graph(trust: Self.cognitoTrust)
        let edge = try #require(graph.edges(.canAssume, from: "cognito-identity.amazonaws.com", to: Self.app).only)
        #expect(edge.status == .undetermined)
        #expect(edge.reason.contains("`cognito-identity.amazonaws.com:aud`"))
    }
}

extension Collection {
    /// The single element, or nil when there are none or several.
    var only: Element? { count == 1 ? first : nil }
}
