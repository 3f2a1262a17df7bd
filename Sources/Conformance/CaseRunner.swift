import Foundation
import PolicyEvaluation
import PolicyModel
import PolicyParsing

/// Runs every case file under a directory and compares decisions (and, where the case lists
/// them, the deciding statements).
package struct CaseRunner: Sendable {
    package enum Status: String, Sendable {
        case passed, failed, skipped
        /// The file could not be read as a case.
        case unreadable
    }

    package struct Outcome: Sendable {
        package var file: String
        package var id: String
        package var status: Status
        package var expected: Decision?
        package var result: AuthorizationResult?
        /// Why it failed or was skipped, one line.
        package var detail: String?
        package var diagnostics: [Diagnostic]
    }

    package struct Report: Sendable {
        package var outcomes: [Outcome]

        package func count(_ status: Status) -> Int { outcomes.lazy.filter { $0.status == status }.count }

        /// How the run went as a whole: a file that is not a case outweighs a failed case
        /// (FORMAT.md gives each its exit code).
        package enum Result: Sendable {
            case passed, failed, unreadable
        }

        package var outcome: Result {
            if count(.unreadable) > 0 { return .unreadable }
            return count(.failed) > 0 ? .failed : .passed
        }

        package var summaryLine: String {
            "\(count(.passed)) passed, \(count(.failed)) failed, \(count(.skipped)) skipped"
        }
    }

    private let authorizer = Authorizer()
    private let wildcardOnly: @Sendable (String) -> Bool?

    /// - Parameter wildcardOnly: whether an action takes no resource (the catalogue's answer),
    ///   for cases that leave `wildcardOnlyAction` out.
    package init(wildcardOnly: @escaping @Sendable (String) -> Bool?) {
        self.wildcardOnly = wildcardOnly
    }

    /// Every `*.json` below `path` (or `path` itself when it is a file), in sorted order; the
    /// extension is matched in any case (`CASE.JSON`). Directories that cannot be listed and links
    /// that lead nowhere are returned too, each once, so running them reports them instead of
    /// skipping them silently. A directory without a single case file is an error: a run that
    /// tested nothing must not pass.
    package static func caseFiles(under path: String) throws(DiagnosticError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DiagnosticError(Diagnostic(severity: .error, code: "io.not-found", message: "no such file or directory", file: path))
        }
        guard isDirectory.boolValue else { return [path] }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw DiagnosticError(Diagnostic(severity: .error, code: "io.unreadable", message: "cannot list the directory", file: path))
        }
        // The enumerator's error handler and the readability check below can both notice the same
        // unreadable directory; a set reports it once.
        final class Problems: @unchecked Sendable { var paths: Set<String> = [] }
        let problems = Problems()
        let root = URL(fileURLWithPath: path)
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isDirectoryKey], options: [],
                                                              errorHandler: { url, _ in problems.paths.insert(url.path); return true }) else {
            throw DiagnosticError(Diagnostic(severity: .error, code: "io.unreadable", message: "cannot list the directory", file: path))
        }
        var files: [String] = []
        while let url = enumerator.nextObject() as? URL {
            let full = url.path
            var isDir: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: full, isDirectory: &isDir)
            if exists, isDir.boolValue {
                if !FileManager.default.isReadableFile(atPath: full) { problems.paths.insert(full) }
            } else if url.pathExtension.lowercased() == "json" {
                files.append(full)  // includes dangling links, which then fail to read
            }
        }
        if files.isEmpty && problems.paths.isEmpty {
            throw DiagnosticError(Diagnostic(
                severity: .error, code: "case.none-found", message: "no case files (`*.json`) below this directory", file: path,
                help: "give the directory that holds the cases; a run that tests nothing does not pass"))
        }
        return (files + problems.paths.subtracting(files)).sorted()
    }

    package func run(path: String) throws(DiagnosticError) -> Report {
        Report(outcomes: try Self.caseFiles(under: path).map(run(file:)))
    }

    package func run(file: String) -> Outcome {
        let bytes: [UInt8]
        do {
            bytes = try Self.read(file)
        } catch {
            return Outcome(file: file, id: file, status: .unreadable, detail: error.description, diagnostics: error.diagnostics)
        }
        let loaded: CaseLoader.Outcome
        do {
            loaded = try CaseLoader.load(bytes: bytes, file: file)
        } catch {
            return Outcome(file: file, id: file, status: .unreadable, detail: error.diagnostics.first?.message,
                           diagnostics: error.diagnostics)
        }
        switch loaded {
        case .skipped(let id, let reason):
            return Outcome(file: file, id: id, status: .skipped, detail: reason, diagnostics: [])
        case .loaded(let testCase):
            return run(testCase)
        }
    }

    package func run(_ testCase: ConformanceCase) -> Outcome {
        var request = testCase.request
        if testCase.wildcardOnlyFromCatalogue {
            request.wildcardOnlyAction = wildcardOnly(request.action) ?? false
        }
        let result = authorizer.authorize(request, policies: testCase.policies)
        var outcome = Outcome(file: testCase.file, id: testCase.id, status: .passed, expected: testCase.expectedDecision,
                              result: result, diagnostics: [])
        if let undetermined = result.undetermined {
            outcome.status = .failed
            outcome.detail = "expected \(testCase.expectedDecision.rawValue), got an undetermined decision ("
                + undetermined.possibleDecisions.map(\.rawValue).joined(separator: " or ") + ")"
        } else if result.decision != testCase.expectedDecision {
            outcome.status = .failed
            outcome.detail = "expected \(testCase.expectedDecision.rawValue), got \(result.decision.rawValue)"
        } else if let problem = Self.matchedProblem(expected: testCase.expectedMatched, result: result) {
            outcome.status = .failed
            outcome.detail = "decision \(result.decision.rawValue) as expected, but \(problem)"
        } else if let layer = testCase.expectedDeniedBy, result.deniedBy != layer {
            outcome.status = .failed
            outcome.detail = "decision \(result.decision.rawValue) as expected, but refused by `\(result.deniedBy?.description ?? "no layer")`, not `\(layer)`"
        }
        return outcome
    }

    /// `expected.matched` must name exactly the deciding statements: every statement in
    /// `matched`, and nothing that did not decide (a guardrail that let the request through may
    /// be named too).
    static func matchedProblem(expected: [ConformanceCase.ExpectedStatement]?, result: AuthorizationResult) -> String? {
        guard let expected else { return nil }
        let missing = expected.filter { entry in !(result.matched + result.guardrails).contains(where: entry.matches) }
        if !missing.isEmpty {
            return "not decided by " + missing.map(\.description).joined(separator: ", ")
        }
        let unlisted = result.matched.filter { ref in !expected.contains { $0.matches(ref) } }
        if !unlisted.isEmpty {
            return "also decided by " + unlisted.map(\.label).joined(separator: ", ") + ", which `expected.matched` does not list"
        }
        return nil
    }

    static func read(_ file: String) throws(DiagnosticError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), isDirectory.boolValue {
            throw DiagnosticError(Diagnostic(severity: .error, code: "io.unreadable", message: "cannot list the directory", file: file))
        }
        return try SourceFile.bytes(file)
    }
}
