import AccessGraph
import AccessInventory
import ArgumentParser
import Foundation
import PipelineChecks
import PolicyModel
import Reporting
import ServiceCatalog
import StackDiff
import TemplateParsing

extension StackDiffRenderer.Format: ExpressibleByArgument {}
extension StackDiff.FailOn: ExpressibleByArgument {}

extension AccessGraphCommand {
    /// `accessgraph diff`: what changed in effect between two versions of a stack.
    struct Diff: ExecutableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare two versions of a stack: access gained and lost, checks changed, findings and policies changed.",
            discussion: """
            --base and --head are templates or CDK cloud assemblies (the two sides of a pull request), \
            each repeatable, read as --template reads them. Access is compared on the \
            access graph (who can assume or pass which role, which principal can act on which resource, \
            with the statements that grant it); findings by id, resource and message, not by line, so \
            moving a statement is not a change; policy documents by the actions each grants per effect, \
            principal, resource and condition after wildcard expansion. Resources are matched by ARN, and a \
            renamed logical id with the same content is the same resource. The assertions file (--config, \
            or accessgraph.yaml) is decided on the head. Exit 0 unless a --fail-on condition holds or an \
            assertion fails (exit 3); 2 for bad input.
            """
        )

        @Option(help: ArgumentHelp("The template or cloud assembly before the change (repeatable).", valueName: "file-or-dir"))
        var base: [String] = []

        @Option(help: ArgumentHelp("The template or cloud assembly after the change (repeatable).", valueName: "file-or-dir"))
        var head: [String] = []

        @Option(help: ArgumentHelp("A pipeline configuration (Data Prepper YAML) both sides use instead of their own.", valueName: "file"))
        var pipeline: String?

        /// Account, region, partition, parameters and stacks, the same on both sides.
        @OptionGroup var deployment: DeploymentOptions

        @Option(help: "Output format: text, json, markdown, sarif (results marked new, unchanged or absent).")
        var format: StackDiffRenderer.Format = .text

        @Option(name: .customLong("fail-on"), help: "Exit 3 when the head brings this: new-access, new-finding, check-regression (repeatable).")
        var failOn: [StackDiff.FailOn] = []

        @OptionGroup var assertionOptions: AssertionOptions

        func validate() throws {
            if base.isEmpty || head.isEmpty { throw ValidationError("Missing expected argument '\(base.isEmpty ? "--base" : "--head") <file-or-dir>'") }
        }

        func execute(io: CommandIO) throws -> Int32 {
            let catalogue = try ServiceCatalogue.forCommand()
            var baseSide = try side(base, catalogue: catalogue, io: io)
            var headSide = try side(head, catalogue: catalogue, io: io)
            let assertions = try assertionOptions.prepare(base: &baseSide, head: &headSide, catalogue: catalogue)
            let diff = StackDiff.compare(base: baseSide, head: headSide, catalogue: catalogue)
            let results = assertions?.evaluate(diff: diff)
            io.out(StackDiffRenderer.render(diff, as: format, head: headSide.report, failOn: Set(failOn), toolVersion: AccessGraphCommand.configuration.version,
                                            paths: SARIFPaths(workingDirectory: FileManager.default.currentDirectoryPath), assertions: results))
            // Assertions gate every diff: a failing one is exit 3 whatever --fail-on says.
            return diff.fails(on: Set(failOn)) || results?.isRefused(by: StackGate()) == true ? ExitStatus.refused : ExitStatus.success
        }

        /// One side, analysed as `check` and `graph` analyse it.
        func side(_ templates: [String], catalogue: ServiceCatalogue, io: CommandIO) throws(CommandFailure) -> StackDiff.Side {
            let inventory: Inventory
            do {
                inventory = try StackLoader.load(deployment.input(templates: templates.map(StackInput.Source.file), pipeline: pipeline, snapshot: nil), catalogue: catalogue)
                io.warn(inventory.warnings)
            } catch {
                throw error.commandFailure
            }
            io.warn(inventory.warnings)
            return StackDiff.Side.analyze(inventory, name: templates.joined(separator: ", "), catalogue: catalogue)
        }
    }
}
