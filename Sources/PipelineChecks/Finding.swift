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
    /// Set when a team's assertions file suppresses the finding: it stays in every report, with
    /// the reason, but no longer fails the gate (`StackGate`).
    package var suppression: FindingSuppression?

    package init(id: FindingID, severity: Severity, resource: String, message: String, evidence: [Evidence] = [], location: SourceLocation?) {
        self.id = id
        self.severity = severity
        self.resource = resource
        self.message = message
        self.evidence = evidence
        self.location = location
    }
}

/// Why a finding is accepted for now, until when, and where that is written (the `suppress`
/// entry of an assertions file).
package struct FindingSuppression: Sendable, Hashable {
    package var reason: String
    /// `YYYY-MM-DD`: from this day on the suppression no longer holds.
    package var expires: String
    package var location: SourceLocation

    package init(reason: String, expires: String, location: SourceLocation) {
        self.reason = reason
        self.expires = expires
        self.location = location
    }
}
