import PolicyModel

/// `lint.unknown-service` (error): an action whose service prefix the catalogue does not know.
struct UnknownServiceRule: LintRule {
    let codes = ["lint.unknown-service"]

    func check(_ context: LintContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (_, actions) in context.statements {
            for action in actions {
                guard case .unknownService(let service) = action.kind else { continue }
                diagnostics.append(context.diagnostic(
                    .error, "lint.unknown-service",
                    "unknown service prefix `\(service)` in `\(action.pattern.text)` (service catalogue of \(context.catalogue.source.iamDataDate))",
                    at: action.pattern.position,
                    help: "service prefixes are the part before the colon, such as `s3` or `dynamodb`; a service added after the catalogue's date needs a newer catalogue"))
            }
        }
        return diagnostics
    }
}
