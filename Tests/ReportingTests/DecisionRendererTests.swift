import Foundation
import PolicyEvaluation
import PolicyModel
import PolicyParsing
import Reporting
import Testing

/// `accessgraph simulate` output: the decision, why, and the statements behind it, for results
/// the `Authorizer` gives on small policies.
@Suite struct DecisionRendererTests {
    typealias Fixture = ReportFixture
    static let object = "arn:aws:s3:::exports/orders.json"
    static let caller = "arn:aws:sts::111122223333:assumed-role/PipelineRole/session"

    static func exportsPolicy() throws -> NamedPolicy {
        try Fixture.policy("identity[0]",
            #"{"Sid": "ReadExports", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::exports/*"}"#,
            #"{"Sid": "KeepExports", "Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "arn:aws:s3:::exports/*"}"#,
            #"{"Sid": "FromVpc", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::exports/*", "Condition": {"StringEquals": {"aws:SourceVpc": "vpc-1"}}}"#,
            #"{"Sid": "OtherBucket", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::other/*"}"#)
    }

    static func decide(_ request: AuthorizationRequest, _ policy: NamedPolicy) -> AuthorizationResult {
        Authorizer().authorize(request, policies: PolicySet(identity: [policy]))
    }

    static func parse(_ json: JSONOutput) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(json.rendered().utf8)) as? [String: Any])
    }

    @Test func anAllowNamesTheStatementsThatGrantIt() throws {
        let request = Fixture.request("s3:GetObject", on: Self.object)
        let result = Self.decide(request, try Self.exportsPolicy())
        #expect(DecisionRenderer.text(result, request: request) == """
            Allow: \(Self.caller) → s3:GetObject on \(Self.object)
              why: allowed by the caller's identity-based policies
              allowed by: identity[0] statement 0 (ReadExports) at 2:3

            """)
        #expect(DecisionRenderer.json(result, request: request).rendered() == """
            {
              "decision": "Allow",
              "request": {
                "principal": "\(Self.caller)",
                "action": "s3:GetObject",
                "resource": "\(Self.object)"
              },
              "determined": true,
              "decisionAsWritten": "Allow",
              "reason": "allowed by the caller's identity-based policies",
              "deniedBy": null,
              "undetermined": null,
              "matched": [
                {
                  "policy": "identity[0]",
                  "index": 0,
                  "sid": "ReadExports",
                  "effect": "Allow",
                  "line": 2,
                  "column": 3
                }
              ],
              "guardrails": [],
              "nearMisses": [],
              "missingContextKeys": []
            }

            """)
    }

    @Test func anExplicitDenyNamesTheDenyingStatementWithItsPlace() throws {
        let request = Fixture.request("s3:DeleteObject", on: Self.object)
        let result = Self.decide(request, try Self.exportsPolicy())
        #expect(DecisionRenderer.text(result, request: request) == """
            ExplicitDeny: \(Self.caller) → s3:DeleteObject on \(Self.object)
              why: explicitly denied by identity[0] statement 1 (KeepExports) at 3:3
              denied by: identity[0] statement 1 (KeepExports) at 3:3

            """)
        let json = try Self.parse(DecisionRenderer.json(result, request: request))
        #expect(json["decision"] as? String == "ExplicitDeny")
        #expect(json["determined"] as? Bool == true)
        let matched = try #require((json["matched"] as? [[String: Any]])?.only)
        #expect(matched["sid"] as? String == "KeepExports")
        #expect(matched["effect"] as? String == "Deny")
        #expect(matched["line"] as? Int == 3 && matched["column"] as? Int == 3)
    }

    @Test func anImplicitDenyListsTheNearestMissesAndTheMissingKeys() throws {
        let request = Fixture.request("s3:PutObject", on: Self.object)
        let result = Self.decide(request, try Self.exportsPolicy())
        #expect(DecisionRenderer.text(result, request: request) == """
            ImplicitDeny: \(Self.caller) → s3:PutObject on \(Self.object)
              why: no identity-based or resource-based policy allows `s3:PutObject` on `\(Self.object)`
              nearest miss: identity[0] statement 2 (FromVpc) at 4:3
                - `StringEquals` needs `aws:SourceVpc`, which the request does not have
              nearest miss: identity[0] statement 3 (OtherBucket) at 5:3
                - `Resource` `arn:aws:s3:::other/*` does not match `\(Self.object)`
              nearest miss: identity[0] statement 0 (ReadExports) at 2:3
                - `Action` `s3:GetObject` does not match `s3:PutObject`
              missing context keys: `aws:SourceVpc`

            """)
        let json = try Self.parse(DecisionRenderer.json(result, request: request))
        #expect(json["decision"] as? String == "ImplicitDeny")
        #expect(json["deniedBy"] as? String == "identity")
        #expect(json["missingContextKeys"] as? [String] == ["aws:SourceVpc"])
        let misses = try #require(json["nearMisses"] as? [[String: Any]])
        #expect(misses.map { ($0["statement"] as? [String: Any])?["sid"] as? String } == ["FromVpc", "OtherBucket", "ReadExports"])
        let condition = try #require((misses[0]["mismatches"] as? [[String: Any]])?.only)
        #expect(condition["element"] as? String == "Condition")
        #expect(condition["key"] as? String == "aws:SourceVpc")
        #expect(condition["line"] as? Int == 4)
    }

    /// A key marked unknown: the decision is open, and the text says which ways it can go and
    /// which statement it hinges on.
    @Test func anUndeterminedResultSaysWhatItDependsOn() throws {
        let policy = try Fixture.policy("identity[0]",
            #"{"Sid": "FromVpc", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::exports/*", "Condition": {"StringEquals": {"aws:SourceVpc": "vpc-1"}}}"#)
        var context = RequestContext()
        context.markUnknown("aws:SourceVpc")
        let request = Fixture.request("s3:PutObject", on: Self.object, context: context)
        let result = Self.decide(request, policy)
        let text = DecisionRenderer.text(result, request: request)
        #expect(text.hasPrefix("""
            Undetermined: \(Self.caller) → s3:PutObject on \(Self.object)
              possible decisions: ImplicitDeny, Allow (ImplicitDeny with the unknown values as written)
              why, as written: no identity-based or resource-based policy allows `s3:PutObject` on `\(Self.object)`
              depends on: identity[0] statement 0 (FromVpc) at 2:3: `StringEquals` on `aws:SourceVpc`, whose value is unknown

            """))

        let json = try Self.parse(DecisionRenderer.json(result, request: request))
        #expect(json["decision"] as? String == "Undetermined")
        #expect(json["determined"] as? Bool == false)
        #expect(json["decisionAsWritten"] as? String == "ImplicitDeny")
        let undetermined = try #require(json["undetermined"] as? [String: Any])
        #expect(undetermined["possibleDecisions"] as? [String] == ["ImplicitDeny", "Allow"])
        let residual = try #require((undetermined["residuals"] as? [[String: Any]])?.only)
        #expect((residual["statement"] as? [String: Any])?["sid"] as? String == "FromVpc")
        #expect(residual["layer"] as? String == "identity")
        #expect(residual["appliesAsWritten"] as? Bool == false)
        #expect(residual["comparisons"] as? [String] == ["`StringEquals` on `aws:SourceVpc`, whose value is unknown"])
        #expect(residual["unknownKeys"] as? [String] == ["aws:SourceVpc"])
    }

    /// A policy whose statements are unknown is named, with where the input names it, not as a statement.
    @Test func anUnknownPolicyIsADependsOnLineNamingIt() throws {
        let boundary = NamedPolicy(unknown: "arn:aws:iam::111122223333:policy/Gone", reason: "the permissions boundary `arn:aws:iam::111122223333:policy/Gone` is not in the inputs",
                                   position: SourcePosition(line: 9, column: 4))
        let request = Fixture.request("s3:GetObject", on: Self.object)
        let result = Authorizer().authorize(request, policies: PolicySet(identity: [try Self.exportsPolicy()], permissionsBoundary: [boundary]))
        #expect(DecisionRenderer.text(result, request: request) == """
            Undetermined: \(Self.caller) → s3:GetObject on \(Self.object)
              possible decisions: ExplicitDeny, ImplicitDeny, Allow (ImplicitDeny with the unknown values as written)
              why, as written: the permissions boundary does not allow `s3:GetObject` on `\(Self.object)`
              depends on: `arn:aws:iam::111122223333:policy/Gone` (named at 9:4), whose statements are unknown: the permissions boundary `arn:aws:iam::111122223333:policy/Gone` is not in the inputs

            """)
        let undetermined = try #require(try Self.parse(DecisionRenderer.json(result, request: request))["undetermined"] as? [String: Any])
        let residual = try #require((undetermined["residuals"] as? [[String: Any]])?.only)
        #expect(residual["unknownPolicy"] as? Bool == true)
        #expect(residual["layer"] as? String == "permissionBoundary")
        #expect((residual["statement"] as? [String: Any])?["policy"] as? String == "arn:aws:iam::111122223333:policy/Gone")
    }

    /// An unknown that is not a statement (a symbolic resource account) is a `depends on:` line too.
    @Test func anUndeterminedFactIsADependsOnLine() throws {
        let policy = try Fixture.policy("identity[0]", #"{"Sid": "ReadExports", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::exports/*"}"#)
        let request = AuthorizationRequest(principal: RequestPrincipal(Self.caller), action: "s3:GetObject", resource: Self.object,
                                           resourceAccount: "⟦AWS.AccountId⟧")
        let result = Self.decide(request, policy)
        #expect(DecisionRenderer.text(result, request: request) == """
            Undetermined: \(Self.caller) → s3:GetObject on \(Self.object)
              possible decisions: ImplicitDeny, Allow (ImplicitDeny with the unknown values as written)
              why, as written: cross-account request: the resource in account `⟦AWS.AccountId⟧` has no resource-based policy allowing `s3:GetObject` on `\(Self.object)`
              depends on: whether the caller's account `111122223333` is the resource's account `⟦AWS.AccountId⟧`

            """)
        let undetermined = try #require(try Self.parse(DecisionRenderer.json(result, request: request))["undetermined"] as? [String: Any])
        #expect(undetermined["facts"] as? [String] == ["whether the caller's account `111122223333` is the resource's account `⟦AWS.AccountId⟧`"])
        #expect((undetermined["residuals"] as? [Any])?.isEmpty == true)
    }

    @Test func anActionThatTakesNoResourceIsShownOnStar() throws {
        let policy = try Fixture.policy("identity[0]", #"{"Sid": "List", "Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}"#)
        var request = Fixture.request("s3:ListAllMyBuckets", on: "*")
        request.wildcardOnlyAction = true
        let text = DecisionRenderer.text(Self.decide(request, policy), request: request)
        #expect(text.hasPrefix("Allow: \(Self.caller) → s3:ListAllMyBuckets on *\n"))
    }
}
