import AccessGraph
import AccessInventory
import ArgumentParser
import Reporting
import ServiceCatalog

/// What `who-can`, `can` and `escalations` share: the inputs, the graph, and the answers' format.
struct QueryOptions: ParsableArguments {
    @OptionGroup var input: StackOptions

    @Option(help: "Output format: text, json.")
    var format: OutputFormat = .text

    /// The catalogue, the inventory's graph and the query over both.
    func load(io: CommandIO) throws -> (ServiceCatalogue, AccessGraph, AccessQuery) {
        let catalogue = try ServiceCatalogue.forCommand()
        let inventory = try input.loadInventory(catalogue: catalogue, io: io)
        let graph = AccessGraphBuilder.build(inventory, catalogue: catalogue)
        return (catalogue, graph, AccessQuery(graph: graph, inventory: inventory))
    }

    /// An action the catalogue knows, in its canonical case.
    static func knownAction(_ action: String, catalogue: ServiceCatalogue, option: String) throws -> String {
        guard let known = catalogue.action(action) else {
            throw CommandFailure("request.unknown-action", "unknown action `\(action)`", at: option, help: "the catalogue is \(catalogue.source.description)")
        }
        return known.qualifiedName
    }

    /// The role or user a command-line value names, or bad input naming the option.
    static func principal(_ name: String, in query: AccessQuery, option: String) throws -> InventoryPrincipal {
        guard let principal = query.principal(named: name) else {
            throw CommandFailure("query.unknown-principal", "no role or user `\(name)` in the inputs", at: option,
                                 help: "give a role or user's ARN, name or logical id")
        }
        return principal
    }

    func render(_ answers: [AccessQuery.Answer], _ question: AccessQueryRenderer.Question, graph: AccessGraph, query: AccessQuery) -> String {
        let answers = answers.map(query.explained)
        return format == .json ? AccessQueryRenderer.json(answers, question: question, graph: graph)
            : AccessQueryRenderer.text(answers, question: question, graph: graph)
    }
}

extension AccessGraphCommand {
    /// `accessgraph who-can`: every principal that can perform an action on a resource.
    struct WhoCan: ExecutableCommand {
        static let configuration = CommandConfiguration(
            commandName: "who-can",
            abstract: "List every principal that can perform an action on a resource, directly or through a chain of roles.",
            discussion: """
            A principal's own policies (with the resource's policy when the inputs hold the resource) are \
            asked with the evaluator; then everyone who can become such a principal, through can-assume \
            and can-escalate edges of the access graph, is listed with the chain, shortest first, and the \
            statements behind every step. Exit status: 0 when some principal is allowed, 3 when none is \
            (no answer, or only undetermined ones), 2 for bad input.
            """
        )

        @OptionGroup var query: QueryOptions

        @Option(help: "The action, e.g. s3:GetObject.")
        var action: String

        @Option(help: ArgumentHelp("The resource: an ARN (`*` for actions that take no resource), or a resource of the inputs by logical id, optionally with a path below it (Domain/orders/_doc).", valueName: "arn-or-id"))
        var resource: String

        func execute(io: CommandIO) throws -> Int32 {
            let (catalogue, graph, accessQuery) = try query.load(io: io)
            let action = try QueryOptions.knownAction(action, catalogue: catalogue, option: "--action")
            let resource = accessQuery.resourceARN(named: resource)
            let answers = accessQuery.whoCan(action, on: resource)
            io.out(query.render(answers, .access(action: action, resource: resource), graph: graph, query: accessQuery))
            return answers.contains { $0.status == .allowed } ? ExitStatus.success : ExitStatus.refused
        }
    }

    /// `accessgraph can PRINCIPAL ACTION RESOURCE`: one principal's answer, for scripts.
    struct Can: ExecutableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Say whether one principal can perform an action on a resource, and how.",
            discussion: """
            PRINCIPAL is a role or user of the inputs, by ARN, name or logical id. Exit status: 0 when it \
            is allowed (itself or through a chain of roles), 3 when it is not or the answer is undetermined, \
            2 for bad input.
            """
        )

        @OptionGroup var query: QueryOptions

        @Argument(help: ArgumentHelp("A role or user: ARN, name or logical id.", valueName: "principal"))
        var principal: String

        @Argument(help: ArgumentHelp("The action, e.g. es:ESHttpPost.", valueName: "action"))
        var action: String

        @Argument(help: ArgumentHelp("The resource: an ARN, or a resource of the inputs by logical id with an optional path below it.", valueName: "resource"))
        var resource: String

        func execute(io: CommandIO) throws -> Int32 {
            let (catalogue, graph, accessQuery) = try query.load(io: io)
            let action = try QueryOptions.knownAction(action, catalogue: catalogue, option: "<action>")
            let resource = accessQuery.resourceARN(named: resource)
            let caller = try QueryOptions.principal(principal, in: accessQuery, option: "<principal>")
            let answer = accessQuery.can(caller.arn, action, on: resource)
            io.out(query.render(answer.map { [$0] } ?? [], .principal(caller.arn, action: action, resource: resource), graph: graph, query: accessQuery))
            return answer?.status == .allowed ? ExitStatus.success : ExitStatus.refused
        }
    }

    /// `accessgraph escalations`: who can become an administrator, a pipeline role or a given role.
    struct Escalations: ExecutableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List who can become an administrator, a pipeline's role or a given principal, shortest chain first.",
            discussion: """
            Chains follow can-assume edges and can-escalate edges: changing a principal's policies or \
            credentials (iam:PutRolePolicy, AttachRolePolicy, CreatePolicyVersion on a policy attached to \
            it, UpdateAssumeRolePolicy, PutUserPolicy, AddUserToGroup, CreateAccessKey, CreateLoginProfile, \
            UpdateLoginProfile), or passing a role to a service that runs the caller's code (osis:CreatePipeline, \
            lambda:CreateFunction, ec2:RunInstances with an instance profile, cloudformation:CreateStack, \
            glue:CreateJob, ...). Without --to: every administrator (allowed every action on every resource) \
            and every pipeline's role. Exit status: 0, or 2 for bad input.
            """
        )

        @OptionGroup var query: QueryOptions

        @Option(name: .customLong("to"), help: ArgumentHelp("A role or user to reach (ARN, name or logical id); repeatable.", valueName: "principal"))
        var targets: [String] = []

        func execute(io: CommandIO) throws -> Int32 {
            let (_, graph, accessQuery) = try query.load(io: io)
            var targetARNs = try targets.map { try QueryOptions.principal($0, in: accessQuery, option: "--to").arn }
            if targets.isEmpty { targetARNs = (accessQuery.administrators() + accessQuery.pipelineRoles).uniqued() }
            let answers = accessQuery.escalations(to: targetARNs)
            io.out(query.render(answers, .escalation(targets: targetARNs), graph: graph, query: accessQuery))
            return ExitStatus.success
        }
    }
}
