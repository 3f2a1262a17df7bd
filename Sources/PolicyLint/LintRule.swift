import PolicyModel

/// One check of a policy document. Rules are small values composed in a list (see
/// `PolicyLinter.defaultRules`); each looks at the whole document through `LintContext` and
/// returns its findings, each pointing at the element it is about.
package protocol LintRule: Sendable {
    /// The stable codes the rule can report (`lint.<kebab-name>`), for documentation and tests.
    var codes: [String] { get }
    /// The rule's findings for the document, in any order (the linter sorts them).
    func check(_ context: LintContext) -> [Diagnostic]
}
