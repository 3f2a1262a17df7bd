import PolicyModel

/// `lint.duplicate-sid` (error): two statements with the same `Sid`; IAM requires them unique
/// within a policy.
struct DuplicateSidRule: LintRule {
    let codes = ["lint.duplicate-sid"]

    func check(_ context: LintContext) -> [Diagnostic] {
        var first: [String: Statement] = [:]
        var diagnostics: [Diagnostic] = []
        for statement in context.document.statements {
            guard let sid = statement.sid, !sid.isEmpty else { continue }
            guard let earlier = first[sid] else {
                first[sid] = statement
                continue
            }
            let earlierPosition = earlier.sidPosition
            diagnostics.append(context.diagnostic(
                .error, "lint.duplicate-sid",
                "duplicate `Sid` `\(sid)`, first used by statement \(earlier.index)"
                    + (earlierPosition.isKnown ? " at line \(earlierPosition.line)" : ""),
                at: statement.sidPosition, help: "give each statement its own `Sid`"))
        }
        return diagnostics
    }
}
