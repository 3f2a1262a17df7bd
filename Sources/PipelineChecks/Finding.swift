import PolicyEvaluation
import PolicyModel

/// A problem beyond the checks: over-privilege, weak trust, an open domain policy, missing
/// encryption.
package struct Finding: Sendable, Hashable {
    package var id: FindingID
    package var severity: Severity
    /// How reports name the resource concerned (its logical id).
    package var resource: String
    package var message: String
    /// The statements (or properties) that cause it.
    package var evidence: [Evidence]
    package var location: SourceLocation?

    package init(id: FindingID, severity: Severity, resource: String, message: String, evidence: [Evidence] = [], location: SourceLocation?) {
        self.id = id
        self.severity = severity
        self.resource = resource
        self.message = message
        self.evidence = evidence
        self.location = location
    }
}
