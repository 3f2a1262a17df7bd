import AccessInventory
import PolicyEvaluation
import PolicyModel
import TestSupport
import Testing

/// `InventoryPrincipal.request`: the request a role session or a user sends, with the context AWS adds.
@Suite struct PrincipalRequestTests {
    static let tableARN = "arn:aws:dynamodb:us-east-1:123456789012:table/orders"
    static let stack = TestStack()
        .role("PipelineRole", name: "pipeline-role", trust: .service("osis-pipelines.amazonaws.com"))
        .user("Alice", name: "alice")

    @Test func aRoleSessionCallsAsItsAssumedRoleARN() throws {
        let role = try #require(try Self.stack.inventory().roles.first)
        let request = role.request("dynamodb:DescribeTable", on: Self.tableARN, sessionName: "osis-pipeline")
        #expect(request.principal.description == "arn:aws:sts::123456789012:assumed-role/pipeline-role/osis-pipeline")
        #expect(request.principal.roleName == "pipeline-role")
        #expect(request.action == "dynamodb:DescribeTable")
        #expect(request.resource == Self.tableARN)
        #expect(request.resourceAccount == "123456789012")
        // aws:PrincipalArn is the role's ARN, not the session's.
        #expect(request.context["aws:PrincipalArn"] == .single("arn:aws:iam::123456789012:role/pipeline-role"))
        #expect(request.context["aws:PrincipalAccount"] == .single("123456789012"))
        #expect(request.context["aws:ResourceAccount"] == .single("123456789012"))
        #expect(request.context["aws:PrincipalType"] == .single("AssumedRole"))
        #expect(request.context["aws:SecureTransport"] == .single("true"))
        // A template does not say which organization the account is in.
        #expect(request.context["aws:PrincipalOrgID"] == .single(SymbolToken.make("AWS.PrincipalOrgID")))
    }

    @Test func aUserCallsAsItself() throws {
        let user = try #require(try Self.stack.inventory().users.first)
        let request = user.request("s3:ListAllMyBuckets", on: "*", sessionName: "ignored")
        #expect(request.principal.description == "arn:aws:iam::123456789012:user/alice")
        #expect(request.context["aws:PrincipalArn"] == .single("arn:aws:iam::123456789012:user/alice"))
        #expect(request.context["aws:PrincipalType"] == .single("User"))
        #expect(request.context["aws:PrincipalAccount"] == .single("123456789012"))
    }

    @Test func theCallersContextWinsOverTheDefaults() throws {
        let role = try #require(try Self.stack.inventory().roles.first)
        let request = role.request("s3:GetObject", on: "arn:aws:s3:::exports/a", context: [
            "aws:SecureTransport": .single("false"), "aws:SourceVpce": .single("vpce-1a2b3c4d"),
        ])
        #expect(request.context["aws:SecureTransport"] == .single("false"))
        #expect(request.context["aws:SourceVpce"] == .single("vpce-1a2b3c4d"))
        #expect(request.principal.description.hasSuffix("/session"), "the default session name")
    }

    /// Without an account, the principal's account stays symbolic rather than invented.
    @Test func anAgnosticTemplateLeavesTheAccountSymbolic() throws {
        let stack = TestStack(context: .unknown).role("PipelineRole", name: "pipeline-role", trust: .service("osis-pipelines.amazonaws.com"))
        let role = try #require(try stack.inventory().roles.first)
        let request = role.request("dynamodb:DescribeTable", on: Self.tableARN)
        #expect(request.context["aws:PrincipalAccount"] == .single(SymbolToken.make("AWS.AccountId")))
        #expect(request.principal.description == "arn:\(SymbolToken.make("AWS.Partition")):sts::\(SymbolToken.make("AWS.AccountId")):assumed-role/pipeline-role/session")
    }
}
