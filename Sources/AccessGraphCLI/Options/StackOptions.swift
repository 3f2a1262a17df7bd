import AccessInventory
import ArgumentParser
import PolicyModel
import Reporting
import ServiceCatalog
import TemplateParsing

/// Where the stack comes from, shared by `check`, `graph` and `generate`.
struct StackOptions: ParsableArguments {
    @Option(name: .customLong("template"), help: ArgumentHelp("A synthesized template (JSON or YAML), or a CDK cloud assembly directory (cdk.out); repeatable, every stack forming one analysis. The embedded reference stack when no input at all is given.", valueName: "file-or-dir"))
    var templates: [String] = []

    @Option(help: ArgumentHelp("The pipeline configuration (Data Prepper YAML), replacing the template's; alone, it is analysed alone.", valueName: "file"))
    var pipeline: String?

    @Option(name: .customLong("account-snapshot"), help: ArgumentHelp("An account's IAM as `aws iam get-account-authorization-details` prints it; its roles join the template's (or stand alone with --pipeline).", valueName: "file"))
    var accountSnapshot: String?

    @OptionGroup var deployment: DeploymentOptions

    /// True when no template, pipeline or snapshot is given: the embedded reference stack is
    /// analysed, and only then.
    var analysesReferenceStack: Bool { templates.isEmpty && pipeline == nil && accountSnapshot == nil }

    /// What to load; the embedded reference stack (with its account and region) when nothing is
    /// given. A pipeline or a snapshot alone is analysed alone.
    func input() throws(DiagnosticError) -> StackInput {
        var input = try deployment.input(templates: templates.map(StackInput.Source.file), pipeline: pipeline, snapshot: accountSnapshot)
        if analysesReferenceStack {
            let (bytes, name) = try ReferenceStack.template()
            input.template = .bytes(bytes, name: name)
            input.context.account = input.context.account ?? ReferenceStack.account
            input.context.region = input.context.region ?? ReferenceStack.region
        }
        return input
    }

    /// The inventory, with problems phrased for the command line (exit 2) and its warnings on
    /// stderr.
    func loadInventory(catalogue: ServiceCatalogue, io: CommandIO) throws(CommandFailure) -> Inventory {
        do {
            let inventory = try StackLoader.load(input(), catalogue: catalogue)
            io.warn(inventory.warnings)
            return inventory
        } catch {
            throw error.commandFailure
        }
    }
}
