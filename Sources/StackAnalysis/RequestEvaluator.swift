import PolicyEvaluation
import PolicyModel

/// Evaluates one request a check needs and turns the decision into a check status: pass when it
/// meets the expectation, fail when it does not, unknown when a symbolic value could flip it.
struct RequestEvaluator {
    let authorizer = Authorizer()

    func evaluate(_ request: AuthorizationRequest, policies: PolicySet, expect: Decision) -> EvaluatedRequest {
        let result = authorizer.authorize(request, policies: policies)
        func meets(_ decision: Decision) -> Bool { expect == .allow ? decision == .allow : decision != .allow }
        let possible = result.undetermined?.possibleDecisions ?? [result.decision]
        var status: CheckStatus = meets(result.decision) ? .pass : .fail
        var reason = result.reason
        if let miss = result.nearMisses.first, result.decision == .implicitDeny, expect == .allow {
            reason += "; nearest: \(miss.statement.label): " + miss.mismatches.map(\.detail).joined(separator: "; ")
        }
        // Unknown only when the values still open could decide it either way.
        let unresolved = result.undetermined?.dependencies ?? []
        if possible.contains(where: meets) && !possible.allSatisfy(meets) {
            status = .unknown
            reason += "; but " + unresolved.joined(separator: "; ")
        }
        return EvaluatedRequest(
            principal: request.principal.description, action: request.action,
            resource: request.wildcardOnlyAction ? "*" : request.resource, expectation: expect, decision: result.decision,
            status: status, reason: reason, matched: result.matched, unresolved: status == .unknown ? unresolved : [])
    }
}

extension Array where Element == EvaluatedRequest {
    /// fail if any request failed, else unknown if any is unknown, else pass.
    var combinedStatus: CheckStatus {
        if contains(where: { $0.status == .fail }) { return .fail }
        if contains(where: { $0.status == .unknown }) { return .unknown }
        return .pass
    }

    /// The first request that failed (else the first undecided one), phrased for a checklist.
    var firstProblem: String? {
        (first { $0.status == .fail } ?? first { $0.status == .unknown }).map { request in
            let verb = request.expectation == .allow ? "needs" : "must not get"
            if request.status == .unknown, !request.unresolved.isEmpty, request.decision == request.expectation {
                return "\(request.principal) \(verb) `\(request.action)` on `\(request.resource)`: the policies here say \(request.decision.rawValue), but "
                    + request.unresolved.joined(separator: "; ")
            }
            return "\(request.principal) \(verb) `\(request.action)` on `\(request.resource)`: \(request.decision.rawValue) — \(request.reason)"
        }
    }
}
