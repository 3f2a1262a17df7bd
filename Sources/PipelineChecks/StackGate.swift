import PolicyModel

/// What makes `accessgraph check` refuse a stack (exit 3): a failed check, an undecided one with
/// `failOnUnknown`, a finding at or above `failOn` that no assertions file suppresses. Reports
/// mark exactly these as failures (JUnit `<failure>`, SARIF level `error`), so a report never
/// disagrees with the exit code.
package struct StackGate: Sendable, Hashable {
    package var failOn: Severity
    package var failOnUnknown: Bool

    package init(failOn: Severity = .error, failOnUnknown: Bool = false) {
        self.failOn = failOn
        self.failOnUnknown = failOnUnknown
    }

    package func refuses(_ check: CheckResult) -> Bool {
        check.status == .fail || (failOnUnknown && check.status == .unknown)
    }

    package func refuses(_ finding: Finding) -> Bool {
        finding.suppression == nil && finding.severity >= failOn
    }
}
