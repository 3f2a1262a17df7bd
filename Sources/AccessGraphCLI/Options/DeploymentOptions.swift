import AccessInventory
import ArgumentParser
import PolicyModel
import PolicyParsing
import TemplateParsing

/// What is known about where the stacks deploy, shared by every command that loads templates
/// (`check`, `graph`, `generate`, and both sides of `diff`): the account, region and partition,
/// parameter values, and which stacks of a cloud assembly to read.
struct DeploymentOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Value for AWS::AccountId (12 digits); otherwise it stays symbolic. A cloud assembly's stack synthesized for an account must be given that account or none.", valueName: "id"))
    var account: String?

    @Option(help: ArgumentHelp("Value for AWS::Region (e.g. us-east-1); otherwise it stays symbolic. A cloud assembly's stack synthesized for a region must be given that region or none.", valueName: "region"))
    var region: String?

    @Option(help: ArgumentHelp("Value for AWS::Partition (aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc); otherwise it follows from --region (cn-* is aws-cn, us-gov-* aws-us-gov, others aws), or stays symbolic.", valueName: "partition"))
    var partition: String?

    @Option(name: .customLong("stack"), help: ArgumentHelp("Only this stack of the cloud assemblies given (artifact id or stack name; repeatable); every stack when omitted.", valueName: "name"))
    var stacks: [String] = []

    @Option(name: .customLong("parameter"), help: ArgumentHelp("A template parameter's value, Key=Value (repeatable); it overrides --parameters and the template's Default.", valueName: "key=value"))
    var parameterPairs: [String] = []

    @Option(name: .customLong("parameters"), help: ArgumentHelp("A parameters file: [{\"ParameterKey\": \"K\", \"ParameterValue\": \"V\"}] as the CloudFormation CLI takes it, or {\"Parameters\": {\"K\": \"V\"}} (repeatable; a key in two files is an error).", valueName: "file"))
    var parameterFiles: [String] = []

    /// What to load from `templates` (files or assembly directories), with everything above.
    func input(templates: [StackInput.Source], pipeline: String?, snapshot: String?) throws(DiagnosticError) -> StackInput {
        try validateEnvironment()
        return StackInput(
            templates: templates, pipeline: pipeline.map(StackInput.Source.file), snapshot: snapshot.map(StackInput.Source.file),
            context: TemplateContext(account: account, region: region, partition: partition), stacks: stacks, parameters: try parameters())
    }

    /// The files' values, then the pairs', which override them.
    func parameters() throws(DiagnosticError) -> [ParameterValue] {
        var files: [[ParameterValue]] = []
        for path in parameterFiles {
            files.append(try ParameterValues.parse(bytes: try SourceFile.bytes(path), file: path))
        }
        var pairs: [ParameterValue] = []
        var problems: [Diagnostic] = []
        for pair in parameterPairs {
            do {
                pairs.append(try ParameterValues.pair(pair))
            } catch {
                problems += error.diagnostics
            }
        }
        if !problems.isEmpty { throw DiagnosticError(problems) }
        return try ParameterValues.merged(files: files, pairs: pairs)
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
}
