import Foundation
import TestSupport
import Testing

/// A gate fails closed: a policy the inputs name but do not contain makes the checks that depend
/// on it unknown, naming it, and `--fail-on-unknown` turns that into exit 3.
@Suite struct FailClosedCommandTests {
    static let boundary = "arn:aws:iam::123456789012:policy/NoSuchBoundary"

    @Test func aBoundaryNobodyCanSeeMakesThePipelineRolesChecksUnknown() throws {
        let stack = try ReferenceStack.stack().settingBoundary(of: ReferenceStack.pipelineRole, to: .text(Self.boundary))
        let directory = try TemporaryDirectory()
        let template = try directory.write("template.json", stack.templateText)
        let arguments = ["check", "--template", template, "--pipeline", SeedStack.File.concretePipeline.path]

        let run = accessgraph(arguments)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("checks: 2 pass, 0 fail, 4 unknown, 0 skipped"), "\(run.stdout)")
        let location = stack.location(of: "\"\(Self.boundary)\"")
        let named = "the permissions boundary `\(Self.boundary)` named at \(template):\(location.position.line):\(location.position.column) "
            + "is in neither the template, the account snapshot nor the embedded catalogue of AWS managed policies"
        for check in ["source.dynamodb.export", "source.dynamodb.stream", "source.s3.export", "sink.opensearch"] {
            let line = run.stdout.split(separator: "\n").first { $0.hasPrefix("  ? \(check): ") }
            #expect(line?.hasPrefix("  ? \(check): whether ") == true && line?.hasSuffix(" is unknown: " + named) == true, "\(check): \(line ?? "missing")")
        }
        // The trust and the Dashboards role do not run as the pipeline role's identity policies.
        #expect(run.stdout.contains("  ✓ trust.pipeline-role: "))
        #expect(run.stdout.contains("  ✓ dashboards.cognito: "))

        let gated = accessgraph(arguments + ["--fail-on-unknown"])
        #expect(gated.status == 3)
    }

    @Test func aManagedPolicyMissingFromTheSnapshotMakesTheChecksUnknown() throws {
        let snapshot = """
        {"UserDetailList": [], "GroupDetailList": [], "Policies": [],
         "RoleDetailList": [
          {"Path": "/", "RoleName": "PipelineRole", "RoleId": "AROA0000000000000001", "Arn": "arn:aws:iam::123456789012:role/PipelineRole",
           "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "osis-pipelines.amazonaws.com"},
             "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:SourceAccount": "123456789012"}}}]},
           "RolePolicyList": [], "AttachedManagedPolicies": [{"PolicyName": "pipeline-access", "PolicyArn": "arn:aws:iam::123456789012:policy/pipeline-access"}]}
         ]}
        """
        let directory = try TemporaryDirectory()
        let file = try directory.write("account.json", snapshot)
        let pipeline = try directory.write("pipeline.yaml", TestPipeline(
            table: "arn:aws:dynamodb:us-east-1:123456789012:table/orders", role: "arn:aws:iam::123456789012:role/PipelineRole",
            sink: .host("https://search-orders-abc123.us-east-1.es.amazonaws.com", role: "arn:aws:iam::123456789012:role/PipelineRole")).fileText)
        let run = accessgraph(["check", "--account-snapshot", file, "--pipeline", pipeline, "--fail-on-unknown"])
        #expect(run.status == 3, "\(run.output)")
        #expect(run.stdout.contains(" is unknown: the managed policy `arn:aws:iam::123456789012:policy/pipeline-access` named at \(file):"), "\(run.stdout)")
    }
}
