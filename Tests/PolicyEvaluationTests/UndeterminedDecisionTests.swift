import PolicyEvaluation
import PolicyModel
import PolicyParsing
import Testing

/// Unknown values (symbolic template tokens, context keys marked unknown) come out of the same
/// pass as the decision: `undetermined` says which decisions remain possible and which statements
/// the answer hinges on, and stays nil when no unknown value could change it.
@Suite struct UndeterminedDecisionTests {
    static let session = "arn:aws:sts::111122223333:assumed-role/PipelineRole/osis"
    static let bucketToken = "\u{27E6}Ref.Bucket\u{27E7}"

    static func policy(_ id: String, _ statements: String) throws -> NamedPolicy {
        NamedPolicy(id: id, document: try PolicyParser.parse(#"{"Version": "2012-10-17", "Statement": ["# + statements + "]}"))
    }

    static func request(_ action: String, _ resource: String, context: RequestContext = RequestContext()) -> AuthorizationRequest {
        AuthorizationRequest(principal: RequestPrincipal(session), action: action, resource: resource, resourceAccount: "111122223333", context: context)
    }

    @Test func aSymbolicResourceLeavesTheGrantOpen() throws {
        let identity = try Self.policy("identity[0]", """
        {"Sid": "Bucket", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::exports/*"},
        {"Sid": "Table", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:dynamodb:*:*:table/*"}
        """)
        let result = Authorizer().authorize(Self.request("s3:GetObject", "arn:aws:s3:::\(Self.bucketToken)/key"), policies: PolicySet(identity: [identity]))
        #expect(result.decision == .implicitDeny)
        #expect(result.determinedDecision == nil)
        let undetermined = try #require(result.undetermined)
        #expect(undetermined.possibleDecisions == [.implicitDeny, .allow])
        #expect(undetermined.residuals.map(\.statement.sid) == ["Bucket"])
        #expect(undetermined.residuals.first?.layer == .identity)
        #expect(undetermined.residuals.first?.appliesLiterally == false)
        #expect(undetermined.residuals.first?.comparisons == ["`Resource` `arn:aws:s3:::exports/*` against `arn:aws:s3:::\(Self.bucketToken)/key`"])
    }

    @Test func concreteValuesAreDetermined() throws {
        let identity = try Self.policy("identity[0]", #"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::exports/*"}"#)
        let result = Authorizer().authorize(Self.request("s3:GetObject", "arn:aws:s3:::other/key"), policies: PolicySet(identity: [identity]))
        #expect(result.decision == .implicitDeny)
        #expect(result.isDetermined)
        #expect(result.determinedDecision == .implicitDeny)
    }

    /// A residual Allow that a certain refusal elsewhere outweighs does not make the answer open.
    @Test func aResidualThatCannotChangeTheDecisionIsNotReported() throws {
        let identity = try Self.policy("identity[0]", #"{"Sid": "Bucket", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::exports/*"}"#)
        let boundary = try Self.policy("permissionBoundary[0]", #"{"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"}"#)
        let result = Authorizer().authorize(Self.request("s3:GetObject", "arn:aws:s3:::\(Self.bucketToken)/key"),
                                            policies: PolicySet(identity: [identity], permissionsBoundary: [boundary]))
        #expect(result.decision == .implicitDeny)
        #expect(result.isDetermined)
    }

    @Test func aContextKeyMarkedUnknownNamesTheStatementsItHingesOn() throws {
        let identity = try Self.policy("identity[0]", """
        {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
        {"Sid": "OnlyFromVpc", "Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:SourceVpc": "vpc-1"}}},
        {"Sid": "Unrelated", "Effect": "Deny", "Action": "iam:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
        """)
        var context = RequestContext()
        context.markUnknown("aws:SourceVpc")
        #expect(context.unknownKeys == ["aws:SourceVpc"])
        let result = Authorizer().authorize(Self.request("s3:GetObject", "arn:aws:s3:::exports/key", context: context), policies: PolicySet(identity: [identity]))
        // As written the key is absent, so the negated condition holds and the Deny applies.
        #expect(result.decision == .explicitDeny)
        let undetermined = try #require(result.undetermined)
        #expect(undetermined.possibleDecisions == [.explicitDeny, .allow])
        #expect(undetermined.residuals.map(\.statement.sid) == ["OnlyFromVpc"])
        #expect(undetermined.residuals.first?.unknownKeys == ["aws:SourceVpc"])
        #expect(undetermined.residuals.first?.comparisons == ["`StringNotEquals` on `aws:SourceVpc`, whose value is unknown"])

        // A key nothing tests leaves the decision as it is.
        var other = RequestContext()
        other.markUnknown("aws:SourceIp")
        let unaffected = Authorizer().authorize(Self.request("s3:GetObject", "arn:aws:s3:::exports/key", context: other),
                                                policies: PolicySet(identity: [try Self.policy("identity[0]", #"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}"#)]))
        #expect(unaffected.decision == .allow)
        #expect(unaffected.isDetermined)
    }

    /// An Allow that holds unless the key is `a` and a Deny that holds when it is `b`: the key
    /// absent allows, `b` denies explicitly, and `a` matches neither, an implicit deny that
    /// neither extreme reading (every Allow and no Deny; every Deny and no Allow) shows. Found by
    /// `DifferentialTests`.
    @Test func aDecisionBetweenTheExtremesIsListedAsPossible() throws {
        let identity = try Self.policy("identity[0]", """
        {"Sid": "UnlessA", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringNotEquals": {"aws:PrincipalTag/team": "a"}}},
        {"Sid": "DenyB", "Effect": "Deny", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalTag/team": "b"}}}
        """)
        var context = RequestContext()
        context.markUnknown("aws:PrincipalTag/team")
        let result = Authorizer().authorize(Self.request("s3:GetObject", "arn:aws:s3:::exports/key", context: context), policies: PolicySet(identity: [identity]))
        #expect(result.decision == .allow)
        #expect(result.undetermined?.possibleDecisions == [.explicitDeny, .implicitDeny, .allow])
        #expect(result.undetermined?.residuals.map(\.statement.sid) == ["UnlessA", "DenyB"])
    }

    /// A negated test against a symbolic value matched as written, but the real value might be
    /// the excluded one.
    @Test func aSymbolicValueUnderANegatedOperatorLeavesADenyOpen() throws {
        let identity = try Self.policy("identity[0]", """
        {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
        {"Sid": "OrgOnly", "Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:PrincipalOrgID": "o-abc"}}}
        """)
        let context = RequestContext(["aws:PrincipalOrgID": .single("\u{27E6}AWS.PrincipalOrgID\u{27E7}")])
        let result = Authorizer().authorize(Self.request("s3:GetObject", "arn:aws:s3:::exports/key", context: context), policies: PolicySet(identity: [identity]))
        #expect(result.decision == .explicitDeny)
        #expect(result.undetermined?.possibleDecisions == [.explicitDeny, .allow])
        #expect(result.undetermined?.residuals.first?.appliesLiterally == true)
        #expect(result.undetermined?.residuals.first?.comparisons == ["`StringNotEquals` on `aws:PrincipalOrgID`"])
    }

    /// The same token on both sides is the same value: nothing is open.
    @Test func equalTokensCompareAsEqual() throws {
        let identity = try Self.policy("identity[0]", #"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::\#(Self.bucketToken)/*"}"#)
        let result = Authorizer().authorize(Self.request("s3:GetObject", "arn:aws:s3:::\(Self.bucketToken)/key"), policies: PolicySet(identity: [identity]))
        #expect(result.decision == .allow)
        #expect(result.isDetermined)
    }

    /// Two different template resources never share a generated name.
    @Test func tokensOfDifferentResourcesNeverMatch() throws {
        let identity = try Self.policy("identity[0]", #"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::\u27E6Ref.Other\u27E7/*"}"#)
        let result = Authorizer().authorize(Self.request("s3:GetObject", "arn:aws:s3:::\(Self.bucketToken)/key"), policies: PolicySet(identity: [identity]))
        #expect(result.decision == .implicitDeny)
        #expect(result.isDetermined)
    }

    /// A caller in a symbolic account may or may not be in the resource's account.
    @Test func aSymbolicAccountLeavesCrossAccountOpen() throws {
        let identity = try Self.policy("identity[0]", #"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}"#)
        let request = AuthorizationRequest(principal: RequestPrincipal("arn:aws:sts::\u{27E6}AWS.AccountId\u{27E7}:assumed-role/R/s"), action: "s3:GetObject",
                                           resource: "arn:aws:s3:::exports/key", resourceAccount: "111122223333")
        let result = Authorizer().authorize(request, policies: PolicySet(identity: [identity]))
        let undetermined = try #require(result.undetermined)
        #expect(undetermined.possibleDecisions == [.implicitDeny, .allow])
        #expect(undetermined.facts == ["whether the caller's account `\u{27E6}AWS.AccountId\u{27E7}` is the resource's account `111122223333`"])
    }

    /// A symbolic role session is never a service principal: a trust naming only a service
    /// refuses it for certain.
    @Test func unknownValuesDoNotTurnOnePrincipalKindIntoAnother() throws {
        let trust = try Self.policy("resource", #"{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}"#)
        let request = AuthorizationRequest(principal: RequestPrincipal("arn:aws:sts::111122223333:assumed-role/\u{27E6}Ref.Role\u{27E7}/s"),
                                           action: "sts:AssumeRole", resource: "arn:aws:iam::111122223333:role/Target")
        let result = Authorizer().authorize(request, policies: PolicySet(resource: trust))
        #expect(result.decision == .implicitDeny)
        #expect(result.isDetermined)
    }

    @Test func aPrincipalNamingASymbolicAccountIsOpenWithItsForm() throws {
        // A bucket policy trusting a symbolic account only delegates: with no identity Allow it
        // cannot allow whatever the account turns out to be, so the deny is decided.
        let bucketPolicy = try Self.policy("resource", #"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::\u27E6AWS.AccountId\u27E7:root"}, "Action": "s3:GetObject", "Resource": "*"}"#)
        let request = Self.request("s3:GetObject", "arn:aws:s3:::exports/key")
        let alone = Authorizer().authorize(request, policies: PolicySet(resource: bucketPolicy))
        #expect(alone.decision == .implicitDeny)
        #expect(alone.isDetermined)
        // Naming the role itself could allow on its own.
        let rolePolicy = try Self.policy("resource", #"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::\u27E6AWS.AccountId\u27E7:role/PipelineRole"}, "Action": "s3:GetObject", "Resource": "*"}"#)
        let open = Authorizer().authorize(request, policies: PolicySet(resource: rolePolicy))
        #expect(open.undetermined?.possibleDecisions == [.implicitDeny, .allow])
        #expect(open.undetermined?.residuals.first?.layer == .resource)
    }

    /// A role known only by a token for its whole ARN (an import) has its sessions named by that
    /// token: a resource-based policy naming the same token names the role (so a boundary still
    /// binds), and one naming another role by its ARN might or might not.
    @Test func aSessionOfARoleNamedByATokenIsNamedByTheSameToken() throws {
        let role = "\u{27E6}ImportValue.IamStack.PipelineRoleArn\u{27E7}"
        let request = AuthorizationRequest(principal: RequestPrincipal("arn:aws:sts::111122223333:assumed-role/\(role)/osis"), action: "es:ESHttpPost",
                                           resource: "arn:aws:es:us-east-1:111122223333:domain/search/_bulk", resourceAccount: "111122223333")
        let domain = try Self.policy("domain", #"{"Sid": "Pipeline", "Effect": "Allow", "Principal": {"AWS": "\#(role)"}, "Action": "es:ESHttp*", "Resource": "*"}"#)
        let allowed = Authorizer().authorize(request, policies: PolicySet(resource: domain))
        #expect(allowed.decision == .allow)
        #expect(allowed.isDetermined)
        #expect(allowed.matched.map(\.sid) == ["Pipeline"])

        let boundary = try Self.policy("boundary", #"{"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"}"#)
        let bounded = Authorizer().authorize(request, policies: PolicySet(permissionsBoundary: [boundary], resource: domain))
        #expect(bounded.decision == .implicitDeny, "naming the role, not the session, leaves the boundary in force")

        let other = try Self.policy("domain", #"{"Sid": "Other", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/other"}, "Action": "es:ESHttp*", "Resource": "*"}"#)
        let open = Authorizer().authorize(request, policies: PolicySet(resource: other))
        #expect(open.decision == .implicitDeny)
        #expect(open.undetermined?.possibleDecisions == [.implicitDeny, .allow], "the token might name `other`")
    }
}
