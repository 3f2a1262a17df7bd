import AccountSnapshot
import ArgumentParser
import Foundation
import PipelineParsing
import PolicyModel
import Reporting
import ServiceCatalog
import StackAnalysis
import TemplateParsing

extension StackReportRenderer.Format: ExpressibleByArgument {}

extension Severity: ExpressibleByArgument {}

extension AccessGraphCommand {
    /// `accessgraph check`: the pipeline checks and findings for a stack. Without `--template` it
    /// analyses the embedded reference stack.
    struct Check: ExecutableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a stack's pipeline access and report over-privilege (the default command).",
            discussion: """
            Reads a CloudFormation template (JSON or YAML, e.g. from cdk.out/) and, optionally, the \
            pipeline's Data Prepper YAML; without --template it analyses the embedded reference stack \
            (DashboardStack, account 123456789012, us-east-1). Exit 0 when every check passes (or is \
            skipped or unknown, unless --fail-on-unknown) and no finding is at or above --fail-on; 3 \
            otherwise; 2 for bad input.
            """
        )

        @OptionGroup var input: StackOptions

        @Option(help: "Output format: text, json, markdown, sarif, junit.")
        var format: StackReportRenderer.Format = .text

        @Option(help: ArgumentHelp("Write every format into this directory (report.txt, report.json, report.md, report.sarif, report.junit.xml).", valueName: "dir"))
        var output: String?

        @Option(name: .customLong("fail-on"), help: "The lowest finding severity that fails: error, security-warning, warning, suggestion.")
        var failOn: Severity = .error

        @Flag(name: .customLong("fail-on-unknown"), help: "Also fail when a check cannot be decided.")
        var failOnUnknown = false

        func execute(io: CommandIO) throws -> Int32 {
            let catalogue = try ServiceCatalogue.forCommand()
            let report = StackAnalyzer.analyze(stack: try input.loadStackForCommand(catalogue: catalogue), catalogue: catalogue)
            let version = AccessGraphCommand.configuration.version
            if let output {
                try write(report, to: output, version: version)
            }
            io.out(StackReportRenderer.render(report, as: format, toolVersion: version))
            return report.exitStatus(failOn: failOn, failOnUnknown: failOnUnknown)
        }

        func write(_ report: StackReport, to directory: String, version: String) throws {
            try OutputFiles.write(StackReportRenderer.Format.allCases.map { format in
                (format.fileName, StackReportRenderer.render(report, as: format, toolVersion: version))
            }, into: directory)
        }
    }
}

/// Where the stack comes from, shared by `check` and `graph`.
struct StackOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The synthesized template (JSON or YAML); the embedded reference stack when omitted.", valueName: "file"))
    var template: String?

    @Option(help: ArgumentHelp("The pipeline configuration (Data Prepper YAML), replacing the template's.", valueName: "file"))
    var pipeline: String?

    @Option(name: .customLong("account-snapshot"), help: ArgumentHelp("An account's IAM as `aws iam get-account-authorization-details` prints it; its roles join the template's (or stand alone with --pipeline).", valueName: "file"))
    var accountSnapshot: String?

    @Option(help: ArgumentHelp("Value for AWS::AccountId; otherwise it stays symbolic.", valueName: "id"))
    var account: String?

    @Option(help: ArgumentHelp("Value for AWS::Region; otherwise it stays symbolic.", valueName: "region"))
    var region: String?

    @Option(help: ArgumentHelp("Value for AWS::Partition; otherwise it follows from --region (cn-* is aws-cn, us-gov-* aws-us-gov, others aws), or stays symbolic.", valueName: "partition"))
    var partition: String?

    /// `loadStack`, with problems phrased for the command line (exit 2).
    func loadStackForCommand(catalogue: ServiceCatalogue) throws(CommandFailure) -> Stack {
        do {
            return try loadStack(catalogue: catalogue)
        } catch {
            throw error.commandFailure
        }
    }

    func loadStack(catalogue: ServiceCatalogue) throws(DiagnosticError) -> Stack {
        let templateBytes: [UInt8]
        let templateName: String
        var context = TemplateContext(account: account, region: region, partition: partition)
        var snapshot: AccountSnapshot?
        if let accountSnapshot {
            snapshot = try AccountSnapshot.load(bytes: try InputFiles.read(accountSnapshot), file: accountSnapshot)
        }
        if let template {
            templateBytes = try InputFiles.read(template)
            templateName = template
        } else if let accountSnapshot {
            // An account without a template: no stack resources, only the account's roles.
            templateBytes = Array(#"{"Resources": {}}"#.utf8)
            templateName = accountSnapshot
        } else {
            (templateBytes, templateName) = try ReferenceStack.template()
            context.account = context.account ?? ReferenceStack.account
            context.region = context.region ?? ReferenceStack.region
        }
        let loaded = try CloudFormationTemplate.load(bytes: templateBytes, file: templateName, context: context)
        var pipelineConfiguration: PipelineConfiguration?
        if let pipeline {
            let bytes = try InputFiles.read(pipeline)
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw DiagnosticError(Diagnostic(severity: .error, code: "io.invalid-utf8", message: "the pipeline file is not valid UTF-8", file: pipeline))
            }
            pipelineConfiguration = try PipelineConfiguration.parse(text: text, file: pipeline, markers: .cloudFormationTokens)
        }
        return try StackBuilder.build(template: loaded, pipelineOverride: pipelineConfiguration, snapshot: snapshot, catalogue: catalogue)
    }
}

/// The reference stack bundled with the tool (`Resources/seed-stack`).
enum ReferenceStack {
    static let account = "123456789012"
    static let region = "us-east-1"
    static let fileName = "DashboardStack.123456789012-us-east-1.template.json"

    static func template() throws(DiagnosticError) -> ([UInt8], String) {
        guard let url = Bundle.module.url(forResource: "seed-stack/\(fileName)", withExtension: nil)
                ?? Bundle.module.resourceURL?.appendingPathComponent("seed-stack/\(fileName)"),
              let data = FileManager.default.contents(atPath: url.path) else {
            throw DiagnosticError(Diagnostic(severity: .error, code: "io.not-found", message: "the embedded reference stack is missing", file: fileName))
        }
        return ([UInt8](data), "seed-stack/\(fileName)")
    }
}
