import Foundation
import TestSupport
import Testing

/// `--parameter Key=Value` and `--parameters FILE` on every command that loads stacks, on the
/// committed example application (`Tests/Fixtures/orders-app`, the README's examples): its
/// `Stage` parameter attaches a managed policy through `Fn::If` and `AWS::NoValue`.
@Suite struct ParameterCommandTests {
    static let app = Repository.url("Tests/Fixtures/orders-app").path
    static let assembly = app + "/cdk.out"
    static let overprivilege = "security-warning overprivilege.pipeline-role [OrdersIngestion/PipelineRole7B0F4C3A]"

    /// The default (`dev`) attaches `AmazonDynamoDBFullAccess`; `prod` leaves it out
    /// (`AWS::NoValue` removes the list item), from the command line or a file in either form.
    @Test(arguments: [
        [], ["--parameter", "Stage=dev"], ["--parameter", "Stage=prod"], ["--parameters", app + "/parameters.json"],
        ["--parameters", app + "/parameters.json", "--parameter", "Stage=dev"],
    ])
    func theStageDecidesTheManagedPolicy(_ arguments: [String]) throws {
        let run = accessgraph(["check", "--template", Self.assembly, "--fail-on", "security-warning"] + arguments)
        let dev = !arguments.contains("Stage=prod") && (!arguments.contains(Self.app + "/parameters.json") || arguments.contains("Stage=dev"))
        #expect(run.status == (dev ? 3 : 0), "\(run.output)")
        #expect(run.stdout.contains(Self.overprivilege) == dev)
        #expect(run.stdout.contains("checks: 5 pass, 0 fail, 0 unknown, 1 skipped;"), "\(run.stdout)")
    }

    @Test func theTemplateConfigurationFormToo() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("prod.json", #"{"Parameters": {"Stage": "prod"}, "Tags": {"team": "search"}}"#)
        let run = accessgraph(["check", "--template", Self.assembly, "--parameters", file, "--fail-on", "security-warning"])
        #expect(run.status == 0, "\(run.output)")
    }

    /// The graph and the diff see the same: `prod` takes the full-access edge away.
    @Test func graphAndDiffTakeParameters() throws {
        let dev = accessgraph(["graph", "--template", Self.assembly, "--format", "json"])
        let prod = accessgraph(["graph", "--template", Self.assembly, "--format", "json", "--parameter", "Stage=prod"])
        #expect(dev.status == 0 && prod.status == 0)
        #expect(dev.stdout.contains("dynamodb:DeleteTable"))
        #expect(!prod.stdout.contains("dynamodb:DeleteTable"))
        let generate = accessgraph(["generate", "--template", Self.assembly, "--parameter", "Stage=prod", "--format", "cdk-typescript"])
        #expect(generate.status == 0, "\(generate.output)")
        #expect(generate.stdout.contains("dynamodb:ExportTableToPointInTime"))
    }

    struct BadParameter: Sendable, CustomTestStringConvertible {
        var name: String
        var arguments: [String]
        /// A file's text, written as `params.json` and named `FILE` in the arguments and message.
        var file: String?
        var message: String
        var testDescription: String { name }
    }

    static let badParameters: [BadParameter] = [
        BadParameter(name: "an unknown key", arguments: ["check", "--parameter", "Stag=prod"],
                     message: "--parameter: error[parameter.unknown]: no template declares parameter `Stag`\n  help: the templates declare `BootstrapVersion`, `Stage`\n"),
        BadParameter(name: "an unknown key in a file", arguments: ["graph", "--parameters", "FILE"], file: "[\n  {\"ParameterKey\": \"Env\", \"ParameterValue\": \"prod\"}\n]",
                     message: "FILE:2:20: error[parameter.unknown]: no template declares parameter `Env`\n"),
        BadParameter(name: "a pair without =", arguments: ["generate", "--parameter", "Stage"],
                     message: "--parameter: error[parameter.invalid]: `Stage` is not `Key=Value`\n  help: give each parameter as --parameter Key=Value\n"),
        BadParameter(name: "a key given twice", arguments: ["check", "--parameter", "Stage=dev", "--parameter", "Stage=prod"],
                     message: "--parameter: error[parameter.duplicate]: parameter `Stage` is given twice (also at --parameter)\n"),
        BadParameter(name: "a malformed file", arguments: ["check", "--parameters", "FILE"], file: "[\n  {\"ParameterKey\": \"Stage\"}\n]",
                     message: "FILE:2:20: error[parameter.invalid-file]: parameter `Stage` needs a `ParameterValue` (or `UsePreviousValue: true`)\n"),
        BadParameter(name: "a file that is not JSON", arguments: ["diff", "--base", "DIR", "--head", "DIR", "--parameters", "FILE"], file: "Stage=prod\n",
                     message: "FILE:1:1: error[json."),
        BadParameter(name: "a missing file", arguments: ["check", "--parameters", "FILE"], file: nil,
                     message: "FILE: error[io.not-found]: no such file\n"),
    ]

    @Test(arguments: badParameters)
    func badParametersAreExit2(_ testCase: BadParameter) throws {
        let directory = try TemporaryDirectory()
        let file = directory.path + "/params.json"
        if let text = testCase.file { try directory.write("params.json", text) }
        var arguments = testCase.arguments.map { $0 == "FILE" ? file : $0 == "DIR" ? Self.assembly : $0 }
        if !arguments.contains("--base") { arguments += ["--template", Self.assembly] }
        let run = accessgraph(arguments)
        #expect(run.status == 2, "\(run.output)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix(testCase.message.replacingOccurrences(of: "FILE", with: file)), "\(run.stderr)")
    }

    /// `UsePreviousValue` is the deployed value, which no input holds: the condition it decides
    /// is unknown, so the managed policy is kept (the true branch) and the role's attachment
    /// recorded as assumed.
    @Test func aPreviousValueIsUnknown() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("previous.json", #"[{"ParameterKey": "Stage", "UsePreviousValue": true}]"#)
        let run = accessgraph(["check", "--template", Self.assembly, "--parameters", file])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains(Self.overprivilege))
    }
}
