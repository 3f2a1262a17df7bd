import AWSClient
import AWSSigning
import AccessInventory
import AccountSnapshot
import ArgumentParser
import Foundation
import PipelineChecks
import PolicyGeneration
import PolicyModel
import Reporting
import ServiceCatalog

extension AccessGraphCommand {
    /// `accessgraph audit --snapshot DIR`: every pipeline of a deployed account, from what the AWS
    /// CLI printed about it.
    struct Audit: ExecutableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every pipeline of a deployed account, from AWS CLI output files.",
            discussion: """
            --snapshot DIR holds what the AWS CLI prints (`--output json`, unmodified), recognised by \
            content: iam get-account-authorization-details; osis list-pipelines and get-pipeline; \
            opensearch describe-domain(s) and describe-domain-config; dynamodb describe-table and \
            describe-continuous-backups; s3api get-bucket-policy, get-public-access-block and \
            get-bucket-encryption; kms describe-key and get-key-policy; cognito-identity \
            describe-identity-pool and get-identity-pool-roles; sts get-caller-identity; organizations \
            describe-organization, list-parents, list-policies, describe-policy and \
            list-targets-for-policy (a member account's SCPs and RCPs). Outputs that do not name their \
            resource are named by the file: `<resource>.<command>.json`. Each pipeline gets the checks `check` \
            runs; the account's findings follow. A missing output makes what needs it unknown, naming \
            the command that prints it. Exit codes as `check`.
            """
        )

        @Option(help: ArgumentHelp("A directory of AWS CLI outputs (see above); without it the account is read live.", valueName: "dir"))
        var snapshot: String?

        @Option(help: ArgumentHelp("Live: the named profile of the shared AWS config and credentials files (else AWS_PROFILE, else keys in the environment, else `default`).", valueName: "name"))
        var profile: String?

        @Option(name: .customLong("endpoint-url"), help: ArgumentHelp("Live: send every call to this endpoint (a local test server), as the AWS CLI's --endpoint-url.", valueName: "url"))
        var endpointURL: String?

        @Option(name: .customLong("organization-profile"), help: ArgumentHelp(
            "Live: read the organization's SCPs and RCPs with this profile (its management account or a delegated administrator); else with the audit's own credentials.",
            valueName: "name"))
        var organizationProfile: String?

        @Option(name: .customLong("save-snapshot"), help: ArgumentHelp("Live: keep what was fetched in this directory, as `--snapshot` reads it, to replay the audit offline.", valueName: "dir"))
        var saveSnapshot: String?

        @Flag(help: "Live: no progress line on stderr.")
        var quiet = false

        @Option(name: .customLong("call-timeout"), help: ArgumentHelp("Live: seconds one call may wait for an answer before it is tried again (default 30).", valueName: "seconds"))
        var callTimeout: Double = 30

        @Flag(name: .customLong("print-policy"), help: "Print the least-privilege IAM policy a live audit needs (read-only), and exit.")
        var printPolicy = false

        @Option(name: .customLong("pipeline-name"), help: ArgumentHelp("Check only this pipeline (repeatable).", valueName: "name"))
        var pipelineNames: [String] = []

        @Option(help: ArgumentHelp("The account's region, for the ARNs the outputs do not print (buckets, identity pools).", valueName: "region"))
        var region: String?

        @Option(help: ArgumentHelp("The account's partition; otherwise it follows from --region, or stays symbolic.", valueName: "partition"))
        var partition: String?

        @Option(help: "Output format: text, json (an array of reports), markdown, sarif, junit (one document for the account).")
        var format: StackReportRenderer.Format = .text

        @Option(name: .customLong("fail-on"), help: "The lowest finding severity that fails: error, security-warning, warning, suggestion.")
        var failOn: Severity = .error

        @Flag(name: .customLong("fail-on-unknown"), help: "Also fail when a check cannot be decided.")
        var failOnUnknown = false

        func validate() throws {
            guard callTimeout > 0, callTimeout.isFinite else { throw ValidationError("--call-timeout must be a positive number of seconds") }
        }

        func execute(io: CommandIO) throws -> Int32 {
            if printPolicy {
                io.out(GeneratedPolicyRenderer.document(Self.requiredPolicy))
                return ExitStatus.success
            }
            do {
                try DeploymentOptions.validateEnvironment(account: nil, region: region, partition: partition)
            } catch {
                throw error.commandFailure
            }
            let catalogue = try ServiceCatalogue.forCommand()
            // A live run reads where the resolved settings say (the profile's region included).
            let (directory, accountRegion) = try snapshot.map { ($0, region) } ?? fetch(io: io)
            // A live run that keeps nothing leaves nothing behind once the files are read.
            defer { if snapshot == nil, saveSnapshot == nil { try? FileManager.default.removeItem(atPath: directory) } }
            let inventory: Inventory
            let files: AccountFiles
            do {
                files = try AccountFiles.load(directory: directory)
                inventory = try AccountFilesInventory.build(
                    files, directory: ManagedPolicyDirectory(catalogue: catalogue), partition: partition ?? accountRegion.map(AWSPartition.named(forRegion:)),
                    region: accountRegion, account: nil)
            } catch {
                throw error.commandFailure
            }
            // A replayed snapshot says again what its live run could not fetch.
            if snapshot != nil {
                for failure in files.fetchErrors { io.error("warning: \(failure.value.command): \(DisplayText.escaped(failure.value.error))\n") }
            }
            for file in files.unrecognised {
                io.error("\(DisplayText.escaped(file)): note: not an AWS CLI output audit reads; skipped\n")
            }
            let unknownNames = pipelineNames.filter { name in !inventory.pipelines.contains { $0.label == name } }
            guard unknownNames.isEmpty else {
                let known = inventory.pipelines.map { "`\($0.label)`" }.joined(separator: ", ")
                throw CommandFailure("usage.unknown-pipeline", "no pipeline named " + unknownNames.map { "`\(DisplayText.escaped($0))`" }.joined(separator: ", ")
                    + " in the snapshot" + (known.isEmpty ? " (it has none)" : "; it has \(known)"), at: "--pipeline-name")
            }
            // Live runs name the account and region the calls went to; a saved snapshot names them too, so its replay prints the same.
            let source = Self.source(account: inventory.account, region: accountRegion, snapshot: snapshot ?? saveSnapshot)
            let reports = Self.reports(inventory, source: source, files: files, only: Set(pipelineNames), catalogue: catalogue)
            let gate = StackGate(failOn: failOn, failOnUnknown: failOnUnknown)
            let render = { (report: StackReport) in
                StackReportRenderer.render(report, as: format, toolVersion: AccessGraphCommand.configuration.version, gate: gate,
                                           sarifPaths: SARIFPaths(workingDirectory: FileManager.default.currentDirectoryPath))
            }
            switch format {
            case .text, .markdown:
                io.out(reports.map(render).joined(separator: "\n"))
            case .json:
                io.out("[\n" + reports.map(render).map { $0.hasSuffix("\n") ? String($0.dropLast()) : $0 }.joined(separator: ",\n") + "\n]\n")
            case .sarif, .junit:
                // One run, one set of suites for the account: every check keeps its pipeline or
                // domain as subject, which names it apart from the same check of another pipeline.
                var account = StackReport(name: source, checks: reports.flatMap(\.checks), findings: reports.flatMap(\.findings))
                account.command = "audit"
                io.out(render(account))
            }
            return reports.contains { $0.isRefused(by: gate) } ? ExitStatus.refused : ExitStatus.success
        }

        /// What the reports' headings say was audited: the account and region when known, and the
        /// snapshot directory read or saved (`account 123456789012 in us-east-1, snapshot audit/`).
        static func source(account: String?, region: String?, snapshot: String?) -> String {
            let account = account.flatMap { SymbolToken.containsToken($0) ? nil : $0 }
            let place: String? = switch (account, region) {
            case let (account?, region?): "account \(account) in \(region)"
            case let (account?, nil): "account \(account)"
            case let (nil, region?): "an account in \(region)"
            case (nil, nil): nil
            }
            return ([place] + [snapshot.map { "snapshot \($0)" }]).compactMap { $0 }.joined(separator: ", ")
        }

        /// Reads the account live into `--save-snapshot` (or a temporary directory) and returns
        /// where, with the region the calls went to; calls that fail for good are listed on stderr and in `fetch-errors.json`.
        func fetch(io: CommandIO) throws(CommandFailure) -> (directory: String, region: String) {
            // Only this run's outputs: an earlier file must not stand in for a call that fails now.
            if let saveSnapshot, let existing = try? FileManager.default.contentsOfDirectory(atPath: saveSnapshot), !existing.isEmpty {
                throw CommandFailure("io.not-empty", "`\(DisplayText.escaped(saveSnapshot))` is not empty: a live audit saves into a new or empty directory, so no earlier output stands in for one it could not fetch",
                                     at: "--save-snapshot")
            }
            let settings = try resolvedSettings(profile: profile)
            let organizationSettings = try organizationProfile.map { name throws(CommandFailure) in try resolvedSettings(profile: name) }
            guard let region = settings.region else {
                throw CommandFailure("usage.no-region", "a live audit needs a region: --region, AWS_REGION, AWS_DEFAULT_REGION or the profile's `region`", at: "--region")
            }
            let directory = saveSnapshot ?? NSTemporaryDirectory() + "accessgraph-audit-\(UUID().uuidString)"
            let showProgress = !quiet && isatty(2) == 1
            let started = Date()
            let retry = RetryPolicy(timeout: callTimeout)
            let result = AsyncOutcome.run { () async throws -> [AccountFetcher.Failure] in
                let transport = URLSessionTransport()
                func client(_ settings: AWSSettings) async throws -> AWSClient {
                    let credentials = try await CredentialProvider.credentials(settings.credentials, settings: settings, region: region, transport: transport, retry: retry)
                    return AWSClient(settings: settings, credentials: credentials, region: region, transport: transport, retry: retry)
                }
                let organizationClient = if let organizationSettings { try await client(organizationSettings) } else { nil as AWSClient? }
                return try await AccountFetcher(client: try await client(settings), organizationClient: organizationClient, directory: directory, progress: { line in
                    if showProgress, Date().timeIntervalSince(started) > 1 { io.error("\r\(line)") }
                }).fetch()
            }
            if showProgress { io.error("\r\u{1B}[K") }
            switch result {
            case .success(let failures):
                for failure in failures { io.error("warning: \(failure.command): \(DisplayText.escaped(failure.error))\n") }
            case .failure(let error as AWSCallError):
                throw CommandFailure("aws.call-failed", DisplayText.escaped(error.description), at: "audit")
            case .failure(let error as DiagnosticError):
                throw error.commandFailure
            case .failure(let error):
                throw CommandFailure("aws.call-failed", "the live audit failed: \(DisplayText.escaped(String(describing: error)))", at: "audit")
            }
            return (directory, region)
        }

        /// The identity-based policy a live audit needs: the actions of every call it makes
        /// (`AuditOperation`), read-only, on every resource, since it reads whatever the account
        /// holds. `--organization-profile`'s credentials need only the `organizations` actions.
        static var requiredPolicy: GeneratedPolicy {
            GeneratedPolicy(
                name: "accessgraph-audit", title: "Identity-based policy of whoever runs `accessgraph audit` live", kind: .auditor,
                statements: AuditOperation.requiredActions.map { service, actions in
                    GeneratedStatement(sid: "Read" + service.id.filter { $0.isLetter || $0.isNumber }, actions: actions, resources: ["*"])
                })
        }

        /// Credentials, region and endpoints for `profile` as the AWS CLI finds them, every call
        /// sent to `--endpoint-url` when it is given.
        func resolvedSettings(profile: String?) throws(CommandFailure) -> AWSSettings {
            var settings: AWSSettings
            do {
                settings = try AWSSettingsResolver.resolve(profile: profile, region: region, from: AWSSettingsSources(
                    environment: ProcessInfo.processInfo.environment, home: FileManager.default.homeDirectoryForCurrentUser.path,
                    readFile: { try? String(contentsOfFile: $0, encoding: .utf8) }))
            } catch {
                throw error.commandFailure
            }
            if let endpointURL {
                settings.endpoint = endpointURL
                settings.serviceEndpoints = [:]
            }
            return settings
        }

        /// One report per pipeline with its checks, then the account's: the Dashboards checks of
        /// its domains and its findings, once. The checks come from one analysis of the whole
        /// account, as `check` runs them, split by the pipeline they are about. A pipeline
        /// `list-pipelines` names without its `get-pipeline` output is a report of its own that
        /// says so, and so are the pipelines when a live run could not list them. A check left
        /// unknown for want of an output a live run failed to fetch says why the call failed.
        static func reports(_ inventory: Inventory, source: String, files: AccountFiles, only names: Set<String>, catalogue: ServiceCatalogue) -> [StackReport] {
            let analysis = StackAnalyzer.analyze(inventory, catalogue: catalogue, accountWide: true)
            var reports: [StackReport] = []
            for pipeline in inventory.pipelines where names.isEmpty || names.contains(pipeline.label) {
                let checks = analysis.checks.filter { $0.subject == CheckSubject(pipeline) }
                reports.append(StackReport(name: "\(source): pipeline \(pipeline.label)", checks: checks, findings: []))
            }
            for listed in files.listedPipelines where !inventory.pipelines.contains(where: { $0.label == listed.value }) && (names.isEmpty || names.contains(listed.value)) {
                let reason = "the configuration of pipeline `\(listed.value)` is unknown: the snapshot lists it but holds no `get-pipeline` output for it "
                    + "(`aws osis get-pipeline --pipeline-name \(listed.value)` prints it)"
                let subject = CheckSubject(kind: .pipeline, label: listed.value)
                reports.append(StackReport(name: "\(source): pipeline \(listed.value)", checks: CheckID.allCases.filter(\.isPipelineCheck).map {
                    CheckResult(id: $0, status: .unknown, reason: reason, location: listed.location, subject: subject)
                }, findings: []))
            }
            if names.isEmpty, let listing = files.fetchErrors.first(where: { $0.value.command.hasPrefix("aws osis list-pipelines") }) {
                let reason = "the account's pipelines are unknown: they could not be listed (`\(listing.value.command)`)"
                let subject = CheckSubject(kind: .pipeline, label: "pipelines")
                reports.append(StackReport(name: "\(source): pipelines", checks: CheckID.allCases.filter(\.isPipelineCheck).map {
                    CheckResult(id: $0, status: .unknown, reason: reason, location: listing.location, subject: subject)
                }, findings: []))
            }
            let accountChecks = analysis.checks.filter { $0.subject?.kind != .pipeline && $0.id == .dashboardsCognito }
            reports.append(StackReport(name: "\(source): account", checks: accountChecks, findings: analysis.findings))
            return reports.map { report in
                var report = report
                report.command = "audit"
                report.checks = report.checks.map { check in
                    guard check.status == .unknown else { return check }
                    var check = check
                    for failure in files.fetchErrors where check.reason.contains("`\(failure.value.command)`") {
                        check.reason += "; fetching it failed: \(failure.value.error)"
                    }
                    return check
                }
                return report
            }
        }
    }
}
