import Foundation
import TestSupport
import Testing

/// `who-can`, `can` and `escalations`: answers with their chains and statements, exit 0 when
/// access exists and 3 when not, bad names as bad input.
@Suite struct AccessQueryCommandTests {
    static let account = "111122223333"

    /// A small account: `deployer` may pass any role to Lambda and create functions (so it can
    /// become `Worker`, which reads the table), `auditor` may assume `Reader`, and `intern` may
    /// attach policies to `Admin` (an administrator).
    static let snapshot = """
    {"UserDetailList": [
      {"Path": "/", "UserName": "deployer", "Arn": "arn:aws:iam::111122223333:user/deployer", "GroupList": [], "AttachedManagedPolicies": [],
       "UserPolicyList": [{"PolicyName": "Deploy", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
         {"Sid": "Pass", "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"},
         {"Sid": "Functions", "Effect": "Allow", "Action": ["lambda:CreateFunction", "lambda:InvokeFunction"], "Resource": "*"}]}}]},
      {"Path": "/", "UserName": "auditor", "Arn": "arn:aws:iam::111122223333:user/auditor", "GroupList": [], "AttachedManagedPolicies": [],
       "UserPolicyList": [{"PolicyName": "Audit", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
         {"Sid": "AssumeReader", "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::111122223333:role/Reader"}]}}]},
      {"Path": "/", "UserName": "intern", "Arn": "arn:aws:iam::111122223333:user/intern", "GroupList": [], "AttachedManagedPolicies": [],
       "UserPolicyList": [{"PolicyName": "Tinker", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
         {"Sid": "Attach", "Effect": "Allow", "Action": "iam:AttachRolePolicy", "Resource": "arn:aws:iam::111122223333:role/Admin"}]}}]}
     ],
     "GroupDetailList": [],
     "RoleDetailList": [
      {"Path": "/", "RoleName": "Worker", "Arn": "arn:aws:iam::111122223333:role/Worker",
       "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
       "RolePolicyList": [{"PolicyName": "Read", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
         {"Sid": "ReadOrders", "Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/orders"}]}}],
       "AttachedManagedPolicies": [], "InstanceProfileList": []},
      {"Path": "/", "RoleName": "Reader", "Arn": "arn:aws:iam::111122223333:role/Reader",
       "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Sid": "Account", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"}]},
       "RolePolicyList": [{"PolicyName": "Read", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
         {"Sid": "ReadAll", "Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*"}]}}],
       "AttachedManagedPolicies": [], "InstanceProfileList": []},
      {"Path": "/", "RoleName": "Admin", "Arn": "arn:aws:iam::111122223333:role/Admin",
       "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
       "RolePolicyList": [{"PolicyName": "Everything", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
         {"Sid": "All", "Effect": "Allow", "Action": "*", "Resource": "*"}]}}],
       "AttachedManagedPolicies": [], "InstanceProfileList": []}
     ],
     "Policies": []}
    """
    static let table = "arn:aws:dynamodb:us-east-1:111122223333:table/orders"

    func run(_ arguments: [String]) throws -> CommandRun {
        let directory = try TemporaryDirectory()
        let snapshot = try directory.write("account.json", Self.snapshot)
        return accessgraph(arguments + ["--account-snapshot", snapshot])
    }

    @Test func whoCanListsDirectActorsThenChainsShortestFirst() throws {
        let run = try run(["who-can", "--action", "dynamodb:GetItem", "--resource", Self.table])
        #expect(run.status == 0, "\(run.stderr)")
        let blocks = run.stdout.components(separatedBy: "\n\n")
        #expect(blocks.first == "who can `dynamodb:GetItem` on `\(Self.table)`: 9 principals (8 allowed, 1 undetermined)")
        // Those whose own policies allow it come first, then those one step away. The account the
        // Reader's trust names is a caller outside the inputs: its own policies are unknown.
        #expect(blocks.dropFirst().map { $0.split(separator: "\n").first.map(String.init) ?? "" } == [
            "✓ Admin (arn:aws:iam::111122223333:role/Admin)",
            "✓ Reader (arn:aws:iam::111122223333:role/Reader)",
            "✓ Worker (arn:aws:iam::111122223333:role/Worker)",
            "? arn:aws:iam::111122223333:root, through 1 step",
            "✓ auditor (arn:aws:iam::111122223333:user/auditor), through 1 step",
            "✓ deployer (arn:aws:iam::111122223333:user/deployer), through 1 step",
            "✓ intern (arn:aws:iam::111122223333:user/intern), through 1 step",
            "✓ ec2.amazonaws.com, through 1 step",
            "✓ lambda.amazonaws.com, through 1 step",
        ])
        // The deployer's step names the technique and the statements behind it.
        #expect(run.stdout.contains("""
                deployer --can-escalate: lambda.create-function--> Worker
                  creates a Lambda function with the role and invokes it: `iam:PassRole` allowed by the caller's identity-based policies; `lambda:CreateFunction` allowed by the caller's identity-based policies; `lambda:InvokeFunction` allowed by the caller's identity-based policies
                  - deployer.Deploy statement 0 (Pass) at 4:6
                  - deployer.Deploy statement 1 (Functions) at 5:6
                as Worker: allowed by the caller's identity-based policies
                  - Worker.Read statement 0 (ReadOrders) at 18:6
            """))
    }

    @Test func canExitsZeroWhenAllowedAndThreeWhenNot() throws {
        let allowed = try run(["can", "auditor", "dynamodb:GetItem", Self.table])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(allowed.stdout.hasPrefix("auditor can `dynamodb:GetItem` on `\(Self.table)`\n"))
        #expect(allowed.stdout.contains("auditor --can-assume: sts:AssumeRole--> Reader"))
        let refused = try run(["can", "auditor", "dynamodb:DeleteTable", Self.table])
        #expect(refused.status == 3)
        #expect(refused.stdout == "auditor cannot `dynamodb:DeleteTable` on `\(Self.table)`\nno policy of it allows it, and no principal it can become is allowed\n")
    }

    @Test func escalationsReachTheAdministratorsByDefault() throws {
        let run = try run(["escalations"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("who can become `Admin`: 2 principals (2 allowed, 0 undetermined)\n"))
        #expect(run.stdout.contains("intern --can-escalate: iam.attach-role-policy--> Admin"))
        #expect(run.stdout.contains("ec2.amazonaws.com --can-assume: sts:AssumeRole--> Admin"))
        let worker = try self.run(["escalations", "--to", "Worker", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(worker.stdout.utf8)) as? [String: Any])
        let answers = try #require(json["answers"] as? [[String: Any]])
        // One step (Admin may do anything, so it too can run code as Worker), then two: through Admin.
        #expect(answers.compactMap { $0["principal"] as? String } == [
            "arn:aws:iam::111122223333:role/Admin", "arn:aws:iam::111122223333:user/deployer", "lambda.amazonaws.com",
            "arn:aws:iam::111122223333:user/intern", "ec2.amazonaws.com",
        ])
        let deployer = try #require(answers.first { $0["principal"] as? String == "arn:aws:iam::111122223333:user/deployer" })
        let step = try #require((deployer["path"] as? [[String: Any]])?.first)
        #expect(step["technique"] as? String == "lambda.create-function")
        #expect(step["kind"] as? String == "can-escalate")
        #expect(step["to"] as? String == "arn:aws:iam::111122223333:role/Worker")
        #expect((answers.last?["path"] as? [[String: Any]])?.count == 2)
    }

    @Test func unknownNamesAreBadInput() throws {
        let principal = try run(["can", "nobody", "dynamodb:GetItem", Self.table])
        #expect(principal.status == 2)
        #expect(principal.stderr == "<principal>: error[query.unknown-principal]: no role or user `nobody` in the inputs\n  help: give a role or user's ARN, name or logical id\n")
        let action = try run(["who-can", "--action", "dynamodb:Frobnicate", "--resource", Self.table])
        #expect(action.status == 2)
        #expect(action.stderr.hasPrefix("--action: error[request.unknown-action]: unknown action `dynamodb:Frobnicate`"))
        let target = try run(["escalations", "--to", "Nobody"])
        #expect(target.status == 2)
    }

    @Test func theREADMEShowsWhatCanPrintsForTheReferenceStack() throws {
        let run = accessgraph(["can", "OpenSearchIngestionRoleZeroETLAAE46A77", "dynamodb:DeleteTable", "DynamoDBTable59784FC0"])
        #expect(run.status == 0)
        let readme = try String(contentsOf: Repository.url("README.md"), encoding: .utf8)
        let command = "$ swift run accessgraph can OpenSearchIngestionRoleZeroETLAAE46A77 dynamodb:DeleteTable DynamoDBTable59784FC0\n"
        let start = try #require(readme.range(of: command))
        let end = try #require(readme.range(of: "```\n", range: start.upperBound..<readme.endIndex))
        #expect(String(readme[start.upperBound..<end.lowerBound]) == run.stdout)
    }
}
