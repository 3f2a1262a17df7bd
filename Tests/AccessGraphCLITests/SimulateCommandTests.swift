import Foundation
import TestSupport
import Testing

@Suite struct SimulateCommandTests {
    static let pipelinePolicy = """
    {
      "Version": "2012-10-17",
      "Statement": [
        {"Sid": "allowRunExportJob", "Effect": "Allow",
         "Action": ["dynamodb:DescribeTable", "dynamodb:DescribeContinuousBackups", "dynamodb:ExportTableToPointInTime"],
         "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/orders"},
        {"Sid": "allowCheckExportjob", "Effect": "Allow", "Action": "dynamodb:DescribeExport",
         "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/orders/export/*"}
      ]
    }
    """
    static let role = "arn:aws:sts::111122223333:assumed-role/PipelineRole/session"

    @Test func allowedRequestExitsZeroAndNamesTheStatement() throws {
        let directory = try TemporaryDirectory()
        let policy = try directory.write("pipeline.json", Self.pipelinePolicy)
        let run = accessgraph([
            "simulate", "--principal", Self.role, "--action", "dynamodb:DescribeExport",
            "--resource", "arn:aws:dynamodb:us-east-1:111122223333:table/orders/export/0123",
            "--identity-policy", policy,
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Allow: \(Self.role) → dynamodb:DescribeExport"))
        #expect(run.stdout.contains("allowed by: \(policy) statement 1 (allowCheckExportjob) at 7:5"))
    }

    @Test func deniedRequestExitsThreeWithNearestMiss() throws {
        let directory = try TemporaryDirectory()
        let policy = try directory.write("pipeline.json", Self.pipelinePolicy)
        let run = accessgraph([
            "simulate", "--principal", Self.role, "--action", "dynamodb:DescribeExport",
            "--resource", "arn:aws:dynamodb:us-east-1:111122223333:table/orders", "--identity-policy", policy,
        ])
        #expect(run.status == 3)
        #expect(run.stdout.hasPrefix("ImplicitDeny:"))
        #expect(run.stdout.contains("nearest miss: \(policy) statement 1 (allowCheckExportjob)"))
        #expect(run.stdout.contains("`Resource` `arn:aws:dynamodb:us-east-1:111122223333:table/orders/export/*` does not match `arn:aws:dynamodb:us-east-1:111122223333:table/orders`"))
    }

    @Test func jsonFormatCarriesTheExplanation() throws {
        let directory = try TemporaryDirectory()
        let policy = try directory.write("deny.json", #"{"Version": "2012-10-17", "Statement": [{"Sid": "NoS3", "Effect": "Deny", "Action": "s3:*", "Resource": "*"}]}"#)
        let run = accessgraph([
            "simulate", "--principal", "arn:aws:iam::111122223333:user/alice", "--action", "s3:GetObject",
            "--resource", "arn:aws:s3:::bucket/key", "--identity-policy", policy, "--format", "json",
        ])
        #expect(run.status == 3)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(object?["decision"] as? String == "ExplicitDeny")
        let matched = object?["matched"] as? [[String: Any]]
        #expect(matched?.first?["sid"] as? String == "NoS3")
        #expect(matched?.first?["line"] as? Int == 1)
    }

    @Test func contextKeysRepeatIntoMultivaluedKeys() throws {
        let directory = try TemporaryDirectory()
        let policy = try directory.write("tags.json", """
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:PutObjectTagging", "Resource": "*",
          "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["team", "env"]}, "Null": {"aws:TagKeys": "false"}}}]}
        """)
        let base = ["simulate", "--principal", "arn:aws:iam::111122223333:user/alice", "--action", "s3:PutObjectTagging",
                    "--resource", "arn:aws:s3:::bucket/key", "--identity-policy", policy]
        #expect(accessgraph(base + ["--context", "aws:TagKeys=team", "--context", "aws:TagKeys=env"]).status == 0)
        #expect(accessgraph(base + ["--context", "aws:TagKeys=team", "--context", "aws:TagKeys=owner"]).status == 3)
        #expect(accessgraph(base).status == 3)
    }

    @Test func malformedPolicyIsBadInputWithPosition() throws {
        let directory = try TemporaryDirectory()
        let policy = try directory.write("bad.json", "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}]\n}\n")
        let run = accessgraph([
            "simulate", "--principal", Self.role, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::b/k", "--identity-policy", policy,
        ])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("\(policy):3:28: error[policy.invalid-effect]"))
        #expect(run.stdout.isEmpty)
    }

    @Test func unknownActionAndMissingFileAreBadInput() throws {
        let unknown = accessgraph(["simulate", "--principal", Self.role, "--action", "s3:GetObjekt"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown action `s3:GetObjekt`"))
        let missing = accessgraph(["simulate", "--action", "s3:GetObject", "--identity-policy", "/nonexistent/p.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/p.json: error[io.not-found]"))
        let usage = accessgraph(["simulate"])
        #expect(usage.status == 64)
    }

    @Test func casesReportFailuresAndTheSummaryLine() throws {
        let directory = try TemporaryDirectory()
        let passing = """
        {"schema": "accessgraph-case/v1", "id": "t/pass", "source": "test",
         "request": {"principal": "arn:aws:iam::111122223333:user/u", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k", "resourceAccount": "111122223333", "context": {}},
         "policies": {"identity": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}]},
         "expected": {"decision": "Allow", "matched": [{"policy": "identity[0]", "index": 0}]}}
        """
        try directory.write("a/pass.json", passing)
        try directory.write("b/skipped.json", passing.replacingOccurrences(of: "\"t/pass\"", with: "\"t/skip\", \"mode\": \"discovery\""))
        let clean = accessgraph(["simulate", "--cases", directory.path])
        #expect(clean.status == 0)
        #expect(clean.stdout == "1 passed, 0 failed, 1 skipped\n")

        try directory.write("c/fail.json", passing.replacingOccurrences(of: "\"t/pass\"", with: "\"t/fail\"")
            .replacingOccurrences(of: "\"decision\": \"Allow\"", with: "\"decision\": \"ImplicitDeny\""))
        let failing = accessgraph(["simulate", "--cases", directory.path])
        #expect(failing.status == 1)
        #expect(failing.stdout.contains("FAIL t/fail"))
        #expect(failing.stdout.contains("expected: ImplicitDeny"))
        #expect(failing.stdout.hasSuffix("1 passed, 1 failed, 1 skipped\n"))

        let broken = try directory.write("d/broken.json", "{\"schema\": \"accessgraph-case/v1\",\n  \"id\": }")
        let withBroken = accessgraph(["simulate", "--cases", directory.path])
        #expect(withBroken.status == 2)
        #expect(withBroken.stdout.contains("\(broken):2:9: error[json.unexpected-character]"))
        #expect(withBroken.stdout.hasSuffix("1 passed, 1 failed, 1 skipped\n"))
    }

    /// A case holds a few policies; past `InputLimits.caseBytes` (1 MiB) the file is refused unread.
    @Test func anOversizedCaseFileIsBadInput() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("huge.json", "{\"padding\": [" + String(repeating: "1,", count: 600_000) + "1]}")
        let size = try #require(FileManager.default.attributesOfItem(atPath: file)[.size] as? Int)
        let run = accessgraph(["simulate", "--cases", directory.path])
        #expect(run.status == 2)
        #expect(run.stdout.contains("\(file):1:1: error[case.too-large]: the case file is \(size) bytes, more than the limit of 1048576\n"), "\(run.stdout)")
    }

    @Test func garbagePrincipalsAndMistypedCaseFieldsAreBadInput() throws {
        let garbage = accessgraph(["simulate", "--principal", "garbage", "--action", "s3:GetObject"])
        #expect(garbage.status == 2)
        #expect(garbage.stderr.contains("error[request.invalid-principal]"))

        let directory = try TemporaryDirectory()
        try directory.write("typed.json", """
        {"schema": "accessgraph-case/v1", "id": "t/typed",
         "request": {"principal": null, "anonymous": "yes", "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k"},
         "policies": {"identity": []}, "expected": {"decision": "ImplicitDeny"}}
        """)
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/dangling.json", withDestinationPath: directory.path + "/nowhere.json")
        let run = accessgraph(["simulate", "--cases", directory.path])
        #expect(run.status == 2)
        #expect(run.stdout.contains("typed.json:2:46: error[case.invalid]: `request.anonymous` must be true, false or null"))
        #expect(run.stdout.contains("dangling.json: error[io.not-found]"))
        #expect(run.stdout.hasSuffix("2 files could not be read as cases\n0 passed, 0 failed, 0 skipped\n"))
    }
}
