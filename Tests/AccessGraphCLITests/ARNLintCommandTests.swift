import Foundation
import TestSupport
import Testing

/// `accessgraph lint` checks ARNs segment by segment, as Access Analyzer does: placeholders left in
/// a policy copied from documentation (`{account-id}`, `<account number>`, `ACCOUNT_ID`,
/// `{region}`), a partition that is not one, and a resource part that fits none of the
/// catalogue's ARN formats are errors at the entry, with help; exit 3.
@Suite struct ARNLintCommandTests {
    static let policy = """
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Principal": {"AWS": ["arn:aws:iam::<account number>:root", "ACCOUNT_ID", "arn:aws:iam::111122223333:role/deployer"]},
        "Action": ["dynamodb:GetItem", "sqs:SendMessage"],
        "Resource": [
          "arn:aws:dynamodb:{region}:111122223333:table/orders",
          "arn:aws:sqs:us-east-1:{account-id}:jobs",
          "arn:aws-global:sqs:us-east-1:111122223333:jobs",
          "arn:aws:dynamodb:us-east-1:111122223333:tables/orders",
          "arn:aws:dynamodb:us-east-1:${aws:PrincipalAccount}:table/*"
        ]
      }]
    }
    """

    @Test func eachSegmentIsAnErrorAtItsEntryWithHelp() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("bucket-policy.json", Self.policy)
        let run = accessgraph(["lint", "--type", "resource", file])
        #expect(run.status == 3, "\(run.output)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        let errors = lines.filter { $0.contains("error[lint.invalid-arn-") }
        #expect(errors == [
            "\(file):5:27: error[lint.invalid-arn-account]: the account `<account number>` of `arn:aws:iam::<account number>:root` is not 12 digits",
            "\(file):5:65: error[lint.invalid-arn-account]: `ACCOUNT_ID` is not an account id, an ARN or `*`",
            "\(file):8:7: error[lint.invalid-arn-region]: the region `{region}` of `arn:aws:dynamodb:{region}:111122223333:table/orders` is not a region",
            "\(file):9:7: error[lint.invalid-arn-account]: the account `{account-id}` of `arn:aws:sqs:us-east-1:{account-id}:jobs` is not 12 digits",
            "\(file):10:7: error[lint.invalid-arn-partition]: the partition `aws-global` of `arn:aws-global:sqs:us-east-1:111122223333:jobs` is not a partition",
            "\(file):11:7: error[lint.invalid-arn-resource]: `arn:aws:dynamodb:us-east-1:111122223333:tables/orders` fits none of the ARN formats of `dynamodb`",
        ])
        // Each error is followed by its help.
        let help = { (error: Int) in lines[(lines.firstIndex(of: errors[error]) ?? 0) + 1] }
        #expect(help(0) == "  help: write the account id (`111122223333`), `*`, or a policy variable such as `${aws:PrincipalAccount}`; IAM replaces no placeholder")
        #expect(help(2).hasPrefix("  help: a region is an area, words and a number joined by `-`, e.g. `us-east-1`"))
        #expect(help(4).hasPrefix("  help: a partition is one of `aws`, `aws-cn`, `aws-us-gov`"))
        #expect(help(5).hasPrefix("  help: the formats are `arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}/backup/${BackupName}` (backup), "))
        #expect(lines.last == "6 errors, 0 security warnings, 0 warnings, 0 suggestions in 1 file")
    }

    /// The same policy with the values filled in is clean.
    @Test func filledInItPasses() throws {
        let directory = try TemporaryDirectory()
        let fixed = Self.policy
            .replacing("<account number>", with: "111122223333").replacing("\"ACCOUNT_ID\"", with: "\"444455556666\"")
            .replacing("{region}", with: "us-east-1").replacing("{account-id}", with: "111122223333")
            .replacing("aws-global", with: "aws").replacing("tables/", with: "table/")
        let file = try directory.write("bucket-policy.json", fixed)
        let run = accessgraph(["lint", "--type", "resource", file])
        #expect(!run.stdout.contains("lint.invalid-arn"), "\(run.stdout)")
        #expect(run.status == 0, "\(run.output)")
    }
}
