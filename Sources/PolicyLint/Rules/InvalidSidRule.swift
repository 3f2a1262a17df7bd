import PolicyModel

/// `lint.invalid-sid` (error): IAM accepts only letters and digits in the `Sid` of policies attached
/// to principals (resource-based policies of other services are more lenient).
struct InvalidSidRule: LintRule {
    let codes = ["lint.invalid-sid"]

    func check(_ context: LintContext) -> [Diagnostic] {
        guard context.type.isIdentityKind else { return [] }
        return context.document.statements.compactMap { statement in
            guard let sid = statement.sid,
                  sid.unicodeScalars.contains(where: { !(("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)) })
            else { return nil }
            return context.diagnostic(
                .error, "lint.invalid-sid",
                "`Sid` `\(sid)` may contain only letters and digits in \(context.type.displayName)",
                at: statement.sidPosition, help: "remove spaces, hyphens and other punctuation")
        }
    }
}
