import Foundation
import TestSupport
import Testing

/// Fail closed, from the command line: an account snapshot with a section of the wrong type is a
/// positioned error and exit 2, never an account that silently lacks roles, users or policies,
/// whether the snapshot stands alone, joins a template or is graphed.
@Suite struct SnapshotShapeCommandTests {
    /// A complete snapshot in which `WRONG` marks where a section's value goes.
    static func snapshot(_ section: String) -> String {
        func value(_ name: String, _ correct: String) -> String { name == section ? "WRONG" : correct }
        return """
        {
          "UserDetailList": \(value("UserDetailList", #"[{"UserName": "alice", "Arn": "arn:aws:iam::123456789012:user/alice", "GroupList": []}]"#)),
          "GroupDetailList": \(value("GroupDetailList", "[]")),
          "RoleDetailList": \(value("RoleDetailList", """
        [
            {"RoleName": "PipelineRole", "Arn": "arn:aws:iam::123456789012:role/PipelineRole",
             "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": []},
             "RolePolicyList": \(value("RolePolicyList", "[]")),
             "AttachedManagedPolicies": \(value("AttachedManagedPolicies", #"[{"PolicyName": "Reader", "PolicyArn": "arn:aws:iam::123456789012:policy/Reader"}]"#)),
             "InstanceProfileList": \(value("InstanceProfileList", "[]"))}
          ]
        """)),
          "Policies": \(value("Policies", """
        [
            {"PolicyName": "Reader", "Arn": "arn:aws:iam::123456789012:policy/Reader", "DefaultVersionId": "v1",
             "PolicyVersionList": \(value("PolicyVersionList", #"[{"VersionId": "v1", "IsDefaultVersion": true, "Document": {"Version": "2012-10-17", "Statement": []}}]"#))}
          ]
        """))
        }
        """
    }

    static let sections = [
        "RoleDetailList", "UserDetailList", "GroupDetailList", "Policies",
        "PolicyVersionList", "RolePolicyList", "AttachedManagedPolicies", "InstanceProfileList",
    ]

    /// The wrong values tried in every section, with the type name the error gives.
    static let wrongValues = [(#""roles""#, "string"), ("3", "number"), ("{}", "object"), ("true", "boolean"), ("null", "null")]

    /// 1-based line and column of `WRONG` in `text`.
    static func position(ofMarkerIn text: String) throws -> (line: Int, column: Int) {
        let range = try #require(text.range(of: "WRONG"))
        let before = text[..<range.lowerBound]
        let line = before.count(where: { $0 == "\n" }) + 1
        let lineStart = before.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
        return (line, text.distance(from: lineStart, to: range.lowerBound) + 1)
    }

    @Test func theSnapshotWithNoWrongSectionIsRead() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("account.json", Self.snapshot("none"))
        let run = accessgraph(["graph", "--account-snapshot", file, "--format", "json"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("arn:aws:iam::123456789012:role/PipelineRole"))
        #expect(run.stdout.contains("arn:aws:iam::123456789012:user/alice"))
    }

    @Test(arguments: sections)
    func aSectionOfTheWrongTypeIsAPositionedError(_ section: String) throws {
        let directory = try TemporaryDirectory()
        let pipeline = try directory.write("pipeline.yaml", AccountSnapshotCommandTests.pipeline)
        for (wrong, typeName) in Self.wrongValues {
            let text = Self.snapshot(section)
            let (line, column) = try Self.position(ofMarkerIn: text)
            let file = try directory.write("account.json", text.replacingOccurrences(of: "WRONG", with: wrong))
            let expected = "\(file):\(line):\(column): error[snapshot.invalid]: `\(section)` must be a list, found \(typeName)\n"
            for arguments in [
                ["check", "--account-snapshot", file],
                ["check", "--account-snapshot", file, "--pipeline", pipeline],
                ["check", "--template", SeedStack.File.agnosticTemplate.path, "--account-snapshot", file],
                ["graph", "--account-snapshot", file],
            ] {
                let run = accessgraph(arguments)
                #expect(run.status == 2, "\(arguments): \(run.output)")
                #expect(run.stderr == expected, "\(arguments)")
                #expect(run.stdout.isEmpty, "\(arguments)")
            }
        }
    }
}
