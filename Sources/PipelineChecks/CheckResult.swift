import PipelineRequirements
import PolicyModel

/// One pipeline check: its id, its status, a one-line reason and the requests behind it.
package struct CheckResult: Sendable, Hashable {
    package var id: CheckID
    package var status: CheckStatus
    package var reason: String
    package var requests: [EvaluatedRequest]
    package var location: SourceLocation?
    /// The pipeline or domain checked; nil for a check skipped because there is none.
    package var subject: CheckSubject?

    package init(id: CheckID, status: CheckStatus, reason: String, requests: [EvaluatedRequest] = [], location: SourceLocation?,
                 subject: CheckSubject? = nil) {
        self.id = id
        self.subject = subject
        self.status = status
        self.reason = reason
        self.requests = requests
        self.location = location
    }

    package var title: String { id.title }
}
