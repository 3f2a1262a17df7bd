import PolicyLint
import PolicyModel
import ServiceCatalog
import Testing

/// The AWS managed policies are a corpus of real, working policies: the rules that reason from the
/// catalogue's per-action data must stay quiet on nearly all of them, or they report the data's
/// gaps rather than the user's mistakes.
@Suite struct ManagedPolicyCorpusTests {
    @Test func managedPoliciesParseAndRarelyTriggerCatalogueInferenceRules() throws {
        let catalogue = try ServiceCatalogue.embedded()
        let linter = PolicyLinter(catalogue: catalogue)
        var flagged: [String: Set<String>] = [:]
        let names = catalogue.managedPolicyNames
        for name in names {
            guard let record = catalogue.managedPolicy(named: name) else { continue }
            for diagnostic in linter.lint(bytes: Array(record.documentJSON.utf8), file: name, type: .identity) {
                flagged[diagnostic.code, default: []].insert(name)
            }
        }
        #expect(names.count > 1000)
        #expect(!flagged.keys.contains { $0.hasPrefix("json.") || $0.hasPrefix("policy.") }, "\(flagged.keys.sorted())")
        // At most 1% of the policies each; today 6 and 4 of about 1,600.
        for code in ["lint.resource-mismatch", "lint.unsupported-condition-key", "lint.invalid-arn", "lint.invalid-arn-prefix",
                     "lint.invalid-arn-partition", "lint.invalid-arn-region", "lint.invalid-arn-account", "lint.invalid-arn-resource"] {
            let count = flagged[code]?.count ?? 0
            #expect(count * 100 <= names.count, "\(code): \((flagged[code] ?? []).sorted())")
        }
    }
}
