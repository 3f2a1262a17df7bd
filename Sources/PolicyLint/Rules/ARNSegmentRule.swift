import PolicyModel
import ServiceCatalog

/// ARNs in `Resource`/`NotResource` and in `Principal`/`NotPrincipal` `AWS` entries, checked
/// segment by segment as Access Analyzer's policy validation checks them:
/// - `lint.invalid-arn-partition` (error): the partition is not one (`AWSPartition.names`);
/// - `lint.invalid-arn-region` (error): a region that is not a region (`AWSIdentifierForm.region`);
/// - `lint.invalid-arn-account` (error): an account that is not 12 digits, such as a placeholder
///   left in (`{account-id}`, `<account number>`, `ACCOUNT_ID`); AWS's own `aws` (managed
///   policies) and `cloudfront` (origin access identities) are accounts too;
/// - `lint.invalid-arn-resource` (error): the ARN fits none of the catalogue's ARN formats for its
///   service (a principal's: an IAM `role` or `user`, an STS `federated-user` or `root-user`, or
///   a role session, `arn:…:sts::…:assumed-role/…`).
///
/// A segment with a wildcard, a policy variable or a CloudFormation token (`⟦…⟧`) can stand for a
/// valid value and is not checked; in the format check they count as `*`. Entries that are not
/// complete ARNs are `InvalidARNRule`'s. A service the catalogue does not know, or whose formats
/// name other services' ARNs only, is not format-checked. The format comparisons stay within
/// `ComparisonBudget`; past it, entries count as fitting.
struct ARNSegmentRule: LintRule {
    let codes = ["lint.invalid-arn-partition", "lint.invalid-arn-region", "lint.invalid-arn-account", "lint.invalid-arn-resource"]

    /// Account segments that are not numbers yet name AWS itself.
    static let awsAccounts: Set<String> = ["aws", "cloudfront"]

    func check(_ context: LintContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var formats = FormatCache(catalogue: context.catalogue)
        for statement in context.document.statements {
            if let resource = statement.resource {
                var budget = ComparisonBudget.forEntries(resource.patterns.map(\.text))
                for pattern in resource.patterns where pattern.text != "*" {
                    let arn = ARNText(pattern.text)
                    guard arn.hasARNPrefix, arn.isComplete else { continue }
                    if let problem = segmentProblem(arn, text: pattern.text, at: pattern.position, context: context)
                        ?? formatProblem(arn, text: pattern.text, at: pattern.position, formats: formats.resourceFormats(of: arn), budget: &budget, context: context) {
                        diagnostics.append(problem)
                    }
                }
            }
            if let principal = statement.principal {
                var budget = ComparisonBudget.forEntries(principal.entries.map(\.value))
                for entry in principal.entries where entry.kind == .aws {
                    if let problem = principalProblem(entry, formats: &formats, budget: &budget, context: context) { diagnostics.append(problem) }
                }
            }
        }
        return diagnostics
    }

    private func principalProblem(
        _ entry: PrincipalElement.Entry, formats: inout FormatCache, budget: inout Int, context: LintContext
    ) -> Diagnostic? {
        let value = entry.value
        if value == "*" || AWSIdentifierForm.accountID.accepts(value) { return nil }
        let arn = ARNText(value)
        guard arn.hasARNPrefix else {
            // IAM writes a principal it can no longer name by its unique id (`AROA…`, `AIDA…`).
            guard !Self.isUniqueID(value), !Self.isOpen(value) else { return nil }
            return context.diagnostic(
                .error, "lint.invalid-arn-account", "`\(value)` is not an account id, an ARN or `*`", at: entry.position,
                help: "an account is 12 digits (`111122223333`) or `arn:aws:iam::111122223333:root`; a placeholder is not replaced by IAM")
        }
        guard arn.isComplete else {
            return context.diagnostic(
                .error, "lint.invalid-arn-resource", "`\(value)` has \(arn.parts.count) of the 6 colon-separated ARN parts", at: entry.position,
                help: "a principal's ARN is `arn:partition:iam::account:role/name`, `…:user/name`, `…:root` or `arn:partition:sts::account:assumed-role/role/session`")
        }
        return segmentProblem(arn, text: value, at: entry.position, context: context)
            ?? formatProblem(arn, text: value, at: entry.position, formats: formats.principalFormats, budget: &budget, context: context, principal: true)
    }

    /// The first segment of partition, region and account that cannot be what it stands for.
    private func segmentProblem(_ arn: ARNText, text: String, at position: SourcePosition, context: LintContext) -> Diagnostic? {
        let partition = arn.parts[1], region = arn.parts[3], account = arn.parts[4]
        if !Self.isOpen(partition), !AWSIdentifierForm.partition.accepts(partition.lowercased()) {
            return context.diagnostic(
                .error, "lint.invalid-arn-partition", "the partition `\(partition)` of `\(text)` is not a partition", at: position,
                help: AWSIdentifierForm.partition.expectedForm)
        }
        if !region.isEmpty, !Self.isOpen(region), !AWSIdentifierForm.region.accepts(region.lowercased()) {
            return context.diagnostic(
                .error, "lint.invalid-arn-region", "the region `\(region)` of `\(text)` is not a region", at: position,
                help: AWSIdentifierForm.region.expectedForm + "; or `*`, or empty for a global resource")
        }
        if !account.isEmpty, !Self.isOpen(account), !AWSIdentifierForm.accountID.accepts(account), !Self.awsAccounts.contains(account) {
            return context.diagnostic(
                .error, "lint.invalid-arn-account", "the account `\(account)` of `\(text)` is not 12 digits", at: position,
                help: "write the account id (`111122223333`), `*`, or a policy variable such as `${aws:PrincipalAccount}`; IAM replaces no placeholder")
        }
        return nil
    }

    /// The ARN fits none of `formats` (nil: the service's formats are not known here).
    private func formatProblem(
        _ arn: ARNText, text: String, at position: SourcePosition, formats: Formats?, budget: inout Int, context: LintContext, principal: Bool = false
    ) -> Diagnostic? {
        guard let formats, !formats.types.isEmpty else { return nil }
        let normalized = Self.tokensAsWildcards(arn.normalized)
        guard normalized.utf8.count <= WildcardPattern.maximumComparedLength else { return nil }
        let entry = ResourceTypeInfo.entryLanguage(normalized)
        for language in formats.languages {
            budget -= entry.steps.count * (language.steps.count + 1)
            guard budget >= 0 else { return nil }
            if entry.intersects(language) { return nil }
        }
        let shown = formats.types.prefix(4).map { "`\($0.arnTemplate)` (\($0.name))" }.joined(separator: ", ")
        let more = formats.types.count > 4 ? ", and \(formats.types.count - 4) more" : ""
        let message = principal
            ? "`\(text)` is not the ARN of a principal"
            : "`\(text)` fits none of the ARN formats of `\(arn.service?.lowercased() ?? "")`"
        return context.diagnostic(.error, "lint.invalid-arn-resource", message, at: position, help: "the formats are \(shown)\(more)")
    }

    /// The ARN formats one kind of entry may have, as the catalogue writes them.
    struct Formats {
        var types: [ResourceTypeInfo]
        var languages: [PatternLanguage]
    }

    /// Formats looked up once per service and document.
    struct FormatCache {
        let catalogue: ServiceCatalogue
        private var byService: [String: Formats?] = [:]
        private var principals: Formats?

        init(catalogue: ServiceCatalogue) {
            self.catalogue = catalogue
        }

        /// The formats of the service the ARN names: the service's resource types whose template
        /// is an ARN of that service; nil for a service the catalogue does not know.
        mutating func resourceFormats(of arn: ARNText) -> Formats? {
            guard let service = arn.service?.lowercased(), !ARNSegmentRule.isOpen(service) else { return nil }
            if let cached = byService[service] { return cached }
            let formats = catalogue.service(service).map { info in
                let types = info.resourceTypes.filter { type in type.arnTemplates.contains { ARNText($0).service == service } }
                return Formats(types: types, languages: types.flatMap { type in
                    zip(type.arnTemplates, type.templateLanguages).filter { ARNText($0.0).service == service }.map(\.1)
                })
            }
            byService[service] = formats
            return formats
        }

        /// A principal's: IAM roles and users, STS sessions and federated users, an account's root.
        var principalFormats: Formats? {
            mutating get {
                if let principals { return principals }
                var types = [("iam", "role"), ("iam", "user"), ("sts", "federated-user"), ("sts", "root-user")].compactMap {
                    catalogue.resourceType(service: $0.0, name: $0.1)
                }
                // A role session as a principal is an `sts` ARN (IAM JSON policy reference,
                // "Role session principals"); the catalogue's `assumed-role` type is an `iam` one.
                types.append(ResourceTypeInfo(
                    service: "sts", name: "assumed-role", arnTemplate: "arn:${Partition}:sts::${Account}:assumed-role/${RoleName}/${RoleSessionName}",
                    conditionKeys: []))
                let formats = Formats(types: types, languages: types.flatMap(\.templateLanguages))
                principals = formats
                return formats
            }
        }
    }

    /// A segment that may stand for a valid value: a wildcard, a policy variable, a token.
    static func isOpen(_ segment: String) -> Bool {
        segment.contains("*") || segment.contains("?") || segment.contains("${") || SymbolToken.containsToken(segment)
    }

    /// `AIDA…`, `AROA…`: an IAM unique id, upper-case letters and digits.
    static func isUniqueID(_ value: String) -> Bool {
        value.utf8.count >= 16 && value.utf8.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) }
    }

    /// Each `⟦…⟧` token as `*`: it stands for one unknown value.
    static func tokensAsWildcards(_ text: String) -> String {
        guard SymbolToken.containsToken(text) else { return text }
        var result = ""
        var insideToken = false
        for character in text {
            if character == SymbolToken.open {
                insideToken = true
                result.append("*")
            } else if character == SymbolToken.close {
                insideToken = false
            } else if !insideToken {
                result.append(character)
            }
        }
        return result
    }
}
