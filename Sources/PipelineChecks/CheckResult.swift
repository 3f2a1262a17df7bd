import PipelineRequirements
import PolicyModel

/// The outcome of one pipeline check.
package enum CheckStatus: String, Sendable, Hashable, CaseIterable {
    case pass
    case fail
    /// The answer depends on a value the inputs do not hold (an unresolved intrinsic, a symbolic
    /// account, a policy of a resource outside the template); the reason names it.
    case unknown
    /// The pipeline's configuration does not need this check (stream-only, export-only).
    case skipped
}

/// One pipeline check: its id, its status, a one-line reason and the requests behind it.
package struct CheckResult: Sendable, Hashable {
    package var id: CheckID
    package var status: CheckStatus
    package var reason: String
    package var requests: [EvaluatedRequest]
    package var location: SourceLocation?

    package init(id: CheckID, status: CheckStatus, reason: String, requests: [EvaluatedRequest] = [], location: SourceLocation?) {
        self.id = id
        self.status = status
        self.reason = reason
        self.requests = requests
        self.location = location
    }

    package var title: String { id.title }
}
