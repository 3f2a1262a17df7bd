import PolicyEvaluation
import PolicyModel
import PolicyParsing
import Testing

/// A policy the inputs name but do not contain takes part as one whose statements are unknown:
/// the decision is undetermined wherever its statements could change it, and determined where
/// the other layers decide whatever it says (fail closed, never a silent pass).
@Suite struct UnknownPolicyTests {
    static let session = "arn:aws:sts::111122223333:assumed-role/PipelineRole/osis"
    static let missingBoundary = NamedPolicy(unknown: "arn:aws:iam::111122223333:policy/NoSuchBoundary",
                                             reason: "the permissions boundary `arn:aws:iam::111122223333:policy/NoSuchBoundary` is not in the inputs",
                                             position: SourcePosition(line: 12, column: 7))

    static func policy(_ id: String, _ statements: String) throws -> NamedPolicy {
        NamedPolicy(id: id, document: try PolicyParser.parse(#"{"Version": "2012-10-17", "Statement": ["# + statements + "]}"))
    }

    static func request(_ action: String = "s3:GetObject", _ resource: String = "arn:aws:s3:::exports/key", account: String = "111122223333") -> AuthorizationRequest {
        AuthorizationRequest(principal: RequestPrincipal(session), action: action, resource: resource, resourceAccount: account)
    }

    static var readExports: NamedPolicy {
        get throws { try policy("identity[0]", #"{"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::exports/*"}"#) }
    }

    @Test func aMissingBoundaryLeavesAnAllowedRequestOpenAndNamesTheBoundary() throws {
        let result = Authorizer().authorize(Self.request(), policies: PolicySet(identity: [try Self.readExports], permissionsBoundary: [Self.missingBoundary]))
        // As written (none of its statements known to apply) the boundary allows nothing.
        #expect(result.decision == .implicitDeny)
        #expect(result.reason == "the permissions boundary does not allow `s3:GetObject` on `arn:aws:s3:::exports/key`")
        let undetermined = try #require(result.undetermined)
        #expect(undetermined.possibleDecisions == [.explicitDeny, .implicitDeny, .allow])
        #expect(undetermined.residuals.count == 1)
        let residual = try #require(undetermined.residuals.first)
        #expect(residual.isUnknownPolicy)
        #expect(residual.layer == .permissionsBoundary)
        #expect(residual.statement.policy == "arn:aws:iam::111122223333:policy/NoSuchBoundary")
        #expect(residual.description == "the permissions boundary `arn:aws:iam::111122223333:policy/NoSuchBoundary` is not in the inputs")
        #expect(residual.subject == "`arn:aws:iam::111122223333:policy/NoSuchBoundary` (named at 12:7), whose statements are unknown: "
            + "the permissions boundary `arn:aws:iam::111122223333:policy/NoSuchBoundary` is not in the inputs")
        // What would grant it if the boundary lets it through: the identity statement, not the stand-in.
        #expect(undetermined.allowingStatements.map(\.label) == ["identity[0] statement 0 (Read)"])
    }

    /// A boundary only limits: without an identity Allow nothing it says can grant.
    @Test func aMissingBoundaryCannotGrantWhatNoIdentityPolicyAllows() throws {
        let result = Authorizer().authorize(Self.request("s3:PutObject"), policies: PolicySet(identity: [try Self.readExports], permissionsBoundary: [Self.missingBoundary]))
        #expect(result.decision == .implicitDeny)
        #expect(result.undetermined?.possibleDecisions == [.explicitDeny, .implicitDeny])
        #expect(result.determinedDecision == nil)
    }

    @Test func aKnownExplicitDenyDecidesWhateverTheMissingPolicySays() throws {
        let deny = try Self.policy("identity[1]", #"{"Sid": "NoS3", "Effect": "Deny", "Action": "s3:*", "Resource": "*"}"#)
        let result = Authorizer().authorize(Self.request(), policies: PolicySet(identity: [try Self.readExports, deny], permissionsBoundary: [Self.missingBoundary]))
        #expect(result.determinedDecision == .explicitDeny)
        #expect(result.matched.map(\.label) == ["identity[1] statement 0 (NoS3)"])
    }

    @Test func aMissingManagedPolicyCouldGrantOrDeny() throws {
        let missing = NamedPolicy(unknown: "arn:aws:iam::111122223333:policy/Elsewhere", reason: "the managed policy `Elsewhere` is not in the inputs")
        let result = Authorizer().authorize(Self.request("dynamodb:Scan", "arn:aws:dynamodb:us-east-1:111122223333:table/t"),
                                            policies: PolicySet(identity: [try Self.readExports, missing]))
        #expect(result.decision == .implicitDeny)
        #expect(result.undetermined?.possibleDecisions == [.explicitDeny, .implicitDeny, .allow])
        #expect(result.undetermined?.dependencies == ["the managed policy `Elsewhere` is not in the inputs"])
        // An allowed request stays open too: the missing policy could deny it.
        let allowed = Authorizer().authorize(Self.request(), policies: PolicySet(identity: [try Self.readExports, missing]))
        #expect(allowed.decision == .allow)
        #expect(allowed.undetermined?.possibleDecisions == [.explicitDeny, .allow])
        #expect(allowed.matched.map(\.label) == ["identity[0] statement 0 (Read)"])
    }

    /// Across accounts the resource side must allow too: a bucket policy that is not in the
    /// inputs leaves the identity grant open; in the same account it can only add a deny.
    @Test func aMissingBucketPolicyLeavesTheGrantOpen() throws {
        let bucketPolicy = NamedPolicy(unknown: "bucket policy of exports", reason: "bucket `exports` is not in the inputs, so its bucket policy is unknown")
        var policies = PolicySet(identity: [try Self.readExports])
        policies.resource = bucketPolicy
        let crossAccount = Authorizer().authorize(Self.request(account: "444455556666"), policies: policies)
        #expect(crossAccount.decision == .implicitDeny)
        #expect(crossAccount.undetermined?.possibleDecisions == [.explicitDeny, .implicitDeny, .allow])
        let sameAccount = Authorizer().authorize(Self.request(), policies: policies)
        #expect(sameAccount.decision == .allow)
        #expect(sameAccount.undetermined?.possibleDecisions == [.explicitDeny, .allow])
    }

    @Test func knownPoliciesStayDetermined() throws {
        let result = Authorizer().authorize(Self.request(), policies: PolicySet(identity: [try Self.readExports]))
        #expect(result.determinedDecision == .allow)
        #expect(Self.missingBoundary.document.statements.isEmpty)
        #expect(Self.missingBoundary.unknownContent?.position == SourcePosition(line: 12, column: 7))
    }
}
