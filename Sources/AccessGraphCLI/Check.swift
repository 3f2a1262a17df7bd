import ArgumentParser
import PipelineChecks
import PolicyModel
import Reporting
import ServiceCatalog

extension StackReportRenderer.Format: ExpressibleByArgument {}

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
            let report = StackAnalyzer.analyze(try input.loadInventory(catalogue: catalogue), catalogue: catalogue)
            let version = AccessGraphCommand.configuration.version
            if let output {
                try write(report, to: output, version: version)
            }
            io.out(StackReportRenderer.render(report, as: format, toolVersion: version))
            return report.gateFails(failOn: failOn, failOnUnknown: failOnUnknown) ? ExitStatus.refused : ExitStatus.success
        }

        func write(_ report: StackReport, to directory: String, version: String) throws {
            try OutputFiles.write(StackReportRenderer.Format.allCases.map { format in
                (format.fileName, StackReportRenderer.render(report, as: format, toolVersion: version))
            }, into: directory)
        }
    }
}

