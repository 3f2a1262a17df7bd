import PolicyModel

/// `lint.unknown-action` (error): an exact action name (no wildcard) that the service does not have.
/// The message names the catalogue's date, since AWS adds actions all the time.
struct UnknownActionRule: LintRule {
    let codes = ["lint.unknown-action"]

    func check(_ context: LintContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (_, actions) in context.statements {
            for action in actions {
                guard case .unknownAction(let service) = action.kind else { continue }
                diagnostics.append(context.diagnostic(
                    .error, "lint.unknown-action",
                    "unknown action `\(action.pattern.text)`: `\(service.lowercased())` has no such action in the service catalogue of \(context.catalogue.source.iamDataDate)",
                    at: action.pattern.position,
                    help: "check the spelling against the Service Authorization Reference; IAM action names can differ from API operation names"))
            }
        }
        return diagnostics
    }
}
