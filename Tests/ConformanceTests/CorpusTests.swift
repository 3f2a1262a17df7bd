import Conformance
import Foundation
import PolicyEvaluation
import ServiceCatalog
import Testing

/// Runs the project's conformance corpus (Tests/Corpus) and the two shared examples through the
/// same runner `accessgraph simulate --cases` uses.
@Suite struct CorpusTests {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let corpusDirectory = testsDirectory.appendingPathComponent("Corpus").path

    static var runner: CaseRunner {
        get throws {
            let catalogue = try ServiceCatalogue.embedded()
            return CaseRunner(wildcardOnly: { catalogue.isWildcardOnly($0) })
        }
    }

    static var caseFiles: [String] {
        (try? CaseRunner.caseFiles(under: corpusDirectory)) ?? []
    }

    @Test func corpusHasAtLeast400Cases() {
        #expect(Self.caseFiles.count >= 400)
    }

    @Test(arguments: caseFiles)
    func corpusCasePasses(file: String) throws {
        let outcome = try Self.runner.run(file: file)
        #expect(outcome.status == .passed, "\(outcome.id): \(outcome.detail ?? "") — \(outcome.result?.reason ?? "")")
    }

    @Test func everyCaseCitesItsSourceAndHasAUniqueId() throws {
        var ids: Set<String> = []
        for file in Self.caseFiles where !file.contains("/shared-examples/") {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            let id = object?["id"] as? String ?? ""
            #expect(!id.isEmpty, "\(file) has no id")
            #expect(ids.insert(id).inserted, "duplicate id \(id)")
            let source = object?["source"] as? String ?? ""
            #expect(source.contains("docs.aws.amazon.com") || source.contains("docs.opensearch.org") || source.contains("FORMAT.md"),
                    "\(id) does not cite an AWS page")
        }
    }

    /// The two examples from ../shared/conformance/examples are kept in Tests/Corpus/shared-examples
    /// so a clean clone has them; when the shared folder is next to the checkout, the copies must
    /// still equal the originals.
    @Test func sharedExamplesPass() throws {
        let copies = Self.corpusDirectory + "/shared-examples"
        let report = try Self.runner.run(path: copies)
        #expect(report.count(.passed) == 2)
        #expect(report.outcome == .passed)
        #expect(report.summaryLine == "2 passed, 0 failed, 0 skipped")
        let originals = Self.testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/conformance/examples").path
        for name in ["explicit-deny-wins.json", "trust-policy-required.json"] where FileManager.default.fileExists(atPath: originals) {
            let original = FileManager.default.contents(atPath: originals + "/" + name)
            #expect(original == FileManager.default.contents(atPath: copies + "/" + name), "\(name) differs from the shared original")
        }
    }
}
