import PolicyModel
import PolicyParsing
import ServiceCatalog

/// Validates policies the way IAM Access Analyzer's policy validation does: grammar the parser
/// cannot see (elements that do not suit the policy type), actions, resources and condition keys
/// checked against the service catalogue, and the overly permissive or pointless constructs AWS
/// warns about. Findings are `Diagnostic`s with stable `lint.*` codes.
package struct PolicyLinter: Sendable {
    /// Where actions, resource types and condition keys are looked up.
    package let catalogue: ServiceCatalogue
    /// The checks run on every document; `defaultRules` unless a caller picks others.
    package let rules: [any LintRule]

    /// A linter with the given catalogue and rules.
    package init(catalogue: ServiceCatalogue, rules: [any LintRule] = PolicyLinter.defaultRules) {
        self.catalogue = catalogue
        self.rules = rules
    }

    /// The result of linting one file: the type used (given or guessed) and the findings.
    package struct Outcome: Sendable {
        /// nil when the file did not parse, so no type could be guessed or used.
        package var type: PolicyType?
        package var typeWasGuessed: Bool
        /// Sorted by position, then code; each has `file` set.
        package var diagnostics: [Diagnostic]
        /// False when the file is not a policy document (bad JSON or grammar): bad input, not findings.
        package var parsed: Bool
    }

    /// Runs every rule. Sorted by position, then code.
    package func lint(_ document: PolicyDocument, type: PolicyType) -> [Diagnostic] {
        let context = LintContext(document: document, type: type, catalogue: catalogue)
        return Self.sorted(rules.flatMap { $0.check(context) })
    }

    /// Parses and lints one file. Parse errors (`json.*`, `policy.*`) come back as error
    /// diagnostics and stop there; every diagnostic has `file` set.
    package func lint(bytes: [UInt8], file: String, type: PolicyType) -> [Diagnostic] {
        lintFile(bytes: bytes, file: file, type: type).diagnostics
    }

    /// As `lint(bytes:file:type:)`, and says which type was used: a nil `type` is guessed from the
    /// document (`PolicyType.guess`).
    package func lintFile(bytes: [UInt8], file: String, type: PolicyType?) -> Outcome {
        let node: JSONNode
        let document: PolicyDocument
        do throws(DiagnosticError) {
            node = try PolicyParser.readDocument(bytes: bytes)
            document = try PolicyParser.parse(node: node)
        } catch {
            return Outcome(type: type, typeWasGuessed: false, diagnostics: Self.sorted(error.diagnostics).map { $0.located(in: file) }, parsed: false)
        }
        let resolvedType = type ?? PolicyType.guess(for: document)
        let diagnostics = lint(document, type: resolvedType)
        return Outcome(type: resolvedType, typeWasGuessed: type == nil, diagnostics: diagnostics.map { $0.located(in: file) }, parsed: true)
    }

    static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.sorted { lhs, rhs in
            if lhs.position != rhs.position { return lhs.position < rhs.position }
            if lhs.code != rhs.code { return lhs.code < rhs.code }
            return lhs.message < rhs.message
        }
    }

    /// Every rule, in the order of Access Analyzer's finding types: errors, security warnings,
    /// warnings, suggestions. Order does not affect output, which is sorted.
    package static let defaultRules: [any LintRule] = [
        // Errors
        InvalidActionRule(),
        UnknownServiceRule(),
        UnknownActionRule(),
        UnmatchedActionWildcardRule(),
        VariableInPrincipalRule(),
        PrincipalNotAllowedRule(),
        MissingPrincipalRule(),
        TrustPolicyResourceRule(),
        TrustPolicyNotPrincipalRule(),
        TrustPolicyWildcardPrincipalRule(),
        RCPPrincipalRule(),
        InvalidARNRule(),
        ARNSegmentRule(),
        ResourceMismatchRule(),
        DuplicateSidRule(),
        InvalidSidRule(),
        UnknownGlobalConditionKeyRule(),
        // Security warnings
        AllowWithNotPrincipalRule(),
        PublicPrincipalWithoutConditionRule(),
        AllowNotActionOnAllResourcesRule(),
        AllowNotResourceRule(),
        ForAllValuesWithSingleValuedKeyRule(),
        PassRoleWithoutPassedToServiceRule(),
        ServicePrincipalWithoutSourceRule(),
        CognitoTrustConditionRule(),
        // Warnings
        SCPLegacySyntaxRule(),
        VariablesWithoutVersionRule(),
        MultivaluedKeyWithoutSetOperatorRule(),
        WildcardWithoutLikeOperatorRule(),
        ForAnyValueWithSingleValuedKeyRule(),
        WildcardOnlyActionRule(),
        UnsupportedConditionKeyRule(),
        PrivateSourceIPRule(),
        // Suggestions
        MissingVersionRule(),
        RedundantActionRule(),
        RedundantResourceRule(),
        RedundantStatementRule(),
        NullWithQualifierRule(),
    ]
}
