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

/// What a finding points at: a statement of a policy (with what it grants), or a setting.
package struct Evidence: Sendable, Hashable, CustomStringConvertible {
    package var statement: StatementRef?
    package var detail: String?
    package var location: SourceLocation?

    package init(statement: StatementRef?, detail: String? = nil, location: SourceLocation?) {
        self.statement = statement
        self.detail = detail
        self.location = location
    }

    /// `policy statement N (Sid): detail`.
    package var description: String {
        [statement?.label, detail].compactMap { $0 }.joined(separator: ": ")
    }
}

/// Everything `accessgraph check` found for one stack.
package struct StackReport: Sendable, Hashable {
    package var name: String
    package var checks: [CheckResult]
    package var findings: [Finding]

    package init(name: String, checks: [CheckResult], findings: [Finding]) {
        self.name = name
        self.checks = checks
        self.findings = findings
    }

    /// True when a check failed (or, with `failOnUnknown`, could not be decided) or a finding is
    /// at or above `failOn`: the gate refuses the stack.
    package func gateFails(failOn: Severity, failOnUnknown: Bool = false) -> Bool {
        checks.contains { $0.status == .fail || (failOnUnknown && $0.status == .unknown) } || findings.contains { $0.severity >= failOn }
    }
}
