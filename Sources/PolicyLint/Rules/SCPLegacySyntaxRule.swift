import PolicyModel

/// `lint.scp-legacy-syntax` (warning): SCP constructs that AWS Organizations rejected in `Allow`
/// statements under the SCP grammar Access Analyzer checked until 2025 — `NotAction`, `Condition`,
/// `Resource` other than `*` — and `NotResource` in any statement. AWS has since accepted the full
/// IAM policy language in SCPs, so this is a warning: it matters where the older grammar is still
/// enforced (older tooling, other partitions).
struct SCPLegacySyntaxRule: LintRule {
    let codes = ["lint.scp-legacy-syntax"]

    private static let help = "SCPs written to the older grammar allowed this only in `Deny` statements; AWS Organizations now accepts the full IAM policy language in SCPs, so check only if your tooling enforces the old grammar"

    func check(_ context: LintContext) -> [Diagnostic] {
        guard context.type == .scp else { return [] }
        var diagnostics: [Diagnostic] = []
        func warn(_ message: String, at position: SourcePosition) {
            diagnostics.append(context.diagnostic(.warning, "lint.scp-legacy-syntax", message, at: position, help: Self.help))
        }
        for statement in context.document.statements {
            if let resource = statement.resource, resource.isNot {
                warn("`NotResource` in an SCP was not supported by the older SCP grammar", at: resource.position)
            }
            guard statement.effect == .allow else { continue }
            if statement.action.isNot {
                warn("`Allow` with `NotAction` in an SCP was not supported by the older SCP grammar", at: statement.action.position)
            }
            if let resource = statement.resource, !resource.isNot, resource.patterns.contains(where: { $0.text != "*" }) {
                warn("`Allow` with a `Resource` other than `*` in an SCP was not supported by the older SCP grammar", at: resource.position)
            }
            if let clause = statement.conditions.first {
                warn("`Allow` with a `Condition` in an SCP was not supported by the older SCP grammar", at: clause.position)
            }
        }
        return diagnostics
    }
}
