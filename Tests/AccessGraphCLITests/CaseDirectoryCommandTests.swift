import Foundation
import TestSupport
import Testing

/// `simulate --cases DIR` finds the case files it is pointed at, or says that it found none: a CI
/// run that tested nothing must not pass.
@Suite struct CaseDirectoryCommandTests {
    static let passingCase = """
    {"schema": "accessgraph-case/v1", "id": "t/pass", "source": "test",
     "request": {"principal": "arn:aws:iam::111122223333:user/u", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k", "resourceAccount": "111122223333"},
     "policies": {"identity": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}]},
     "expected": {"decision": "Allow"}}
    """

    @Test func aDirectoryWithoutCaseFilesIsBadInput() throws {
        let directory = try TemporaryDirectory()
        let empty = accessgraph(["simulate", "--cases", directory.path])
        #expect(empty.status == 2)
        #expect(empty.stderr == """
            \(directory.path): error[case.none-found]: no case files (`*.json`) below this directory
              help: give the directory that holds the cases; a run that tests nothing does not pass

            """)
        #expect(empty.stdout.isEmpty)

        // Files that are not `*.json` do not count, however deep.
        try directory.write("notes/README.md", "cases go here")
        try directory.write("notes/case.json.bak", Self.passingCase)
        let noCases = accessgraph(["simulate", "--cases", directory.path])
        #expect(noCases.status == 2)
        #expect(noCases.stderr.contains("error[case.none-found]"))
    }

    @Test func aMistypedPathIsBadInput() throws {
        let directory = try TemporaryDirectory()
        let missing = directory.path + "/corpsu"
        let run = accessgraph(["simulate", "--cases", missing])
        #expect(run.status == 2)
        #expect(run.stderr == "\(missing): error[io.not-found]: no such file or directory\n")
        #expect(run.stdout.isEmpty)
    }

    @Test func theJSONExtensionMatchesInAnyCase() throws {
        let directory = try TemporaryDirectory()
        try directory.write("upper/CASE.JSON", Self.passingCase)
        try directory.write("mixed/Case.Json", Self.passingCase.replacingOccurrences(of: "t/pass", with: "t/mixed"))
        let run = accessgraph(["simulate", "--cases", directory.path])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout == "2 passed, 0 failed, 0 skipped\n")
    }

    /// As root, `chmod 000` does not stop reading, so there is nothing to observe; the test is
    /// then disabled rather than passing without having checked anything.
    static let permissionsAreEnforced: Bool = {
        guard let probe = try? TemporaryDirectory() else { return false }
        let locked = probe.path + "/locked"
        guard (try? FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: false)) != nil,
              chmod(locked, 0) == 0 else { return false }
        // Unlock before the directory is removed (the reference keeps it alive until then).
        defer { chmod(locked, 0o700); withExtendedLifetime(probe) {} }
        return !FileManager.default.isReadableFile(atPath: locked)
    }()

    @Test(.enabled(if: permissionsAreEnforced, "chmod 000 does not block reads for this user (root)"))
    func anUnreadableDirectoryIsReportedOnce() throws {
        let directory = try TemporaryDirectory()
        try directory.write("ok.json", Self.passingCase)
        try directory.write("locked/inner/deeper/case.json", Self.passingCase)
        let locked = directory.path + "/locked"
        #expect(chmod(locked, 0) == 0)
        defer { chmod(locked, 0o700); withExtendedLifetime(directory) {} }
        let run = accessgraph(["simulate", "--cases", directory.path])
        #expect(run.status == 2)
        #expect(run.stdout.components(separatedBy: "cannot list the directory").count == 2, "\(run.stdout)")
        #expect(run.stdout.contains("\(locked): error[io.unreadable]: cannot list the directory"))
        #expect(run.stdout.hasSuffix("1 file could not be read as cases\n1 passed, 0 failed, 0 skipped\n"))
    }
}
