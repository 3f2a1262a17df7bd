import ArgumentParser
import Foundation
import PipelineChecks
import PolicyModel
import Reporting
import ServiceCatalog

extension StackReportRenderer.Format: ExpressibleByArgument {}

extension AccessGraphCommand {
    /// `accessgraph check`: the pipeline checks and findings for a stack. Without any input it
    /// analyses the embedded reference stack, and the report says so.
    struct Check: ExecutableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a stack's pipeline access and report over-privilege (the default command).",
            discussion: """
            Reads a CloudFormation template (JSON or YAML, e.g. from cdk.out/) and, optionally, the \
            pipeline's Data Prepper YAML (alone, it is analysed alone: what it cannot see is unknown); \
            with no input at all it analyses the embedded reference stack (DashboardStack, account \
            123456789012, us-east-1) and says so. --template also takes a CDK cloud assembly \
            (the cdk.out directory: every stack, or those --stack names, with the environment its manifest \
            gives, and nested stacks), and repeats: all stacks form one analysis, cross-stack imports \
            resolved, resources labelled Stack/LogicalId. Exit 0 when every check passes (or is \
            skipped or unknown, unless --fail-on-unknown), no finding is at or above --fail-on (unless \
            the assertions file suppresses it) and every assertion holds; 3 otherwise; 2 for bad input. \
            JUnit failures and SARIF `error` results are exactly what makes it exit 3.
            """
        )

        @OptionGroup var input: StackOptions

        @OptionGroup var assertionOptions: AssertionOptions

        @Option(help: "Output format: text, json, markdown, sarif, junit.")
        var format: StackReportRenderer.Format = .text

        @Option(help: ArgumentHelp("Write every format into this directory (report.txt, report.json, report.md, report.sarif, report.junit.xml).", valueName: "dir"))
        var output: String?

        @Option(name: .customLong("fail-on"), help: "The lowest finding severity that fails: error, security-warning, warning, suggestion.")
        var failOn: Severity = .error

        @Flag(name: .customLong("fail-on-unknown"), help: "Also fail when a check cannot be decided.")
        var failOnUnknown = false

        @Option(name: .customLong("sarif-base"), help: ArgumentHelp("SARIF file URIs are relative to this directory (%SRCROOT%); the working directory by default.", valueName: "dir"))
        var sarifBase: String?

        func execute(io: CommandIO) throws -> Int32 {
            let catalogue = try ServiceCatalogue.forCommand()
            let inventory = try input.loadInventory(catalogue: catalogue, io: io)
            var report = StackAnalyzer.analyze(inventory, catalogue: catalogue)
            if input.analysesReferenceStack { report.notes.append(ReferenceStack.note) }
            let assertions = try assertionOptions.check(&report, inventory: inventory, catalogue: catalogue)
            let gate = StackGate(failOn: failOn, failOnUnknown: failOnUnknown)
            let paths = try sarifPaths()
            func render(_ format: StackReportRenderer.Format) -> String {
                StackReportRenderer.render(report, as: format, toolVersion: AccessGraphCommand.configuration.version, gate: gate, sarifPaths: paths,
                                           assertions: assertions)
            }
            if let output {
                try OutputFiles.write(StackReportRenderer.Format.allCases.map { ($0.fileName, render($0)) }, into: output)
            }
            io.out(render(format))
            return report.isRefused(by: gate) || assertions?.isRefused(by: gate) == true ? ExitStatus.refused : ExitStatus.success
        }

        /// `--sarif-base` must name a directory: a typo would make every URI absolute.
        func sarifPaths() throws(CommandFailure) -> SARIFPaths {
            let paths = SARIFPaths(workingDirectory: FileManager.default.currentDirectoryPath, base: sarifBase)
            var isDirectory: ObjCBool = false
            if let sarifBase, !FileManager.default.fileExists(atPath: sarifBase, isDirectory: &isDirectory) || !isDirectory.boolValue {
                throw CommandFailure("usage.invalid-sarif-base", "`\(sarifBase)` is not a directory", at: "--sarif-base")
            }
            return paths
        }
    }
}

