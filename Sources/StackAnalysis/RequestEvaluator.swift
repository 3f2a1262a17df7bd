import PolicyEvaluation
import PolicyModel

/// Evaluates one request a check needs and turns the decision into a check status: pass when it
/// meets the expectation, fail when it does not, unknown when a symbolic value could flip it.
struct RequestEvaluator {
    let authorizer = Authorizer()

    func evaluate(_ request: AuthorizationRequest, policies: PolicySet, expect: Decision) -> EvaluatedRequest {
        let result = authorizer.authorize(request, policies: policies)
        let dependencies = authorizer.unresolvedDependencies(request, policies: policies, result: result)
        let met = expect == .allow ? result.decision == .allow : result.decision != .allow
        var status: CheckStatus = met ? .pass : .fail
        var reason = result.reason
        if let miss = result.nearMisses.first, result.decision == .implicitDeny, expect == .allow {
            reason += "; nearest: \(miss.statement.policy) statement \(miss.statement.index)"
                + (miss.statement.sid.map { " (\($0))" } ?? "") + ": " + miss.mismatches.map(\.detail).joined(separator: "; ")
        }
        let unresolved = dependencies.map { "\($0.statement.policy) statement \($0.statement.index) depends on \($0.detail)" }
        if !dependencies.isEmpty {
            status = .unknown
            reason += "; but " + unresolved.joined(separator: "; ")
        }
        return EvaluatedRequest(
            principal: request.principal.description, action: request.action,
            resource: request.wildcardOnlyAction ? "*" : request.resource, expectation: expect, decision: result.decision,
            status: status, reason: reason, matched: result.matched, unresolved: unresolved)
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
