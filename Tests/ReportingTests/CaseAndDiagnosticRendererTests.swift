// `CaseRunner.Outcome` has only its memberwise initializer.
@testable import Conformance
import Foundation
import PolicyEvaluation
import PolicyModel
import PolicyParsing
import Reporting
import Testing

/// `simulate --cases` and `lint` output: failing cases with why, unreadable files as
/// diagnostics, and the summary lines.
@Suite struct CaseAndDiagnosticRendererTests {
    typealias Fixture = ReportFixture

    static func report() throws -> CaseRunner.Report {
        let policy = try Fixture.policy("identity[0]",
            #"{"Sid": "ReadOther", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::other/*"}"#)
        let result = Authorizer().authorize(Fixture.request("s3:GetObject", on: "arn:aws:s3:::exports/a.json"), policies: PolicySet(identity: [policy]))
        let unreadable = Diagnostic(severity: .error, code: "case.missing-field", message: "the case has no `request`", file: "cases/bad.json",
                                    position: SourcePosition(line: 3, column: 5))
        return CaseRunner.Report(outcomes: [
            CaseRunner.Outcome(file: "cases/ok.json", id: "ok", status: .passed, expected: .allow, result: nil, detail: nil, diagnostics: []),
            CaseRunner.Outcome(file: "cases/read.json", id: "read-exports", status: .failed, expected: .allow, result: result,
                               detail: "expected Allow, got ImplicitDeny", diagnostics: []),
            CaseRunner.Outcome(file: "cases/later.json", id: "later", status: .skipped, expected: nil, result: nil, detail: "not supported", diagnostics: []),
            CaseRunner.Outcome(file: "cases/bad.json", id: "cases/bad.json", status: .unreadable, expected: nil, result: nil,
                               detail: unreadable.message, diagnostics: [unreadable]),
        ])
    }

    @Test func caseTextShowsFailuresAndUnreadableFilesThenTheSummary() throws {
        #expect(CaseReportRenderer.text(try Self.report()) == """
            FAIL read-exports (cases/read.json)
              expected: Allow
              actual:   ImplicitDeny
              problem:  expected Allow, got ImplicitDeny
              why:      no identity-based or resource-based policy allows `s3:GetObject` on `arn:aws:s3:::exports/a.json`
              near miss: identity[0] statement 0 (ReadOther) at 2:3: `Resource` `arn:aws:s3:::other/*` does not match `arn:aws:s3:::exports/a.json`
            cases/bad.json:3:5: error[case.missing-field]: the case has no `request`
            1 file could not be read as cases
            1 passed, 1 failed, 1 skipped

            """)
    }

    @Test func caseJSONHasEveryCaseAndTheCounts() throws {
        let rendered = CaseReportRenderer.json(try Self.report()).rendered()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(rendered.utf8)) as? [String: Any])
        let cases = try #require(object["cases"] as? [[String: Any]])
        #expect(cases.map { $0["status"] as? String } == ["passed", "failed", "skipped", "unreadable"])
        #expect(cases[1]["actual"] as? String == "ImplicitDeny")
        #expect((cases[1]["explanation"] as? [String: Any])?["deniedBy"] as? String == "identity")
        #expect(cases[3]["errors"] as? [String] == ["cases/bad.json:3:5: error[case.missing-field]: the case has no `request`"])
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["line"] as? String == "1 passed, 1 failed, 1 skipped")
        #expect([summary["passed"], summary["failed"], summary["skipped"], summary["unreadable"]].map { $0 as? Int } == [1, 1, 1, 1])
    }

    static let diagnostics = [
        Diagnostic(severity: .error, code: "lint.unknown-action", message: "`s3:GetObjet` is not an action", file: "a.json",
                   position: SourcePosition(line: 4, column: 17), help: "did you mean `s3:GetObject`?"),
        Diagnostic(severity: .warning, code: "io.unreadable", message: "cannot read the file", file: "b.json"),
    ]

    @Test func diagnosticTextHasHelpLinesAndTheSummary() {
        #expect(DiagnosticRenderer.text(Self.diagnostics, fileCount: 2) == """
            a.json:4:17: error[lint.unknown-action]: `s3:GetObjet` is not an action
              help: did you mean `s3:GetObject`?
            b.json: warning[io.unreadable]: cannot read the file
            1 error, 0 security warnings, 1 warning, 0 suggestions in 2 files

            """)
    }

    @Test func diagnosticJSONHasNullPositionsWhenUnknown() throws {
        let rendered = DiagnosticRenderer.json(Self.diagnostics, fileCount: 2).rendered()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(rendered.utf8)) as? [String: Any])
        let entries = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(entries[0]["line"] as? Int == 4 && entries[0]["column"] as? Int == 17)
        #expect(entries[0]["help"] as? String == "did you mean `s3:GetObject`?")
        #expect(entries[1]["line"] is NSNull && entries[1]["column"] is NSNull)
        #expect((object["summary"] as? [String: Any])?["files"] as? Int == 2)
    }
}
