import PolicyModel

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
