import PolicyEvaluation
import PolicyModel
import PolicyParsing
import Testing

/// Explanations: the corpus checks decisions and deciding statements; these check the rest of
/// the explanation (reasons, near misses, missing keys, positions).
@Suite struct AuthorizerExplanationTests {
    static let pipelineRole = "arn:aws:sts::111122223333:assumed-role/PipelineRole/osis"
    static let table = "arn:aws:dynamodb:us-east-1:111122223333:table/orders"

    static func policy(_ id: String, _ text: String) throws -> NamedPolicy {
        NamedPolicy(id: id, document: try PolicyParser.parse(text))
    }

    @Test func explicitDenyNamesTheStatementWithItsPosition() throws {
        let allow = try Self.policy("identity[0]", #"{"Version": "2012-10-17", "Statement": [{"Sid": "All", "Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"}]}"#)
        let deny = try Self.policy("identity[1]", """
        {"Version": "2012-10-17",
         "Statement": [
           {"Sid": "NoExports", "Effect": "Deny", "Action": "dynamodb:Export*", "Resource": "arn:aws:dynamodb:*:*:table/*"}]}
        """)
        let request = AuthorizationRequest(principal: RequestPrincipal(Self.pipelineRole), action: "dynamodb:ExportTableToPointInTime", resource: Self.table)
        let result = Authorizer().authorize(request, policies: PolicySet(identity: [allow, deny]))
        #expect(result.decision == .explicitDeny)
        #expect(result.matched == [StatementRef(policy: "identity[1]", index: 0, sid: "NoExports", effect: .deny, position: SourcePosition(line: 3, column: 4))])
        #expect(result.reason == "explicitly denied by identity[1] statement 0 (NoExports) at 3:4")
    }

    @Test func implicitDenyListsNearMissesAndMissingKeys() throws {
        let identity = try Self.policy("identity[0]", """
        {"Version": "2012-10-17", "Statement": [
          {"Sid": "Stream", "Effect": "Allow", "Action": ["dynamodb:GetRecords"], "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/orders/stream/*"},
          {"Sid": "Export", "Effect": "Allow", "Action": "dynamodb:ExportTableToPointInTime", "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/orders",
           "Condition": {"StringEquals": {"aws:RequestedRegion": "us-east-1"}}},
          {"Sid": "Other", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}
        ]}
        """)
        let request = AuthorizationRequest(principal: RequestPrincipal(Self.pipelineRole), action: "dynamodb:ExportTableToPointInTime", resource: Self.table)
        let result = Authorizer().authorize(request, policies: PolicySet(identity: [identity]))
        #expect(result.decision == .implicitDeny)
        #expect(result.matched.isEmpty)
        #expect(result.deniedBy == .identity)
        #expect(result.reason.hasPrefix("no identity-based or resource-based policy allows `dynamodb:ExportTableToPointInTime`"))
        // The conditioned statement is the nearest miss: only its condition failed.
        let nearest = try #require(result.nearMisses.first)
        #expect(nearest.statement.sid == "Export")
        #expect(nearest.mismatches.map(\.element) == [.condition])
        #expect(nearest.mismatches[0].key == "aws:RequestedRegion")
        #expect(nearest.mismatches[0].detail.contains("which the request does not have"))
        #expect(result.missingContextKeys == ["aws:RequestedRegion"])
        // `Other` (wrong action only) is nearer than `Stream` (wrong action and resource).
        #expect(result.nearMisses.map { $0.statement.sid } == ["Export", "Other", "Stream"])
    }

    @Test func anAuthorizerThatKeepsNoRefusalSkipsOnlyTheirNearMisses() throws {
        // The access graph drops refused answers: its authorizer does not search for near
        // misses then, but decides alike and still explains undetermined answers in full.
        let identity = try Self.policy("identity[0]", """
        {"Version": "2012-10-17", "Statement": [
          {"Sid": "Export", "Effect": "Allow", "Action": "dynamodb:ExportTableToPointInTime", "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/orders",
           "Condition": {"StringEquals": {"aws:RequestedRegion": "us-east-1"}}}
        ]}
        """)
        let quiet = Authorizer(explainsRefusals: false)
        let refused = AuthorizationRequest(principal: RequestPrincipal(Self.pipelineRole), action: "dynamodb:ExportTableToPointInTime", resource: Self.table)
        let explained = Authorizer().authorize(refused, policies: PolicySet(identity: [identity]))
        let unexplained = quiet.authorize(refused, policies: PolicySet(identity: [identity]))
        #expect(explained.decision == .implicitDeny && unexplained.decision == .implicitDeny)
        #expect(explained.nearMisses.map(\.statement.sid) == ["Export"] && unexplained.nearMisses.isEmpty)
        #expect(unexplained.matched == explained.matched && unexplained.deniedBy == explained.deniedBy)

        var unknownRegion = refused
        unknownRegion.context.markUnknown("aws:RequestedRegion")
        let undetermined = quiet.authorize(unknownRegion, policies: PolicySet(identity: [identity]))
        let reference = Authorizer().authorize(unknownRegion, policies: PolicySet(identity: [identity]))
        #expect(Set(undetermined.undetermined?.possibleDecisions ?? []) == [.allow, .implicitDeny])
        #expect(!undetermined.nearMisses.isEmpty)
        #expect(undetermined.reason == reference.reason && undetermined.nearMisses == reference.nearMisses)

        var inRegion = refused
        inRegion.context["aws:RequestedRegion"] = .single("us-east-1")
        #expect(quiet.authorize(inRegion, policies: PolicySet(identity: [identity])).decision == .allow)
    }

    @Test func guardrailDenialsNameTheLayer() throws {
        let identity = try Self.policy("identity[0]", #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}"#)
        let boundary = try Self.policy("permissionBoundary[0]", #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}"#)
        let request = AuthorizationRequest(principal: RequestPrincipal(Self.pipelineRole), action: "dynamodb:DescribeTable", resource: Self.table)
        let result = Authorizer().authorize(request, policies: PolicySet(identity: [identity], permissionsBoundary: [boundary]))
        #expect(result.decision == .implicitDeny)
        #expect(result.deniedBy == .permissionsBoundary)
        #expect(result.nearMisses.first?.mismatches.first?.element == .action)

        let rootLevel = PolicyLevel(name: "r-root", policies: [identity])
        let ouLevel = PolicyLevel(name: "ou-data", policies: [boundary])
        let scpResult = Authorizer().authorize(request, policies: PolicySet(identity: [identity], serviceControlPolicies: [rootLevel, ouLevel]))
        #expect(scpResult.decision == .implicitDeny)
        #expect(scpResult.deniedBy == .serviceControlPolicy(level: 1))
        #expect(scpResult.reason == "no SCP at level `ou-data` allows `dynamodb:DescribeTable` on `\(Self.table)`")
    }

    @Test func trustPolicyMustNameTheService() throws {
        let trust = try Self.policy("resource", """
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "osis-pipelines.amazonaws.com"}, "Action": "sts:AssumeRole",
          "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}}]}
        """)
        let role = "arn:aws:iam::111122223333:role/PipelineRole"
        var request = AuthorizationRequest(principal: RequestPrincipal("osis-pipelines.amazonaws.com"), action: "sts:AssumeRole", resource: role,
                                           context: RequestContext(["aws:SourceAccount": .single("111122223333")]))
        let allowed = Authorizer().authorize(request, policies: PolicySet(resource: trust))
        #expect(allowed.decision == .allow)
        #expect(allowed.matched.map(\.policy) == ["resource"])
        request.context = RequestContext(["aws:SourceAccount": .single("444455556666")])
        let denied = Authorizer().authorize(request, policies: PolicySet(resource: trust))
        #expect(denied.decision == .implicitDeny)
        #expect(denied.nearMisses.first?.mismatches.first?.detail == "`StringEquals` `aws:SourceAccount`: request has `444455556666`, policy wants `111122223333`")
    }

    @Test func hugePoliciesAndHostilePatternsGetCorrectAnswers() throws {
        // 10,000 statements; only the last one grants.
        var statements = (0..<9_999).map { #"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket-\#($0)/*"}"# }
        statements.append(#"{"Sid": "Last", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::target/*"}"#)
        let big = try Self.policy("identity[0]", #"{"Version": "2012-10-17", "Statement": ["# + statements.joined(separator: ",") + "]}")
        let request = AuthorizationRequest(principal: RequestPrincipal("arn:aws:iam::111122223333:user/u"), action: "s3:GetObject",
                                           resource: "arn:aws:s3:::target/key", resourceAccount: "111122223333")
        let result = Authorizer().authorize(request, policies: PolicySet(identity: [big]))
        #expect(result.decision == .allow)
        #expect(result.matched.map(\.index) == [9_999])

        // A pattern that backtracking matchers take exponential time on, against a long value.
        let hostile = try Self.policy("identity[0]", """
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
          "Condition": {"StringLike": {"s3:ExistingObjectTag/name": "*a*a*a*a*a*a*a*a*a*a*a*a*b"}}}]}
        """)
        var tagged = request
        tagged.context = RequestContext(["s3:ExistingObjectTag/name": .single(String(repeating: "a", count: 100_000))])
        #expect(Authorizer().authorize(tagged, policies: PolicySet(identity: [hostile])).decision == .implicitDeny)
        tagged.context = RequestContext(["s3:ExistingObjectTag/name": .single(String(repeating: "a", count: 100_000) + "b")])
        #expect(Authorizer().authorize(tagged, policies: PolicySet(identity: [hostile])).decision == .allow)
    }

    /// AWS-owned resources refuse changes whatever the policies say, and the answer names the rule;
    /// an explicit Deny still decides first.
    @Test(arguments: [
        ("iam:CreatePolicyVersion", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", ServiceRule.awsManagedPoliciesAreReadOnly, "is an AWS managed policy"),
        ("iam:PutRolePolicy", "arn:aws:iam::111122223333:role/aws-service-role/osis.amazonaws.com/AWSServiceRoleForAmazonOpenSearchIngestion",
         ServiceRule.reservedRolePathsAreReadOnly, "is under a path reserved for AWS"),
        ("kms:DeleteAlias", "arn:aws:kms:us-east-1:111122223333:alias/aws/s3", ServiceRule.awsManagedKeyAliasesAreReserved, "reserved for AWS managed keys"),
    ])
    func awsOwnedResourcesNameTheRule(action: String, resource: String, rule: ServiceRule, reason: String) throws {
        let everything = try Self.policy("identity[0]", #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}"#)
        let request = AuthorizationRequest(principal: RequestPrincipal(Self.pipelineRole), action: action, resource: resource)
        let result = Authorizer().authorize(request, policies: PolicySet(identity: [everything]))
        #expect(result.decision == .implicitDeny)
        #expect(result.deniedBy == .serviceRule(rule))
        #expect(result.deniedBy?.description == rule.rawValue)
        #expect(result.reason.contains(reason), "\(result.reason)")
        let deny = try Self.policy("identity[1]", #"{"Version": "2012-10-17", "Statement": [{"Sid": "No", "Effect": "Deny", "Action": "*", "Resource": "*"}]}"#)
        #expect(Authorizer().authorize(request, policies: PolicySet(identity: [everything, deny])).decision == .explicitDeny)
    }

    /// Layer names read back from case files.
    @Test func policyLayerNamesRoundTrip() {
        let layers: [PolicyLayer] = [.identity, .resource, .permissionsBoundary, .session, .vpcEndpoint, .serviceControlPolicy(level: 2),
                                     .resourceControlPolicy(level: 0), .s3BlockPublicAccess] + ServiceRule.allCases.map(PolicyLayer.serviceRule)
        for layer in layers { #expect(PolicyLayer(name: layer.description) == layer) }
        #expect(PolicyLayer(name: "scp[x]") == nil)
        #expect(PolicyLayer(name: "Identity") == nil)
    }

    @Test func aResourcePolicyStatementWithoutPrincipalGrantsNothing() throws {
        let bucketPolicy = try Self.policy("resource", #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#)
        let request = AuthorizationRequest(principal: RequestPrincipal("arn:aws:iam::444455556666:user/mallory"), action: "s3:GetObject",
                                           resource: "arn:aws:s3:::bucket/key", resourceAccount: "111122223333")
        #expect(Authorizer().authorize(request, policies: PolicySet(resource: bucketPolicy)).decision == .implicitDeny)
    }
}
