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

    @Option(help: ArgumentHelp("Value for AWS::AccountId (12 digits); otherwise it stays symbolic.", valueName: "id"))
    var account: String?

    @Option(help: ArgumentHelp("Value for AWS::Region (e.g. us-east-1); otherwise it stays symbolic.", valueName: "region"))
    var region: String?

    @Option(help: ArgumentHelp("Value for AWS::Partition (aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc); otherwise it follows from --region (cn-* is aws-cn, us-gov-* aws-us-gov, others aws), or stays symbolic.", valueName: "partition"))
    var partition: String?

    /// What to load; the embedded reference stack (with its account and region) when nothing is given.
    func input() throws(DiagnosticError) -> StackInput {
        try validateEnvironment()
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

    /// `--account`, `--region` and `--partition` become ARNs and pseudo parameters, so each must
    /// have its form (`AWSIdentifierForm`), and a partition given with a region must hold it.
    func validateEnvironment() throws(DiagnosticError) {
        try Self.validateEnvironment(account: account, region: region, partition: partition)
    }

    static func validateEnvironment(account: String?, region: String?, partition: String?) throws(DiagnosticError) {
        var problems: [Diagnostic] = []
        for (value, form, option) in [(account, AWSIdentifierForm.accountID, "--account"), (region, .region, "--region"), (partition, .partition, "--partition")] {
            if let value, let problem = form.problem(with: value, option: option) { problems.append(problem) }
        }
        if problems.isEmpty, let region, let partition, AWSPartition.named(forRegion: region) != partition {
            problems.append(Diagnostic(
                severity: .error, code: "usage.partition-mismatch",
                message: "region `\(region)` is in partition `\(AWSPartition.named(forRegion: region))`, not `\(partition)`", file: "--partition",
                help: "leave out --partition to take the region's, or give the region's partition"))
        }
        if !problems.isEmpty { throw DiagnosticError(problems) }
    }

    /// The inventory, with problems phrased for the command line (exit 2) and what it does not
    /// analyse written to stderr.
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
