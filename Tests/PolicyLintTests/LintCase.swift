import Testing
import PolicyLint
import PolicyModel

/// One row of a rule table: a policy, the type it is linted as, and where one code must be reported.
struct LintCase: Sendable, CustomTestStringConvertible {
    var name: String
    var type: PolicyType
    var policy: String
    var code: String
    var severity: Severity
    /// Every place `code` must be reported, and nowhere else.
    var positions: [SourcePosition]

    init(_ name: String, _ type: PolicyType = .identity, code: String, _ severity: Severity, at positions: [(Int, Int)], _ policy: String) {
        self.name = name
        self.type = type
        self.policy = policy
        self.code = code
        self.severity = severity
        self.positions = positions.map { SourcePosition(line: $0.0, column: $0.1) }
    }

    var testDescription: String { "\(code): \(name)" }
}

/// A policy that must not trigger `code`: guards against the false positives other linters are
/// known for.
struct QuietCase: Sendable, CustomTestStringConvertible {
    var name: String
    var type: PolicyType
    var policy: String
    var code: String

    init(_ name: String, _ type: PolicyType = .identity, code: String, _ policy: String) {
        self.name = name
        self.type = type
        self.policy = policy
        self.code = code
    }

    var testDescription: String { "no \(code): \(name)" }
}
