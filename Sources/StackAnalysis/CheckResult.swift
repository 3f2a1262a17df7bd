import PolicyEvaluation
import PolicyModel

/// The outcome of one pipeline check.
package enum CheckStatus: String, Sendable, Hashable, CaseIterable {
    case pass
    case fail
    /// The answer depends on a value the template cannot know (an unresolved intrinsic, a
    /// symbolic account or partition); the reason names it.
    case unknown
    /// The pipeline's configuration does not need this check (stream-only, export-only).
    case skipped
}

/// One request a check evaluated, with what it needed and what it got.
package struct EvaluatedRequest: Sendable, Hashable {
    package var principal: String
    package var action: String
    package var resource: String
    /// Allow for a permission the pipeline needs; a deny for a door that must stay shut.
    package var expectation: Decision
    package var decision: Decision
    package var status: CheckStatus
    package var reason: String
    package var matched: [StatementRef]
    /// Why the decision cannot be trusted, when `status` is unknown.
    package var unresolved: [String]

    package init(
        principal: String, action: String, resource: String, expectation: Decision, decision: Decision,
        status: CheckStatus, reason: String, matched: [StatementRef], unresolved: [String]
    ) {
        self.principal = principal
        self.action = action
        self.resource = resource
        self.expectation = expectation
        self.decision = decision
        self.status = status
        self.reason = reason
        self.matched = matched
        self.unresolved = unresolved
    }
}

/// One pipeline check: a stable id, its status, a one-line reason and the requests behind it.
package struct CheckResult: Sendable, Hashable {
    package var id: String
    package var title: String
    package var status: CheckStatus
    package var reason: String
    package var requests: [EvaluatedRequest]
    package var location: SourceLocation?

    package init(id: String, title: String, status: CheckStatus, reason: String, requests: [EvaluatedRequest], location: SourceLocation?) {
        self.id = id
        self.title = title
        self.status = status
        self.reason = reason
        self.requests = requests
        self.location = location
    }
}
