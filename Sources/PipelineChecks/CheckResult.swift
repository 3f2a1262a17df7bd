import PipelineRequirements
import PolicyModel

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
