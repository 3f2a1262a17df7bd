import AccessGraph
import PipelineChecks
import PipelineRequirements
import PolicyEvaluation
import PolicyModel
import StackDiff

extension StackAssertions {
    /// Decides every assertion, in file order.
    /// - Parameter diff: the change, for `no-new-access`; without one (in `check`) those are not
    ///   applicable.
    package func evaluate(diff: StackDiff? = nil) -> AssertionReport {
        let evaluator = RequirementEvaluator(inventory: head)
        let results = accessChecks.map { evaluate($0, with: evaluator) } + publicAccessChecks.map(evaluate)
            + newAccessChecks.map { evaluate($0, diff: diff) }
        return AssertionReport(file: file.file, results: results.enumerated()
            .sorted { ($0.element.location.position, $0.offset) < ($1.element.location.position, $1.offset) }.map(\.element))
    }

    // MARK: must-allow, must-not-allow

    func evaluate(_ check: AccessCheck, with evaluator: RequirementEvaluator) -> AssertionResult {
        let rule = check.rule
        let requests = check.requests.compactMap(evaluator.evaluate)
        let verdict = requests.combinedVerdict
        let decided = rule.kind == .mustAllow ? "allowed" : "refused"
        var reason: String
        var evidence: [StatementRef]
        switch verdict {
        case .met:
            reason = requests.count == 1 ? requests[0].reason : "each of the \(requests.count) requests is \(decided)"
            evidence = requests.flatMap(\.matched)
        case .unmet, .undetermined:
            let open = requests.filter { $0.verdict == verdict }
            reason = requests.firstProblem ?? ""
            if requests.count > 1 { reason += " (\(open.count) of \(requests.count) requests)" }
            evidence = open.flatMap(\.matched)
        }
        let verb = rule.kind == .mustAllow ? "may" : "may not"
        var subject = "`\(rule.principal.value)` \(verb) \(rule.actions.map { "`\($0.value)`" }.joined(separator: ", ")) on `\(rule.resource.value)`"
        if !rule.context.isEmpty {
            subject += " with " + rule.context.map { entry in "`\(entry.key.value)`=" + entry.values.map { "`\($0.value)`" }.joined(separator: ",") }.joined(separator: ", ")
        }
        return AssertionResult(kind: rule.kind, subject: subject, status: AssertionResult.Status(verdict), reason: reason,
                               evidence: evidence.uniqued(), requests: requests, location: file.location(rule.position))
    }

    // MARK: no-public-access

    /// Whether one resource's policy lets everyone in, in S3's sense of public (`PublicPolicy`).
    enum Exposure {
        case closed(String)
        /// Public as written, but Block Public Access keeps the public out.
        case restricted(String, [StatementRef])
        case unknown(String)
        case open(String, [StatementRef])
    }

    static func exposure(of resource: StackReferences.Resource) -> Exposure {
        guard let policy = resource.policy?.policy else { return .closed("`\(resource.label)` has no resource-based policy") }
        if let unknown = policy.unknownContent { return .unknown(unknown.reason) }
        let statements = PublicPolicy.publicStatements(in: policy.document).map { StatementRef($0, in: policy) }
        guard !statements.isEmpty else { return .closed("\(resource.policyName) is not public") }
        let which = statements.map(\.label).joined(separator: ", ")
        if resource.kind == .bucket && resource.restrictPublicBuckets == true {
            return .restricted("\(resource.policyName) is public as written (\(which)), but the bucket's Block Public Access "
                + "`RestrictPublicBuckets` lets in only AWS services and the bucket owner's account", statements)
        }
        return .open("\(resource.policyName) is public: \(which) allows everyone (`*`) without a condition that pins the caller's "
            + "account, organization, network or source", statements)
    }

    func evaluate(_ check: PublicAccessCheck) -> AssertionResult {
        let exposures = check.resources.map(Self.exposure)
        var open: [String] = [], unknown: [String] = [], notes: [String] = []
        var openStatements: [StatementRef] = [], restrictedStatements: [StatementRef] = []
        for exposure in exposures {
            switch exposure {
            case .closed: break
            case .restricted(let note, let statements): notes.append(note); restrictedStatements += statements
            case .unknown(let reason): unknown.append(reason)
            case .open(let reason, let statements): open.append(reason); openStatements += statements
            }
        }
        let status: AssertionResult.Status = !open.isEmpty ? .fail : !unknown.isEmpty ? .unknown : .pass
        var reason = switch status {
        case .fail: open.joined(separator: "; ")
        case .unknown: unknown.joined(separator: "; ")
        default:
            if check.rule.resource == nil {
                "none of the \(exposures.count) resource-based policies is public"
            } else if exposures.count == 1, case .closed(let reason) = exposures[0] {
                reason
            } else {
                "none of the \(exposures.count) resources is public"
            }
        }
        if status == .pass, !notes.isEmpty { reason += "; " + notes.joined(separator: "; ") }
        return AssertionResult(kind: .noPublicAccess, subject: check.rule.resource.map { "`\($0.value)`" } ?? "every resource",
                               status: status, reason: reason, evidence: (status == .fail ? openStatements : restrictedStatements).uniqued(),
                               location: file.location(check.rule.position))
    }

    // MARK: no-new-access

    func evaluate(_ check: NewAccessCheck, diff: StackDiff?) -> AssertionResult {
        let (subject, grantee): (String, String) = switch check.rule.subject {
        case .principal(let name): ("`\(name.value)`", "`\(name.value)`")
        case .policy(let name): ("policy `\(name.value)`", "anyone through `\(name.value)`")
        }
        let location = file.location(check.rule.position)
        guard let diff else {
            return AssertionResult(kind: .noNewAccess, subject: subject, status: .notApplicable,
                                   reason: "applies to `accessgraph diff`, which compares a change with its base; `check` has none", location: location)
        }
        // A principal's gained access, with the statements that grant it; a policy's, the gained
        // access one of its Allow statements grants (its `Action` covers a gained action).
        let gained = diff.gained.compactMap { change -> (StackDiff.AccessChange, [StatementRef])? in
            if check.principalARNs.contains(change.from) { return (change, change.evidence) }
            let actions = change.actions.map(RequestAction.init)
            let granting = change.evidence.filter { ref in
                guard let statement = check.policies[ref.policy]?.document.statements.first(where: { $0.index == ref.index }) else { return false }
                return statement.effect == .allow && actions.contains(where: statement.action.covers)
            }
            return granting.isEmpty ? nil : (change, granting)
        }
        guard !gained.isEmpty else {
            return AssertionResult(kind: .noNewAccess, subject: subject, status: .pass,
                                   reason: "the head grants \(grantee) nothing the base did not", location: location)
        }
        let evidence = gained.flatMap(\.1)
        let changes = gained.map(\.0).map { change in
            let service = change.service.map { " (to `\($0)`)" } ?? ""
            let actions = change.actions.isEmpty ? "" : ": " + change.actions.map { "`\($0)`" }.joined(separator: ", ")
            let who = check.policies.isEmpty ? "" : "`\(change.from)` "
            return "\(who)\(change.kind.rawValue)\(service) `\(change.to)`\(actions)" + (change.status == .undetermined ? " (undetermined)" : "")
        }
        return AssertionResult(kind: .noNewAccess, subject: subject, status: gained.contains { $0.0.status == .allowed } ? .fail : .unknown,
                               reason: "the head grants \(grantee) what the base did not: " + changes.joined(separator: "; "),
                               evidence: evidence.uniqued(), location: location)
    }
}

extension AssertionResult.Status {
    /// A verdict's name is the status it makes: `pass`, `fail`, `unknown`.
    init(_ verdict: EvaluatedRequest.Verdict) {
        self = Self(rawValue: verdict.rawValue) ?? .unknown
    }
}
