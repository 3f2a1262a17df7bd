import Foundation
import TestSupport
import Testing

/// `--account`, `--region` and `--partition` are checked before they are written into ARNs or
/// pseudo parameters: a wrong form is bad input (exit 2) naming the option and the form expected.
@Suite struct EnvironmentOptionTests {
    static let tableTemplate = "Resources:\n  Orders:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      TableName: orders\n"

    /// The table's ARN as `graph` names it, or the run's output when it fails.
    static func tableARN(_ options: [String]) throws -> (status: Int32, arn: String?, output: String) {
        let directory = try TemporaryDirectory()
        let template = try directory.write("table.yaml", tableTemplate)
        let run = accessgraph(["graph", "--template", template, "--format", "json"] + options)
        let object = try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let nodes = object?["nodes"] as? [[String: Any]] ?? []
        return (run.status, nodes.first?["id"] as? String, run.output)
    }

    @Test(arguments: [
        ("us-east-1", "aws"), ("ap-southeast-5", "aws"), ("us-gov-west-1", "aws-us-gov"), ("cn-north-1", "aws-cn"),
        ("cn-northwest-1", "aws-cn"), ("eu-isoe-west-1", "aws-iso-e"), ("us-iso-east-1", "aws-iso"),
        ("us-isob-east-1", "aws-iso-b"), ("us-isof-south-1", "aws-iso-f"), ("eusc-de-east-1", "aws-eusc"),
    ])
    func aRegionOfAKnownFormIsUsedWithItsPartition(_ region: String, _ partition: String) throws {
        let run = try Self.tableARN(["--account", "111122223333", "--region", region])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.arn == "arn:\(partition):dynamodb:\(region):111122223333:table/orders")
        let given = try Self.tableARN(["--account", "111122223333", "--region", region, "--partition", partition])
        #expect(given.arn == run.arn, "\(given.output)")
    }

    @Test(arguments: ["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"])
    func everyKnownPartitionIsAccepted(_ partition: String) throws {
        let run = try Self.tableARN(["--partition", partition])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.arn == "arn:\(partition):dynamodb:⟦AWS.Region⟧:⟦AWS.AccountId⟧:table/orders")
    }

    @Test(arguments: [
        // An account id is exactly 12 ASCII digits.
        (["--account", "12345"], "--account: error[usage.invalid-account]: `12345` is not an account id",
         "an account id is 12 digits"),
        (["--account", "1111222233334"], "--account: error[usage.invalid-account]: `1111222233334` is not an account id", "12 digits"),
        (["--account", "11112222333a"], "--account: error[usage.invalid-account]: `11112222333a` is not an account id", "12 digits"),
        (["--account", "１１１１２２２２３３３３"], "--account: error[usage.invalid-account]: `１１１１２２２２３３３３` is not an account id", "12 digits"),
        // A region: lowercase words and a number; a newline is shown escaped, never spliced.
        (["--region", "us-east-1\nfoo"], "--region: error[usage.invalid-region]: `us-east-1\\nfoo` is not a region", "e.g. `us-east-1`"),
        (["--region", "US-EAST-1"], "--region: error[usage.invalid-region]: `US-EAST-1` is not a region", "e.g. `us-east-1`"),
        (["--region", "us-east"], "--region: error[usage.invalid-region]: `us-east` is not a region", "e.g. `us-east-1`"),
        (["--region", "useast1"], "--region: error[usage.invalid-region]: `useast1` is not a region", "e.g. `us-east-1`"),
        (["--region", "us-east-1a"], "--region: error[usage.invalid-region]: `us-east-1a` is not a region", "e.g. `us-east-1`"),
        (["--region", "u-east-1"], "--region: error[usage.invalid-region]: `u-east-1` is not a region", "e.g. `us-east-1`"),
        (["--region", ""], "--region: error[usage.invalid-region]: `` is not a region", "e.g. `us-east-1`"),
        (["--partition", "xyz"], "--partition: error[usage.invalid-partition]: `xyz` is not a partition",
         "a partition is one of `aws`, `aws-cn`, `aws-us-gov`, `aws-iso`, `aws-iso-b`, `aws-iso-e`, `aws-iso-f`, `aws-eusc`"),
        (["--partition", "AWS"], "--partition: error[usage.invalid-partition]: `AWS` is not a partition", "one of `aws`"),
        // A partition must hold the region given with it.
        (["--region", "cn-north-1", "--partition", "aws"],
         "--partition: error[usage.partition-mismatch]: region `cn-north-1` is in partition `aws-cn`, not `aws`",
         "leave out --partition"),
        (["--region", "us-east-1", "--partition", "aws-us-gov"],
         "--partition: error[usage.partition-mismatch]: region `us-east-1` is in partition `aws`, not `aws-us-gov`",
         "leave out --partition"),
    ])
    func aValueOfTheWrongFormIsBadInput(_ options: [String], _ error: String, _ help: String) throws {
        for command in ["check", "graph"] {
            let run = accessgraph([command] + options)
            #expect(run.status == 2, "\(command): \(run.output)")
            #expect(run.stderr.hasPrefix(error + "\n  help: "), "\(command): \(run.stderr)")
            #expect(run.stderr.contains(help))
            #expect(run.stdout.isEmpty)
        }
    }

    @Test func everyWrongValueIsReportedAtOnce() {
        let run = accessgraph(["check", "--account", "12345", "--region", "us-east-1\nfoo", "--partition", "xyz"])
        #expect(run.status == 2)
        #expect(run.stderr.split(separator: "\n").filter { $0.contains(": error[") } == [
            "--account: error[usage.invalid-account]: `12345` is not an account id",
            "--region: error[usage.invalid-region]: `us-east-1\\nfoo` is not a region",
            "--partition: error[usage.invalid-partition]: `xyz` is not a partition",
        ])
        // No line of the output starts with what followed the newline.
        #expect(!run.output.split(separator: "\n").contains { $0.hasPrefix("foo") })
    }

    @Test func aSimulatedResourceAccountIsAnAccountID() {
        let run = accessgraph(["simulate", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::b/k", "--resource-account", "1234"])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("--resource-account: error[usage.invalid-account]: `1234` is not an account id\n  help: an account id is 12 digits"))
    }
}
