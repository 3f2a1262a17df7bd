import PolicyModel

/// A resource type from the Service Authorization Reference, e.g. OpenSearch `domain` with template
/// `arn:${Partition}:es:${Region}:${Account}:domain/${DomainName}`.
package struct ResourceTypeInfo: Sendable, Hashable {
    /// Prefix of the service that defines the type (the template may name another service:
    /// `devops-guru`'s `topic` is an `sns` ARN).
    package var service: String
    package var name: String
    /// The template exactly as AWS gives it. A few types list alternatives joined by ", " (API
    /// Gateway v1/v2 paths); `arnTemplates` splits them.
    package var arnTemplate: String
    /// Condition keys AWS lists for the resource type itself (typically `aws:ResourceTag/${TagKey}`).
    package var conditionKeys: [String]

    package init(service: String, name: String, arnTemplate: String, conditionKeys: [String]) {
        self.service = service
        self.name = name
        self.arnTemplate = arnTemplate
        self.conditionKeys = conditionKeys
    }

    package var arnTemplates: [String] {
        arnTemplate.components(separatedBy: ", ").filter { !$0.isEmpty }
    }

    /// Whether the concrete ARN names a resource of this type. Placeholder rules: see `ARNTemplate`.
    package func matches(arn: String) -> Bool {
        templateLanguages.contains { $0.matches(arn) }
    }

    /// The templates as languages, built once by callers that compare the type with many entries.
    package var templateLanguages: [PatternLanguage] {
        arnTemplates.map(ARNTemplate.language)
    }

    /// Whether a policy `Resource` pattern (with `*`, `?` and policy variables) could name at least
    /// one resource of this type — "could", not "must": `arn:aws:s3:::*` answers true for both the
    /// S3 `bucket` and `object` types, `arn:aws:s3:::my-bucket/*` only for `object`.
    /// A policy variable counts as `*`; literal text is compared case-sensitively.
    ///
    /// Deliberately looser than the evaluator's `ARNPattern`: the pattern is one glob over the whole
    /// ARN, so `*` may span `:`. AWS's own managed policies rely on that
    /// (`arn:aws:secretsmanager:*:*:sqlworkbench!*` for secrets named `secret:sqlworkbench!…`), and
    /// a linter must not call such statements dead.
    package func matches(pattern: String) -> Bool {
        let entry = Self.entryLanguage(pattern)
        return templateLanguages.contains { entry.intersects($0) }
    }

    /// A `Resource` pattern as `matches(pattern:)` reads it.
    package static func entryLanguage(_ pattern: String) -> PatternLanguage {
        WildcardPattern(elements: PolicyVariableString(pattern, variablesEnabled: true).globElementsForAnyVariableValue).language
    }
}
