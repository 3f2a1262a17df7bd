import PipelineChecks
import PipelineRequirements
import PolicyEvaluation
import PolicyModel

/// One assertion of the file, decided for a stack (or a change), like a pipeline check: a status,
/// a one-line reason, the statements that decide it and the requests behind it.
package struct AssertionResult: Sendable, Hashable {
    package enum Kind: String, Sendable, Hashable, CaseIterable {
        case mustAllow = "must-allow"
        case mustNotAllow = "must-not-allow"
        case noPublicAccess = "no-public-access"
        case noNewAccess = "no-new-access"
    }

    package enum Status: String, Sendable, Hashable, CaseIterable {
        case pass
        case fail
        /// The answer depends on a value the inputs leave open; the reason names it.
        case unknown
        /// `no-new-access` in `check`, which has no base to compare with.
        case notApplicable = "not-applicable"
    }

    package var kind: Kind
    /// What is asserted, quoting the file's values: ``Role` may `s3:GetObject` on `Bucket``.
    package var subject: String
    package var status: Status
    package var reason: String
    /// The statements that decide the result (policy and position), each once.
    package var evidence: [StatementRef]
    /// `must-allow` and `must-not-allow`: every request asked, with its decision.
    package var requests: [EvaluatedRequest]
    /// The entry in the assertions file.
    package var location: SourceLocation

    package init(kind: Kind, subject: String, status: Status, reason: String, evidence: [StatementRef] = [], requests: [EvaluatedRequest] = [],
                 location: SourceLocation) {
        self.kind = kind
        self.subject = subject
        self.status = status
        self.reason = reason
        self.evidence = evidence
        self.requests = requests
        self.location = location
    }

    /// `must-allow: subject`, how reports and test names show it.
    package var title: String { "\(kind.rawValue): \(subject)" }
}

/// Every assertion of one file, decided, in file order.
package struct AssertionReport: Sendable, Hashable {
    package var file: String
    package var results: [AssertionResult]

    package init(file: String, results: [AssertionResult]) {
        self.file = file
        self.results = results
    }

    /// True when the gate refuses an assertion, and so the stack or the change.
    package func isRefused(by gate: StackGate) -> Bool {
        results.contains(where: gate.refuses)
    }
}

extension StackGate {
    /// A failed assertion, or an undecided one with `failOnUnknown`: exactly as for checks.
    package func refuses(_ assertion: AssertionResult) -> Bool {
        assertion.status == .fail || (failOnUnknown && assertion.status == .unknown)
    }
}
