import AccessInventory
import ArgumentParser
import PolicyModel
import ServiceCatalog
import TemplateParsing

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

    /// What to load; the embedded reference stack (with its account and region) when nothing is given.
    func input() throws(DiagnosticError) -> StackInput {
        var input = StackInput(pipeline: pipeline.map(StackInput.Source.file), snapshot: accountSnapshot.map(StackInput.Source.file),
                               context: TemplateContext(account: account, region: region, partition: partition))
        if let template {
            input.template = .file(template)
        } else if accountSnapshot == nil {
            let (bytes, name) = try ReferenceStack.template()
            input.template = .bytes(bytes, name: name)
            input.context.account = input.context.account ?? ReferenceStack.account
            input.context.region = input.context.region ?? ReferenceStack.region
        }
        return input
    }

    /// The inventory, with problems phrased for the command line (exit 2).
    func loadInventory(catalogue: ServiceCatalogue) throws(CommandFailure) -> Inventory {
        do {
            return try StackLoader.load(input(), catalogue: catalogue)
        } catch {
            throw error.commandFailure
        }
    }
}
