import AccessInventory
import PolicyModel
import PolicyParsing
import TemplateParsing
import TestSupport
import Testing

/// `Ref AWS::NoValue` removes the property or list item it stands in, as CloudFormation does,
/// decided by a parameter's value: in a role's managed policies, its boundary, a statement's
/// `Condition` and an action list.
@Suite struct NoValueTests {
    static func ifProd(_ value: JSONOutput) -> JSONOutput {
        .object([("Fn::If", .array([.string("IsProd"), value, .object([("Ref", .string("AWS::NoValue"))])]))])
    }

    static func stack() throws -> TestStack {
        let statement: JSONOutput = .object([
            ("Effect", .string("Allow")),
            ("Action", .array([.string("s3:GetObject"), ifProd(.string("s3:PutObject"))])),
            ("Resource", .string("*")),
            ("Condition", ifProd(.object([("Bool", .object([("aws:SecureTransport", .string("true"))]))]))),
        ])
        return try TestStack()
            .parameter("Stage", default: "dev")
            .condition("IsProd", parameter: "Stage", equals: "prod")
            .role("Role", trust: .service("lambda.amazonaws.com"))
            .settingProperty("ManagedPolicyArns", of: "Role", to: .array([
                .string("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"), ifProd(.string("arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess")),
            ]))
            .settingProperty("PermissionsBoundary", of: "Role", to: ifProd(.string("arn:aws:iam::aws:policy/PowerUserAccess")))
            .settingProperty("Policies", of: "Role", to: .array([.object([
                ("PolicyName", .string("Objects")), ("PolicyDocument", .object([("Version", .string("2012-10-17")), ("Statement", .array([statement]))])),
            ])]))
    }

    @Test(arguments: [("dev", false), ("prod", true)])
    func noValueLeavesOutWhatItStandsFor(stage: String, prod: Bool) throws {
        let stack = try Self.stack()
        var input = stack.input
        input.parameters = [ParameterValue(key: "Stage", value: stage, location: SourceLocation(file: "--parameter", position: .unknown))]
        let role = try #require(try StackLoader.load(input, catalogue: .embedded()).roles.first)
        #expect(role.policies.map(\.policy.id) == ["Role.Objects", "AmazonS3ReadOnlyAccess (AWS managed)"] + (prod ? ["AmazonDynamoDBReadOnlyAccess (AWS managed)"] : []))
        #expect(role.boundary?.policy.id == (prod ? "PowerUserAccess (AWS managed)" : nil))
        let statement = try #require(role.policies.first?.policy.document.statements.first)
        #expect(statement.action.patterns.map(\.text) == ["s3:GetObject"] + (prod ? ["s3:PutObject"] : []))
        #expect(statement.conditions.isEmpty == !prod)
    }
}
