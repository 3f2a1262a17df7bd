import PolicyModel
import PolicyParsing
import TestSupport
import Testing

/// Warnings about the inputs (an intrinsic that cannot be resolved where nothing is analysed)
/// go to stderr in the diagnostics' format; the report and the exit code are those of the same
/// stack without them.
@Suite struct InputWarningCommandTests {
    static let stack = PipelineStack.stack()
        .adding("Alarms", type: "AWS::SNS::Topic", properties: [("TopicName", .object([("Fn::Sub", .string("${Undefined}-alarms"))]))])
        .section("Outputs", .object([
            ("Endpoint", .object([("Value", .object([("Fn::GetAtt", .array([.string("Missing"), .string("Endpoint")]))]))])),
        ]))

    @Test func checkPrintsThemOnStderrAndPasses() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("app.json", Self.stack.templateText)
        let run = accessgraph(["check", "--template", file, "--account", "123456789012", "--region", "us-east-1"])
        #expect(run.status == 0, "\(run.output)")
        // Each at the intrinsic's argument: the `Fn::Sub` text, the `Fn::GetAtt` list.
        let topic = Self.stack.location(of: #""${Undefined}-alarms""#).position
        let output = Self.stack.location(of: #"["#, after: #""Outputs""#).position
        #expect(run.stderr == """
            \(file):\(topic.line):\(topic.column): warning[template.unknown-reference]: `Fn::Sub` refers to `Undefined`, which is not a parameter, resource or variable
            \(file):\(output.line):\(output.column): warning[template.unknown-reference]: `Fn::GetAtt` names `Missing`, which is not a resource

            """)
        #expect(run.stdout.contains("checks: 5 pass, 0 fail, 0 unknown, 1 skipped"), "\(run.stdout)")
    }

    /// What CDK writes for `secret.secretName` and a pipeline's first endpoint: selections from
    /// lists the template cannot know, in a policy the checks read and in an output. Nothing to
    /// warn about, and the checks are as before.
    @Test func symbolicListsInAnalysedResourcesAreNeitherErrorsNorWarnings() throws {
        func call(_ name: String, _ arguments: JSONOutput...) -> JSONOutput { .object([(name, .array(arguments))]) }
        let secretName = call("Fn::Select", .int(0), call("Fn::Split", .string("-"), call("Fn::Select", .int(6), call("Fn::Split", .string(":"), .object([("Ref", .string("Secret"))])))))
        let stack = PipelineStack.stack()
            .adding("Secret", type: "AWS::SecretsManager::Secret", properties: [])
            .adding("SecretReader", type: "AWS::IAM::Policy", properties: [
                ("PolicyName", .string("SecretReader")),
                ("Roles", .array([.object([("Ref", .string("PipelineRole"))])])),
                ("PolicyDocument", .object([("Version", .string("2012-10-17")), ("Statement", .array([.object([
                    ("Effect", .string("Allow")), ("Action", .string("secretsmanager:GetSecretValue")),
                    ("Resource", call("Fn::Join", .string(""), .array([.string("arn:aws:secretsmanager:us-east-1:123456789012:secret:"), secretName, .string("-*")]))),
                ])]))])),
            ])
            .section("Outputs", .object([
                ("Endpoint", .object([("Value", call("Fn::Select", .int(0), .object([("Fn::GetAtt", .array([.string("Pipeline"), .string("IngestEndpointUrls")]))])))])),
            ]))
        let directory = try TemporaryDirectory()
        let file = try directory.write("app.json", stack.templateText)
        let run = accessgraph(["check", "--template", file, "--account", "123456789012", "--region", "us-east-1"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        #expect(run.stdout.contains("checks: 5 pass, 0 fail, 0 unknown, 1 skipped"), "\(run.stdout)")
    }

    /// `graph`, `generate` and `diff` load stacks the same way, and say the same.
    @Test(arguments: [["graph"], ["generate", "--format", "json"], ["diff", "--base"]])
    func otherCommandsPrintThemToo(_ command: [String]) throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("app.json", Self.stack.templateText)
        var arguments = command.last == "--base" ? command + [file, "--head", file] : command + ["--template", file]
        // `generate` writes its documents; into the test's directory, not the repository's Policies/.
        if command.first == "generate" { arguments += ["--output", directory.path + "/policies"] }
        let run = accessgraph(arguments + ["--account", "123456789012", "--region", "us-east-1"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stderr.contains("\(file):"), "\(run.stderr)")
        #expect(run.stderr.contains("warning[template.unknown-reference]: `Fn::GetAtt` names `Missing`"), "\(run.stderr)")
    }
}
