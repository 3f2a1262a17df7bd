import PolicyModel

/// Everything `accessgraph check` found for one stack.
package struct StackReport: Sendable, Hashable {
    package var name: String
    package var checks: [CheckResult]
    package var findings: [Finding]
    /// What the report says about its inputs before the checks (that it is the embedded reference
    /// stack, analysed because no input was given).
    package var notes: [String] = []
    /// The command that produced it (`check`, `audit`), named in the text and Markdown headings.
    package var command = "check"

    package init(name: String, checks: [CheckResult], findings: [Finding]) {
        self.name = name
        self.checks = checks
        self.findings = findings
    }

    /// True when the gate refuses a check or a finding, and so the stack.
    package func isRefused(by gate: StackGate) -> Bool {
        checks.contains(where: gate.refuses) || findings.contains(where: gate.refuses)
    }

    /// True when a check failed (or, with `failOnUnknown`, could not be decided) or a finding is
    /// at or above `failOn`: the gate refuses the stack.
    package func gateFails(failOn: Severity, failOnUnknown: Bool = false) -> Bool {
        isRefused(by: StackGate(failOn: failOn, failOnUnknown: failOnUnknown))
    }
}
