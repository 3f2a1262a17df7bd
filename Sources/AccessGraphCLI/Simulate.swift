import ArgumentParser
import Conformance
import PolicyEvaluation
import PolicyModel
import Reporting
import ServiceCatalog

extension AccessGraphCommand {
    /// `accessgraph simulate`: one request, like the IAM policy simulator, or a directory of
    /// conformance cases.
    struct Simulate: ExecutableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Decide one request against the given policies, or run conformance cases.",
            discussion: """
            One request: exit 0 when allowed, 3 when denied (explicitly or implicitly) or undetermined \
            (with --unknown-context, when the unknown value could change the answer), 2 for bad input.
            With --cases DIR: runs every *.json case below DIR (format accessgraph-case/v1) and ends with \
            "N passed, N failed, N skipped"; exit 0 when nothing failed, 1 when a case failed, 2 when a \
            file cannot be read as a case or there is no case file to run.
            """
        )

        @Option(name: .long, help: ArgumentHelp("Run every conformance case below this directory (or this one file).", valueName: "dir"))
        var cases: String?

        @Option(help: ArgumentHelp("The caller: a user, role, assumed-role session, federated-user or root ARN, or a service principal. Omit for an anonymous request.", valueName: "arn"))
        var principal: String?

        @Option(help: "The action, e.g. s3:GetObject.")
        var action: String?

        @Option(help: ArgumentHelp("The resource ARN; `*` for actions that take no resource.", valueName: "arn"))
        var resource: String = "*"

        @Option(help: ArgumentHelp("The account that owns the resource (12 digits; S3 ARNs carry none).", valueName: "id"))
        var resourceAccount: String?

        @Option(name: .customLong("context"), help: ArgumentHelp("A request-context key=value; repeat a key for a multivalued key.", valueName: "key=value"))
        var contextEntries: [String] = []

        @Option(name: .customLong("unknown-context"), help: ArgumentHelp("Decide as if this context key's value (and presence) were unknown; the answer names the statements it hinges on (repeatable).", valueName: "key"))
        var unknownContextKeys: [String] = []

        @Option(name: .customLong("identity-policy"), help: ArgumentHelp("An identity-based policy of the caller (repeatable).", valueName: "file"))
        var identityPolicies: [String] = []

        @Option(name: .customLong("resource-policy"), help: ArgumentHelp("The resource-based policy (bucket, key, domain or trust policy).", valueName: "file"))
        var resourcePolicy: String?

        @Option(name: .customLong("boundary"), help: ArgumentHelp("The caller's permissions boundary.", valueName: "file"))
        var boundaries: [String] = []

        @Option(name: .customLong("session-policy"), help: ArgumentHelp("The session policy of a role or federated session.", valueName: "file"))
        var sessionPolicy: String?

        @Option(name: .customLong("scp"), help: ArgumentHelp("An SCP; all given SCPs form one level (a union), which must allow.", valueName: "file"))
        var scps: [String] = []

        @Option(name: .customLong("rcp"), help: ArgumentHelp("An RCP; all given RCPs form one level, which must allow.", valueName: "file"))
        var rcps: [String] = []

        @Option(name: .customLong("vpc-endpoint-policy"), help: ArgumentHelp("The VPC endpoint policy the request passed through.", valueName: "file"))
        var endpointPolicies: [String] = []

        @Option(name: .customLong("s3-restrict-public-buckets"), help: ArgumentHelp("The bucket owner's effective S3 Block Public Access `RestrictPublicBuckets` setting.", valueName: "true|false"))
        var restrictPublicBuckets: Bool?

        @Option(help: "Output format.")
        var format: OutputFormat = .text

        func execute(io: CommandIO) throws -> Int32 {
            if cases != nil {
                guard action == nil, principal == nil, identityPolicies.isEmpty, resourcePolicy == nil else {
                    throw Self.usageFailure("--cases runs case files; it cannot be combined with a single request's options", at: "--cases")
                }
            } else if action == nil {
                throw Self.usageFailure("give --action (and the policies) for one request, or --cases DIR", at: "--action")
            }
            let catalogue = try ServiceCatalogue.forCommand()
            if let cases {
                return try runCases(cases, catalogue: catalogue, io: io)
            }
            return try runRequest(catalogue: catalogue, io: io)
        }

        private func runCases(_ path: String, catalogue: ServiceCatalogue, io: CommandIO) throws -> Int32 {
            let runner = CaseRunner(wildcardOnly: { action in catalogue.isWildcardOnly(action) })
            let report: CaseRunner.Report
            do throws(DiagnosticError) {
                report = try runner.run(path: path)
            } catch {
                throw error.commandFailure
            }
            switch format {
            case .text: io.out(CaseReportRenderer.text(report))
            case .json: io.out(CaseReportRenderer.json(report).rendered())
            }
            switch report.outcome {
            case .passed: return ExitStatus.success
            case .failed: return ExitStatus.caseFailed
            case .unreadable: return ExitStatus.badInput
            }
        }

        private func runRequest(catalogue: ServiceCatalogue, io: CommandIO) throws -> Int32 {
            guard let action else { throw CommandFailure("usage.missing-action", "give the request's action", at: "--action") }
            if let resourceAccount, let problem = AWSIdentifierForm.accountID.problem(with: resourceAccount, option: "--resource-account") {
                throw CommandFailure([problem])
            }
            guard let known = catalogue.action(action) else {
                throw CommandFailure("request.unknown-action", "unknown action `\(action)`", at: "--action", help: "the catalogue is \(catalogue.source.description)")
            }
            var context = RequestContext()
            var mistyped: [Diagnostic] = []
            for entry in contextEntries {
                guard let equals = entry.firstIndex(of: "="), equals != entry.startIndex else {
                    throw CommandFailure("request.invalid-context", "context entry `\(shownEscaped(entry))` must be key=value", at: "--context")
                }
                let key = String(entry[entry.startIndex..<equals])
                let value = String(entry[entry.index(after: equals)...])
                // A key the catalogue types must get a value of that type; other keys are strings.
                if let problem = catalogue.conditionKey(key)?.valueProblem(value, shown: shownEscaped(value)) {
                    mistyped.append(Diagnostic(severity: .error, code: "request.invalid-context", message: problem.message, file: "--context", help: problem.help))
                }
                switch context[key] {
                case nil: context[key] = .single(value)
                case .single(let first): context[key] = .multiple([first, value])
                case .multiple(let values): context[key] = .multiple(values + [value])
                }
            }
            if !mistyped.isEmpty { throw CommandFailure(mistyped) }
            for key in unknownContextKeys {
                guard context[key] == nil else {
                    throw CommandFailure("request.invalid-context", "`\(key)` is given a value with --context and marked unknown with --unknown-context; choose one", at: "--unknown-context")
                }
                context.markUnknown(key)
            }
            let requestPrincipal = RequestPrincipal(principal)
            if case .other(let text) = requestPrincipal, !text.contains("."), !text.contains(":") {
                throw CommandFailure("request.invalid-principal", "`\(text)` is not a principal", at: "--principal",
                                     help: "give a user, role, session, federated-user or root ARN, an account id, or a service or identity-provider name")
            }
            let request = AuthorizationRequest(
                principal: requestPrincipal, action: action, resource: resource,
                resourceAccount: resourceAccount, wildcardOnlyAction: known.isWildcardOnly, context: context)
            let policies: PolicySet
            do throws(DiagnosticError) {
                policies = try loadPolicies()
            } catch {
                throw error.commandFailure
            }
            let result = Authorizer().authorize(request, policies: policies)
            switch format {
            case .text: io.out(DecisionRenderer.text(result, request: request))
            case .json: io.out(DecisionRenderer.json(result, request: request).rendered())
            }
            // Only a decided Allow succeeds: an answer that unknown values could turn is not one.
            return result.determinedDecision == Decision.allow ? ExitStatus.success : ExitStatus.refused
        }

        /// Policies are named by their file so explanations point at something the user can open.
        private func loadPolicies() throws(DiagnosticError) -> PolicySet {
            func named(_ path: String) throws(DiagnosticError) -> NamedPolicy {
                NamedPolicy(id: path, document: try InputFiles.policy(path))
            }
            func all(_ paths: [String]) throws(DiagnosticError) -> [NamedPolicy] {
                var result: [NamedPolicy] = []
                for path in paths { result.append(try named(path)) }
                return result
            }
            var set = PolicySet()
            set.identity = try all(identityPolicies)
            set.resource = try resourcePolicy.map { path throws(DiagnosticError) in try named(path) }
            set.permissionsBoundary = boundaries.isEmpty ? nil : try all(boundaries)
            set.session = try sessionPolicy.map { path throws(DiagnosticError) in try named(path) }
            if !scps.isEmpty { set.serviceControlPolicies = [PolicyLevel(name: "scp", policies: try all(scps))] }
            if !rcps.isEmpty { set.resourceControlPolicies = [PolicyLevel(name: "rcp", policies: try all(rcps))] }
            set.vpcEndpoint = endpointPolicies.isEmpty ? nil : try all(endpointPolicies)
            set.s3RestrictPublicBuckets = restrictPublicBuckets
            return set
        }
    }
}
