import AccessInventory
import ArgumentParser
import Foundation
import PipelineChecks
import PolicyGeneration
import PolicyModel
import Reporting
import ServiceCatalog

extension GeneratedPolicyRenderer.Format: ExpressibleByArgument {}

extension AccessGraphCommand {
    /// `accessgraph generate`: least-privilege documents for the stack's pipeline, proven by the
    /// evaluator before anything is written.
    struct Generate: ExecutableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate least-privilege policies for the stack's pipeline, proven by the evaluator.",
            discussion: """
            Writes the pipeline role's permission and trust policies, the domain access policy, the \
            export bucket's policy, the Dashboards role's policies and the deployer's policy, one IAM \
            JSON file each, with cloudformation.json, cdk.ts and a README.md that says what every \
            statement is for, into --output (default Policies/<stack>/). Without --template it \
            generates for the embedded reference stack. Nothing is written unless every document \
            passes its proof: exit 3 names the request that fails. Exit 2 for bad input.
            """
        )

        @OptionGroup var input: StackOptions

        @Option(help: ArgumentHelp("Where to write the documents (default Policies/<stack>/; with --format cloudformation or cdk-typescript only when given).", valueName: "dir"))
        var output: String?

        @Option(help: "What to print: json (a summary, the files are written), cloudformation (a template fragment), cdk-typescript (iam.PolicyStatement code).")
        var format: GeneratedPolicyRenderer.Format = .json

        @Option(name: .customLong("from-role"), help: ArgumentHelp("Print what this pipeline role (logical id or name) grants today that the pipeline does not need, and its replacement; writes files only with --output.", valueName: "name"))
        var fromRole: String?

        @Option(name: .customLong("patch-template"), help: ArgumentHelp("Also write the input template with the generated documents in place (JSON), once it passes the checks.", valueName: "file"))
        var patchTemplate: String?

        func execute(io: CommandIO) throws -> Int32 {
            let catalogue = try ServiceCatalogue.forCommand()
            let inventory = try input.loadInventory(catalogue: catalogue, io: io)
            let stack: GeneratedStack
            let summary: GenerationProof.Summary
            let failures: [GenerationProof.Failure]
            do {
                stack = try PolicyGenerator.generate(inventory, stackName: Self.stackName(of: inventory, input: input))
                (summary, failures) = try GenerationProof.prove(stack, inventory: inventory, catalogue: catalogue)
            } catch {
                throw error.commandFailure
            }
            guard failures.isEmpty else {
                throw CommandFailure(failures.map { failure in
                    Diagnostic(severity: .error, code: "generate.proof-failed", message: failure.description, file: inventory.name)
                }, status: ExitStatus.refused)
            }
            let version = AccessGraphCommand.configuration.version
            let files: [(String, String)]
            let printed: String
            do {
                files = try GeneratedPolicyRenderer.files(stack, proof: summary, toolVersion: version)
                printed = format == .json ? "" : try GeneratedPolicyRenderer.render(stack, as: format)
            } catch {
                throw error.located(in: inventory.name).commandFailure
            }
            let patched = try patchTemplate.map { path throws(CommandFailure) in (path, try self.patched(stack, of: inventory, writtenTo: path, catalogue: catalogue)) }
            let directory = output ?? (format == .json && fromRole == nil ? "Policies/\(stack.name)" : nil)
            if let directory {
                try OutputFiles.write(files.map { (name: $0.0, contents: $0.1) }, into: directory)
            }
            if let (path, text) = patched {
                let url = URL(fileURLWithPath: path)
                try OutputFiles.write([(name: url.lastPathComponent, contents: text)], into: url.deletingLastPathComponent().path)
            }
            if let fromRole {
                io.out(try shrinking(fromRole, inventory: inventory, stack: stack, catalogue: catalogue))
            } else if format == .json {
                io.out("AccessGraph generate: \(DisplayText.escaped(stack.name)), pipeline `\(DisplayText.escaped(stack.requirements.pipeline.label))`\n")
                io.out("proof: \(summary.requestsAllowed) requests allowed, \(summary.requestsRefused) refused, \(summary.removalsRefused) removals each refused a request; checks "
                    + summary.checks.map { "\($0.id.rawValue) \($0.status.rawValue)" }.joined(separator: ", ") + "\n")
                for note in stack.notes { io.out("note: \(DisplayText.escaped(note))\n") }
                if let directory { io.out("wrote \(files.count) files to \(DisplayText.escaped(directory))/\n") }
                if let (path, _) = patched {
                    let open = stack.checksLeftUnknown.map(\.rawValue).sorted()
                    io.out("wrote the patched template to \(DisplayText.escaped(path)); its checks pass"
                        + (open.isEmpty ? "" : ", except " + open.map { "`\($0)`" }.joined(separator: ", ") + ", which stay unknown until the notes are done") + "\n")
                }
            } else {
                io.out(printed.hasSuffix("\n") ? printed : printed + "\n")
            }
            return ExitStatus.success
        }

        /// What the role grants today that its pipeline does not need (the over-privilege finding's
        /// counts by access level and granting statements), then its generated replacement.
        func shrinking(_ name: String, inventory: Inventory, stack: GeneratedStack, catalogue: ServiceCatalogue) throws(CommandFailure) -> String {
            guard let role = inventory.roles.first(where: { $0.label == name || $0.name == name }),
                  let replacement = stack.policies.first(where: { $0.kind == .rolePermissions(role: role.label) && $0.name.hasPrefix("pipeline-role") }) else {
                let roles = stack.policies.compactMap { policy -> String? in
                    if case .rolePermissions(let label) = policy.kind, policy.name.hasPrefix("pipeline-role") { return "`\(label)`" }
                    return nil
                }
                throw CommandFailure("generate.not-a-pipeline-role", "`\(DisplayText.escaped(name))` is not a role the pipeline runs as", at: inventory.name,
                                     help: "the pipeline runs as " + roles.joined(separator: ", "))
            }
            let excess = StackAnalyzer.analyze(inventory, catalogue: catalogue).findings.filter { $0.id == .pipelineRoleOverprivilege && $0.resource == role.label }
            var lines = ["AccessGraph generate --from-role \(DisplayText.escaped(role.label))", ""]
            if excess.isEmpty {
                lines.append("`\(DisplayText.escaped(role.label))` grants nothing its pipeline does not need.")
            } else {
                lines.append("What `\(DisplayText.escaped(role.label))` grants today that its pipeline does not need:")
                for finding in excess {
                    lines.append("  \(DisplayText.escaped(finding.message))")
                    for evidence in finding.evidence { lines.append("    granted by \(DisplayText.escaped(evidence.description))") }
                }
            }
            lines += ["", "Replacement (\(replacement.name).json), proven with the rest of the documents:", GeneratedPolicyRenderer.document(replacement, in: stack)]
            return lines.joined(separator: "\n")
        }

        /// The input template with the documents in place, once it loads and passes the checks
        /// with no pipeline-path finding; exit 3 otherwise.
        func patched(_ stack: GeneratedStack, of inventory: Inventory, writtenTo path: String, catalogue: ServiceCatalogue) throws(CommandFailure) -> String {
            var input: StackInput
            do {
                input = try self.input.input()
            } catch {
                throw error.commandFailure
            }
            guard input.template != nil, let loaded = inventory.stacks.first else {
                throw CommandFailure("generate.no-template", "--patch-template needs a template to patch", at: path)
            }
            guard inventory.stacks.count == 1 else {
                throw CommandFailure("generate.several-stacks", "--patch-template patches one template, and the analysis has \(inventory.stacks.count) stacks", at: path,
                                     help: "give one template, or one stack of the assembly with --stack")
            }
            // The template the stack was read from (a cloud assembly's stack file), with the
            // environment and parameters it was read with.
            let source = input.templates.first { $0.name == loaded.file } ?? .file(loaded.file)
            do {
                let text = try TemplatePatcher.patch(bytes: try source.read(), file: source.name, context: loaded.context, stack: stack)
                input = StackInput(template: .bytes(Array(text.utf8), name: path), pipeline: input.pipeline, snapshot: input.snapshot, context: loaded.context)
                let (_, failures) = GenerationProof.checksPass(stack, on: try StackLoader.load(input, catalogue: catalogue), catalogue: catalogue)
                guard failures.isEmpty else {
                    throw CommandFailure(failures.map { Diagnostic(severity: .error, code: "generate.patch-failed", message: $0.description, file: path) },
                                         status: ExitStatus.refused)
                }
                return text
            } catch let failure as CommandFailure {
                throw failure
            } catch let error as DiagnosticError {
                throw error.commandFailure
            } catch {
                throw CommandFailure("io.unreadable", "\(error)", at: path)
            }
        }

        /// `DashboardStack` for `cdk.out/DashboardStack.template.json` or a cloud assembly's stack
        /// of that name; several stacks' names joined by `-`; the pipeline file's or snapshot's
        /// stem without a template.
        static func stackName(of inventory: Inventory, input: StackOptions) -> String {
            let stem: String
            if inventory.stacks.isEmpty {
                let file = URL(fileURLWithPath: input.pipeline ?? input.accountSnapshot ?? ReferenceStack.fileName).lastPathComponent
                stem = file.split(separator: ".").first.map(String.init) ?? file
            } else {
                stem = inventory.stacks.map(\.name).joined(separator: "-")
            }
            let safe = stem.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
            return safe.isEmpty ? "stack" : safe
        }
    }
}
