import PolicyEvaluation
import PolicyModel

/// A required request as the evaluator decided it, and whether that meets the requirement.
package struct EvaluatedRequest: Sendable, Hashable {
    /// Whether the decision is what the requirement expects.
    package enum Verdict: String, Sendable, Hashable {
        /// The decision meets the expectation whatever the unknown values turn out to be.
        case met = "pass"
        case unmet = "fail"
        /// Unknown values (or a policy the inputs do not hold) could go either way.
        case undetermined = "unknown"
    }

    package var requirement: RequiredRequest
    /// Who made it, as the request named the caller.
    package var principal: String
    package var decision: Decision
    package var verdict: Verdict
    /// The evaluator's reason, with the nearest miss when an Allow was expected.
    package var reason: String
    package var matched: [StatementRef]
    /// Why the verdict is undetermined: the statements it hinges on, or a policy that is missing.
    package var unresolved: [String]

    package var action: String { requirement.action }
    package var resource: String { requirement.resource }
    package var expectation: Decision { requirement.expectation }

    package init(requirement: RequiredRequest, principal: String, decision: Decision, verdict: Verdict, reason: String,
                 matched: [StatementRef], unresolved: [String]) {
        self.requirement = requirement
        self.principal = principal
        self.decision = decision
        self.verdict = verdict
        self.reason = reason
        self.matched = matched
        self.unresolved = unresolved
    }
}

extension Array where Element == EvaluatedRequest {
    /// `.unmet` if any request failed, else `.undetermined` if any is open, else `.met`.
    package var combinedVerdict: EvaluatedRequest.Verdict {
        if contains(where: { $0.verdict == .unmet }) { return .unmet }
        if contains(where: { $0.verdict == .undetermined }) { return .undetermined }
        return .met
    }

    /// The first request that failed (else the first undecided one), phrased for a checklist. An
    /// undecided one starts with what is unknown and names what it hinges on, never a decision:
    /// it is not a denial.
    package var firstProblem: String? {
        if let failed = first(where: { $0.verdict == .unmet }) {
            let verb = failed.expectation == .allow ? "needs" : "must not get"
            return "\(failed.principal) \(verb) `\(failed.action)` on `\(failed.resource)`: \(failed.decision.rawValue) — \(failed.reason)"
        }
        return first { $0.verdict == .undetermined }.map { open in
            let question = open.expectation == .allow ? "may" : "is refused"
            let hinges = open.unresolved.isEmpty ? "the inputs leave a value it depends on open" : open.unresolved.joined(separator: "; ")
            return "whether \(open.principal) \(question) `\(open.action)` on `\(open.resource)` is unknown: \(hinges)"
        }
    }
}
