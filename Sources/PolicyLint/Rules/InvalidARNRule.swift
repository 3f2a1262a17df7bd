import PolicyModel

/// `Resource`/`NotResource` entries that are not `*` and not a well-formed ARN:
/// - `lint.invalid-arn-prefix` (error): does not start with `arn:`;
/// - `lint.invalid-arn` (error): fewer than six colon-separated parts, or no service;
/// - `lint.invalid-arn-service-case` (error): upper case in the service part;
/// - `lint.invalid-arn-service-wildcard` (error): `*` or `?` in the service part, which IAM does not
///   allow.
struct InvalidARNRule: LintRule {
    let codes = ["lint.invalid-arn-prefix", "lint.invalid-arn", "lint.invalid-arn-service-case", "lint.invalid-arn-service-wildcard"]

    func check(_ context: LintContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for statement in context.document.statements {
            guard let resource = statement.resource else { continue }
            for pattern in resource.patterns where pattern.text != "*" {
                if let diagnostic = problem(with: pattern, context: context) { diagnostics.append(diagnostic) }
            }
        }
        return diagnostics
    }

    private func problem(with pattern: ResourcePattern, context: LintContext) -> Diagnostic? {
        let text = pattern.text
        let arn = ARNText(text)
        guard arn.hasARNPrefix else {
            return context.diagnostic(
                .error, "lint.invalid-arn-prefix", "`\(text)` is not an ARN: it must start with `arn:`",
                at: pattern.position, help: "use `*` for every resource, or an ARN such as `arn:aws:s3:::bucket/*`")
        }
        guard arn.isComplete else {
            return context.diagnostic(
                .error, "lint.invalid-arn",
                "`\(text)` has \(arn.parts.count) of the 6 colon-separated ARN parts",
                at: pattern.position, help: "an ARN is `arn:partition:service:region:account:resource`; region and account may be empty")
        }
        guard let service = arn.service, !service.contains("${") else { return nil }
        if service.isEmpty {
            return context.diagnostic(.error, "lint.invalid-arn", "`\(text)` has no service part", at: pattern.position)
        }
        if service.contains("*") || service.contains("?") {
            return context.diagnostic(
                .error, "lint.invalid-arn-service-wildcard",
                "wildcards are not allowed in the service part of `\(text)`",
                at: pattern.position, help: "list one ARN per service, or use `*`")
        }
        if service.contains(where: \.isUppercase) {
            return context.diagnostic(
                .error, "lint.invalid-arn-service-case",
                "the service part `\(service)` of `\(text)` must be lower case",
                at: pattern.position, help: "write `\(service.lowercased())`")
        }
        return nil
    }
}
