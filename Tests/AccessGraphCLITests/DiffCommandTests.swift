import Foundation
import ServiceCatalog
import TestSupport
import Testing

/// `accessgraph diff --base B --head H`: what a change does to access, checks, findings and
/// policy documents. Each change is one labelled edit of a stack, and each test asserts the whole
/// diff and the exit status under every `--fail-on`.
@Suite struct DiffCommandTests {
    /// Writes both sides and runs `diff` with the stack's account and region; paths in the output
    /// are written relative to the test's directory (`base.json`, `head.json`).
    static func diff(_ base: TestStack, _ head: TestStack, _ extra: [String] = []) throws -> CommandRun {
        try runs(base, head, [extra])[0]
    }

    /// One run per argument list, on the same two files.
    static func runs(_ base: TestStack, _ head: TestStack, _ argumentLists: [[String]]) throws -> [CommandRun] {
        let directory = try TemporaryDirectory()
        let basePath = try directory.write("base.json", base.templateText)
        let headPath = try directory.write("head.json", head.templateText)
        return argumentLists.map { extra in
            var run = accessgraph(["diff", "--base", basePath, "--head", headPath, "--account", "123456789012", "--region", "us-east-1"] + extra)
            run.stdout = run.stdout.replacingOccurrences(of: directory.path + "/", with: "")
            return run
        }
    }

    /// The text diff, and the exit status with no `--fail-on` and with each condition alone.
    static func textAndStatuses(_ base: TestStack, _ head: TestStack) throws -> (text: String, statuses: [String: Int32]) {
        let conditions = ["new-access", "new-finding", "check-regression"]
        let runs = try runs(base, head, [[]] + conditions.map { ["--fail-on", $0] })
        var statuses = ["none": runs[0].status]
        for (condition, run) in zip(conditions, runs.dropFirst()) { statuses[condition] = run.status }
        return (runs[0].stdout, statuses)
    }

    static func statuses(none: Int32 = 0, newAccess: Int32 = 0, newFinding: Int32 = 0, checkRegression: Int32 = 0) -> [String: Int32] {
        ["none": none, "new-access": newAccess, "new-finding": newFinding, "check-regression": checkRegression]
    }

    static let header = "AccessGraph diff: base.json → head.json\n\n"

    // MARK: No change

    @Test func aStackAgainstItselfIsEmptyAndPasses() throws {
        let (text, statuses) = try Self.textAndStatuses(PipelineStack.stack(), PipelineStack.stack())
        #expect(text == Self.header + """
            No change in access, checks, findings or policies.
            access gained: 0, lost: 0; checks changed: 0 (0 regressions); findings: 0 new, 0 removed, 0 unchanged; policies changed: 0

            """)
        #expect(statuses == Self.statuses())
        let reference = try Self.textAndStatuses(try ReferenceStack.stack(), try ReferenceStack.stack())
        #expect(reference.text.hasSuffix("""
            No change in access, checks, findings or policies.
            access gained: 0, lost: 0; checks changed: 0 (0 regressions); findings: 0 new, 0 removed, 12 unchanged; policies changed: 0

            """), "\(reference.text)")
        #expect(reference.statuses == Self.statuses())
    }

    /// Statements reordered, one split in two, a wildcard written out action by action, a Sid
    /// added: the documents differ, the grants do not.
    @Test func rewritingStatementsWithTheSameGrantsIsNoChange() throws {
        let statements = PipelineStack.pipelinePolicy.statements
        let stream = try #require(statements.first { $0.actions.contains("dynamodb:GetRecords") })
        let http = try #require(statements.first { $0.actions == ["es:ESHttp*"] })
        let rewritten = TestPolicy(
            statements.filter { $0.actions != stream.actions && $0.actions != http.actions }.reversed() + [
                .allow(["dynamodb:GetRecords", "dynamodb:GetShardIterator"], on: .arn(of: "Orders") + "/stream/*"),
                .allow(["DynamoDB:describeStream"], on: .arn(of: "Orders") + "/stream/*").withSid("Stream"),
                .allow(["es:ESHttpDelete", "es:ESHttpGet", "es:ESHttpHead", "es:ESHttpPatch", "es:ESHttpPost", "es:ESHttpPut"], on: .arn(of: "Search") + "/*"),
            ], name: "Pipeline")
        let (text, statuses) = try Self.textAndStatuses(PipelineStack.stack(), PipelineStack.stack(pipelineRolePolicies: [rewritten]))
        #expect(text == Self.header + """
            No change in access, checks, findings or policies.
            access gained: 0, lost: 0; checks changed: 0 (0 regressions); findings: 0 new, 0 removed, 0 unchanged; policies changed: 0

            """)
        #expect(statuses == Self.statuses())
    }

    /// `NotAction`, `NotResource` and conditions are compared as sets: written in another order
    /// they are the same scope; an action more in a `NotAction` is listed as such.
    @Test func notElementsAndConditionsAreComparedAsSets() throws {
        func stack(_ excepted: [String], _ resources: [TestValue], _ conditions: [TestCondition]) -> TestStack {
            let guardPolicy = TestPolicy([TestStatement.deny(excepted, on: resources, when: conditions).excepting(resources: true)], name: "Guard")
            return PipelineStack.stack(pipelineRolePolicies: [PipelineStack.pipelinePolicy, guardPolicy])
        }
        let conditions: [TestCondition] = [.bool("aws:SecureTransport", false), .stringEquals("aws:SourceVpc", "vpc-2", "vpc-1")]
        let base = stack(["s3:GetObject", "s3:PutObject"], ["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"], conditions)
        let reordered = stack(["s3:putobject", "s3:GetObject"], ["arn:aws:s3:::b/*", "arn:aws:s3:::a/*"],
                              [.stringEquals("aws:SourceVpc", "vpc-1", "vpc-2"), .bool("aws:SecureTransport", false)])
        #expect(try Self.diff(base, reordered).stdout.hasSuffix("policies changed: 0\n"))
        let widened = stack(["s3:GetObject", "s3:PutObject", "s3:ListBucket"], ["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"], conditions)
        let text = try Self.diff(base, widened).stdout
        #expect(text.contains("""
            Policies changed
              PipelineRole: identity policy `PipelineRole.Guard`
                + Deny NotAction s3:ListBucket on NotResource arn:aws:s3:::a/*, arn:aws:s3:::b/* when Bool aws:SecureTransport false and StringEquals aws:SourceVpc vpc-1, vpc-2

            """), "\(text)")
    }

    // MARK: The changes of issue 12

    /// Another account in the trust: new access from that account, and the gate refuses it.
    @Test func wideningATrustPolicyIsNewAccess() throws {
        let head = try PipelineStack.stack().addingTrustStatement(.allowAssume(by: .aws("arn:aws:iam::444455556666:root")), to: "PipelineRole")
        let (text, statuses) = try Self.textAndStatuses(PipelineStack.stack(), head)
        #expect(text == Self.header + """
            Access gained
              arn:aws:iam::444455556666:root
                + can-assume → arn:aws:iam::123456789012:role/orders-pipeline-role: sts:AssumeRole [undetermined]
                  by PipelineRole.AssumeRolePolicyDocument statement 1 at 23:13

            Policies changed
              PipelineRole: trust policy `PipelineRole.AssumeRolePolicyDocument`
                + Allow sts:AssumeRole by AWS arn:aws:iam::444455556666:root

            access gained: 1, lost: 0; checks changed: 0 (0 regressions); findings: 0 new, 0 removed, 0 unchanged; policies changed: 1

            """)
        #expect(statuses == Self.statuses(newAccess: 3))
    }

    /// A customer managed policy attached to the pipeline role: the actions it adds on the table.
    @Test func addingAManagedPolicyIsNewAccess() throws {
        let head = PipelineStack.stack()
            .managedPolicy("TableReaders", TestPolicy([.allow(["dynamodb:Query", "dynamodb:Scan"], on: .arn(of: "Orders"))]))
            .role("PipelineRole", name: PipelineStack.roleName, trust: PipelineStack.osisTrust, policies: [PipelineStack.pipelinePolicy],
                  managedPolicies: [.ref("TableReaders")])
        let (text, statuses) = try Self.textAndStatuses(PipelineStack.stack(), head)
        #expect(text == Self.header + """
            Access gained
              arn:aws:iam::123456789012:role/orders-pipeline-role
                + can-act → arn:aws:dynamodb:us-east-1:123456789012:table/orders: dynamodb:Query, dynamodb:Scan [allowed]
                  by PipelineRole.Pipeline statement 0 at 32:17
                  by TableReaders statement 0 at 220:13

            Policies changed
              PipelineRole: identity policy `TableReaders` (added)
                + Allow dynamodb:Query, dynamodb:Scan on arn:aws:dynamodb:us-east-1:123456789012:table/orders

            access gained: 1, lost: 0; checks changed: 0 (0 regressions); findings: 0 new, 0 removed, 0 unchanged; policies changed: 1

            """)
        #expect(statuses == Self.statuses(newAccess: 3))
    }

    /// An AWS managed policy on the pipeline role: the actions it adds on the stack's resources,
    /// the over-privilege finding it brings, and the document with its wildcards expanded.
    @Test func addingAnAWSManagedPolicyIsNewAccessAndANewFinding() throws {
        let head = PipelineStack.stack().role("PipelineRole", name: PipelineStack.roleName, trust: PipelineStack.osisTrust,
                                              policies: [PipelineStack.pipelinePolicy], managedPolicies: [.awsManagedPolicy("AmazonDynamoDBFullAccess")])
        let run = try Self.diff(PipelineStack.stack(), head, ["--fail-on", "new-finding", "--format", "json"])
        #expect(run.status == 3)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let gained = try #require(object["accessGained"] as? [[String: Any]])
        let table = try #require(gained.first { ($0["to"] as? String) == "arn:aws:dynamodb:us-east-1:123456789012:table/orders" })
        #expect((table["actions"] as? [String])?.contains("dynamodb:DeleteTable") == true)
        #expect(((table["evidence"] as? [[String: Any]])?.first?["policy"] as? String) == "AmazonDynamoDBFullAccess (AWS managed)")
        #expect((object["findingsAdded"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["overprivilege.pipeline-role"])
        #expect((object["accessLost"] as? [Any])?.isEmpty == true)
        let policies = try #require(object["policiesChanged"] as? [[String: Any]])
        #expect(policies.map { "\($0["holder"] ?? "") \($0["kind"] ?? "") \($0["policy"] ?? "") \($0["change"] ?? "")" }
            == ["PipelineRole identity policy AmazonDynamoDBFullAccess added"])
        let grants = try #require(policies.first?["grants"] as? [[String: Any]])
        let everywhere = try #require(grants.first { ($0["resource"] as? String) == "*" && ($0["condition"] is NSNull) })
        let dynamodb = try ServiceCatalogue.embedded().expandActionPattern("dynamodb:*").map(\.qualifiedName)
        #expect(Set(dynamodb).isSubset(of: Set(everywhere["added"] as? [String] ?? [])), "every action of `dynamodb:*`, expanded")
        #expect((everywhere["removed"] as? [String]) == [])
    }

    /// The domain policy let the whole account in; naming the pipeline role instead removes the
    /// finding. Within the account identity policies still decide, so nobody loses access, but a
    /// policy that names the role grants it on its own: the role gains `es:ESHttp*` on the domain
    /// itself, which its identity policy grants only below it.
    @Test func narrowingTheDomainPolicyToThePipelineRoleRemovesTheFinding() throws {
        let open = try PipelineStack.stack().settingAccessPolicy(of: "Search", to: TestPolicy([
            TestStatement.allow(["es:*"], on: [.regionalARN("es", "domain/orders-search"), .regionalARN("es", "domain/orders-search/*")]).by(.account),
        ]))
        let (text, statuses) = try Self.textAndStatuses(open, PipelineStack.stack())
        #expect(text == Self.header + """
            Access gained
              arn:aws:iam::123456789012:role/orders-pipeline-role
                + can-act → arn:aws:es:us-east-1:123456789012:domain/orders-search: es:ESHttpDelete, es:ESHttpGet, es:ESHttpHead, es:ESHttpPatch, es:ESHttpPost, es:ESHttpPut [allowed]
                  by PipelineRole.Pipeline statement 4 at 76:17
                  by Search.AccessPolicies statement 0 at 153:13

            Findings removed
              security-warning domain.policy-open-to-account [Search] (base.json:145:5): the access policy of `Search` lets every principal of account `arn:aws:iam::123456789012:root` call `es:*` when its identity policies allow it; name the pipeline and Dashboards roles instead

            Policies changed
              Search: resource policy `Search.AccessPolicies`
                + Allow es:ESHttp* (6 actions), es:DescribeDomain by AWS arn:aws:iam::123456789012:role/orders-pipeline-role on arn:aws:es:us-east-1:123456789012:domain/orders-search
                - Allow es:* (131 actions) by AWS arn:aws:iam::123456789012:root on arn:aws:es:us-east-1:123456789012:domain/orders-search
                + Allow es:ESHttp* (6 actions), es:DescribeDomain by AWS arn:aws:iam::123456789012:role/orders-pipeline-role on arn:aws:es:us-east-1:123456789012:domain/orders-search/*
                - Allow es:* (131 actions) by AWS arn:aws:iam::123456789012:root on arn:aws:es:us-east-1:123456789012:domain/orders-search/*

            access gained: 1, lost: 0; checks changed: 0 (0 regressions); findings: 0 new, 1 removed, 0 unchanged; policies changed: 1

            """)
        #expect(statuses == Self.statuses(newAccess: 3))
    }

    /// Without its stream statement the pipeline cannot read the stream: a check regression and
    /// lost access.
    @Test func removingTheStreamStatementIsACheckRegression() throws {
        let (text, statuses) = try Self.textAndStatuses(PipelineStack.stack(), PipelineStack.stack(pipelineRolePolicies: [Self.withoutStream]))
        #expect(text == Self.header + """
            Access lost
              arn:aws:iam::123456789012:role/orders-pipeline-role
                - can-act → arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/*: dynamodb:DescribeStream, dynamodb:GetRecords, dynamodb:GetShardIterator [allowed]
                  by PipelineRole.Pipeline statement 2 at 53:17

            Checks changed
              source.dynamodb.stream: pass → fail (regression): arn:aws:sts::123456789012:assumed-role/orders-pipeline-role/osis-pipeline needs `dynamodb:DescribeStream` on `arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/⟦GetAtt.Orders.StreamArn⟧`: ImplicitDeny — no identity-based or resource-based policy allows `dynamodb:DescribeStream` on `arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/⟦GetAtt.Orders.StreamArn⟧`; nearest: PipelineRole.Pipeline statement 0: `Action` `dynamodb:DescribeTable`, `dynamodb:DescribeContinuousBackups`, `dynamodb:ExportTableToPointInTime` does not match `dynamodb:DescribeStream`; `Resource` `arn:aws:dynamodb:us-east-1:123456789012:table/orders` does not match `arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/⟦GetAtt.Orders.StreamArn⟧`

            Policies changed
              PipelineRole: identity policy `PipelineRole.Pipeline`
                - Allow dynamodb:DescribeStream, dynamodb:GetRecords, dynamodb:GetShardIterator on arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/*

            access gained: 0, lost: 1; checks changed: 1 (1 regression); findings: 0 new, 0 removed, 0 unchanged; policies changed: 1

            """)
        #expect(statuses == Self.statuses(checkRegression: 3))
    }

    /// The reference stack's pipeline role (CDK leaves its name to CloudFormation) under another
    /// logical id, every reference following: the same resource, no change.
    @Test func renamingALogicalIdWithTheSameAccessIsNoChange() throws {
        let reference = try ReferenceStack.stack()
        let renamed = try reference.renamingResource(ReferenceStack.pipelineRole, to: "IngestionRoleB3C1D2E4")
        let (text, statuses) = try Self.textAndStatuses(reference, renamed)
        #expect(text.hasSuffix("""

            No change in access, checks, findings or policies.
            Renamed (compared as the same resource; CloudFormation creates a resource anew under a new logical id)
              role OpenSearchIngestionRoleZeroETLAAE46A77 → IngestionRoleB3C1D2E4 (same content)

            access gained: 0, lost: 0; checks changed: 0 (0 regressions); findings: 0 new, 0 removed, 12 unchanged; policies changed: 0; renamed: 1

            """), "\(text)")
        #expect(statuses == Self.statuses())

        // A construct moved in the CDK tree: the role and its default policy get new ids together.
        let moved = try reference.renamingResource("OpenSearchAccessRoleZeroETL19658B13", to: "DashboardsAccessRole1A2B3C4D")
            .renamingResource("OpenSearchAccessRoleZeroETLDefaultPolicy99D48818", to: "DashboardsAccessRoleDefaultPolicy5E6F7A8B")
        let both = try Self.textAndStatuses(reference, moved)
        #expect(both.text.hasSuffix("""

            No change in access, checks, findings or policies.
            Renamed (compared as the same resource; CloudFormation creates a resource anew under a new logical id)
              policy OpenSearchAccessRoleZeroETLDefaultPolicy99D48818 → DashboardsAccessRoleDefaultPolicy5E6F7A8B (same content)
              role OpenSearchAccessRoleZeroETL19658B13 → DashboardsAccessRole1A2B3C4D (same content)

            access gained: 0, lost: 0; checks changed: 0 (0 regressions); findings: 0 new, 0 removed, 12 unchanged; policies changed: 0; renamed: 2

            """), "\(both.text)")
        #expect(both.statuses == Self.statuses())

        // A role with a name keeps its ARN: paired by it.
        let named = try Self.textAndStatuses(PipelineStack.stack(), try PipelineStack.stack().renamingResource("PipelineRole", to: "IngestionRole"))
        #expect(named.text == Self.header + """
            No change in access, checks, findings or policies.
            Renamed (compared as the same resource; CloudFormation creates a resource anew under a new logical id)
              role PipelineRole → IngestionRole (same ARN)

            access gained: 0, lost: 0; checks changed: 0 (0 regressions); findings: 0 new, 0 removed, 0 unchanged; policies changed: 0; renamed: 1

            """)
        #expect(named.statuses == Self.statuses())
    }

    /// Renamed and changed: CloudFormation replaces the role with one that does something else, so
    /// it is not paired: the old role's access is lost, the new one's gained.
    @Test func renamingALogicalIdWithOtherAccessIsAnotherResource() throws {
        let reference = try ReferenceStack.stack()
        let renamed = try reference.renamingResource(ReferenceStack.pipelineRole, to: "IngestionRoleB3C1D2E4")
            .addingTrustStatement(.allowAssume(by: .aws("arn:aws:iam::444455556666:root")), to: "IngestionRoleB3C1D2E4")
        let (text, statuses) = try Self.textAndStatuses(reference, renamed)
        #expect(!text.contains("Renamed"), "\(text)")
        #expect(text.contains("\n  arn:aws:iam::123456789012:role/⟦Ref.IngestionRoleB3C1D2E4⟧\n    + can-act → "), "\(text)")
        #expect(text.contains("\n  arn:aws:iam::123456789012:role/⟦Ref.OpenSearchIngestionRoleZeroETLAAE46A77⟧\n    - can-act → "), "\(text)")
        #expect(text.contains("  IngestionRoleB3C1D2E4: trust policy `IngestionRoleB3C1D2E4.AssumeRolePolicyDocument` (added)\n"), "\(text)")
        #expect(statuses == Self.statuses(newAccess: 3, newFinding: 3))
    }

    /// The stream statement moved from the role's inline policy into a managed policy the role
    /// attaches: two documents change, the access does not.
    @Test func movingStatementsBetweenInlineAndAttachedPoliciesIsNoAccessChange() throws {
        let moved = PipelineStack.stack(pipelineRolePolicies: [Self.withoutStream])
            .managedPolicy("StreamReaders", TestPolicy(Self.streamStatements))
            .role("PipelineRole", name: PipelineStack.roleName, trust: PipelineStack.osisTrust, policies: [Self.withoutStream],
                  managedPolicies: [.ref("StreamReaders")])
        let (text, statuses) = try Self.textAndStatuses(PipelineStack.stack(), moved)
        #expect(text == Self.header + """
            Policies changed
              PipelineRole: identity policy `PipelineRole.Pipeline`
                - Allow dynamodb:DescribeStream, dynamodb:GetRecords, dynamodb:GetShardIterator on arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/*
              PipelineRole: identity policy `StreamReaders` (added)
                + Allow dynamodb:DescribeStream, dynamodb:GetRecords, dynamodb:GetShardIterator on arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/*

            access gained: 0, lost: 0; checks changed: 0 (0 regressions); findings: 0 new, 0 removed, 0 unchanged; policies changed: 2

            """)
        #expect(statuses == Self.statuses())

        // The whole inline policy as an `AWS::IAM::Policy` that lists the role: the same.
        let attached = PipelineStack.stack(pipelineRolePolicies: []).policy("PipelineAccess", PipelineStack.pipelinePolicy, roles: ["PipelineRole"])
        let policyResource = try Self.textAndStatuses(PipelineStack.stack(), attached)
        #expect(policyResource.text.contains("access gained: 0, lost: 0; checks changed: 0 (0 regressions); findings: 0 new, 0 removed, 0 unchanged; policies changed: 2\n"),
                "\(policyResource.text)")
        #expect(policyResource.statuses == Self.statuses())
    }

    /// A boundary that allows everything but two actions, as an SCP would: the pipeline loses
    /// `s3:PutObjectAcl` on its export prefix, which its export check needs.
    @Test func addingAnSCPLikeBoundaryIsLostAccessAndACheckRegression() throws {
        let bounded = PipelineStack.stack()
            .managedPolicy("Guardrail", TestPolicy([.allow(["*"], on: "*"), .deny(["s3:PutObjectAcl", "dynamodb:DeleteTable"], on: "*")]))
            .role("PipelineRole", name: PipelineStack.roleName, trust: PipelineStack.osisTrust, policies: [PipelineStack.pipelinePolicy],
                  boundary: .ref("Guardrail"))
        let everyAction = try ServiceCatalogue.embedded().expandActionPattern("*").count
        let (text, statuses) = try Self.textAndStatuses(PipelineStack.stack(), bounded)
        #expect(text == Self.header + """
            Access lost
              arn:aws:iam::123456789012:role/orders-pipeline-role
                - can-act → arn:aws:s3:::orders-exports/ddb/*: s3:PutObjectAcl [allowed]
                  by PipelineRole.Pipeline statement 3 at 64:17

            Checks changed
              source.s3.export: pass → fail (regression): arn:aws:sts::123456789012:assumed-role/orders-pipeline-role/osis-pipeline needs `s3:PutObjectAcl` on `arn:aws:s3:::orders-exports/ddb/AWSDynamoDB/01700000000000-abcdef01/data/part-00000.json.gz`: ExplicitDeny — explicitly denied by Guardrail statement 1 at 223:13

            Policies changed
              PipelineRole: permissions boundary `Guardrail` (added)
                + Allow * (\(everyAction) actions) on *
                + Deny dynamodb:DeleteTable, s3:PutObjectAcl on *

            access gained: 0, lost: 1; checks changed: 1 (1 regression); findings: 0 new, 0 removed, 0 unchanged; policies changed: 1

            """)
        #expect(statuses == Self.statuses(checkRegression: 3))
    }

    // MARK: Formats

    /// One pull-request comment: the summary line, a table per kind of change, and the policy
    /// documents, renames and unchanged findings collapsed.
    @Test func markdownIsOnePullRequestComment() throws {
        let head = try PipelineStack.stack().addingTrustStatement(.allowAssume(by: .aws("arn:aws:iam::444455556666:root")), to: "PipelineRole")
            .renamingResource("Orders", to: "OrdersTable")
        let run = try Self.diff(PipelineStack.stack(), head, ["--format", "markdown"])
        #expect(run.status == 0)
        #expect(run.stdout == """
            ## AccessGraph diff

            **access gained: 1, lost: 0; checks changed: 0 (0 regressions); findings: 0 new, 0 removed, 0 unchanged; policies changed: 1; renamed: 1**

            ### Access gained

            | Principal | Access | Target | Actions | Granted by |
            | --- | --- | --- | --- | --- |
            | `arn:aws:iam::444455556666:root` | can-assume | `arn:aws:iam::123456789012:role/orders-pipeline-role` | `sts:AssumeRole` | PipelineRole.AssumeRolePolicyDocument statement 1 at 23:13 |

            <details><summary>1 policy changed (actions after wildcard expansion)</summary>

            | Policy | Held by | Grants |
            | --- | --- | --- |
            | `PipelineRole.AssumeRolePolicyDocument` trust policy | `PipelineRole` | + Allow `sts:AssumeRole` by `AWS arn:aws:iam::444455556666:root` |

            </details>

            <details><summary>1 renamed (compared as the same resource)</summary>

            | Kind | Base | Head | Matched by |
            | --- | --- | --- | --- |
            | table | `Orders` | `OrdersTable` | same ARN |

            </details>

            """)
    }

    /// SARIF for code scanning: what the head brings is `new`, what it keeps `unchanged`, what it
    /// drops `absent`, each with a position-free fingerprint; a changed policy is a `new` note.
    @Test func sarifMarksResultsNewUnchangedAndAbsent() throws {
        let widened = PipelineStack.stack().role("PipelineRole", name: PipelineStack.roleName, trust: PipelineStack.osisTrust,
                                                 policies: [PipelineStack.pipelinePolicy], managedPolicies: [.awsManagedPolicy("AmazonDynamoDBFullAccess")])
        func results(_ base: TestStack, _ head: TestStack) throws -> [[String: Any]] {
            let run = try Self.diff(base, head, ["--format", "sarif", "--fail-on", "new-access"])
            let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            return try #require(((object["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
        }
        let added = try results(PipelineStack.stack(), widened)
        let states = added.map { "\($0["ruleId"] as? String ?? "?") \($0["baselineState"] as? String ?? "?") \($0["level"] as? String ?? "?")" }
        #expect(states.contains("overprivilege.pipeline-role new warning"), "\(states)")
        #expect(states.contains("access.gained new error"), "\(states)")
        #expect(states.contains("policy.changed new note"), "\(states)")
        #expect(added.allSatisfy { ($0["partialFingerprints"] as? [String: String])?["accessgraph/v1"]?.count == 16 })
        let policy = try #require(added.first { ($0["ruleId"] as? String) == "policy.changed" })
        let message = try #require((policy["message"] as? [String: Any])?["text"] as? String)
        #expect(message.hasPrefix("PipelineRole: identity policy `AmazonDynamoDBFullAccess` (added): + Allow dynamodb:* ("), "\(message)")

        let removed = try results(widened, PipelineStack.stack())
        #expect(removed.map { "\($0["ruleId"] as? String ?? "?") \($0["baselineState"] as? String ?? "?")" }
            == ["overprivilege.pipeline-role absent", "policy.changed new"])
    }

    /// `Reports/diff-example/` and the README's diff example are what the code prints for the
    /// committed templates. Regenerate with the commands in `Reports/README.md`.
    @Test func theCommittedExampleAndTheReadmeMatchTheCode() throws {
        let example = "Reports/diff-example/"
        func diff(_ extra: [String]) -> CommandRun {
            var run = accessgraph(["diff", "--base", Repository.url(example + "base.template.json").path, "--head", Repository.url(example + "head.template.json").path,
                                   "--account", "123456789012", "--region", "us-east-1"] + extra)
            run.stdout = run.stdout.replacingOccurrences(of: Repository.root.path + "/", with: "")
            return run
        }
        let text = diff([])
        let markdown = diff(["--format", "markdown"])
        #expect(text.status == 0 && markdown.status == 0, "\(text.output)")
        let stale = "is stale: regenerate it as Reports/README.md says"
        #expect(text.stdout == (try String(contentsOf: Repository.url(example + "diff.txt"), encoding: .utf8)), "diff.txt \(stale)")
        #expect(markdown.stdout == (try String(contentsOf: Repository.url(example + "diff.md"), encoding: .utf8)), "diff.md \(stale)")
        let readme = try String(contentsOf: Repository.url("README.md"), encoding: .utf8)
        #expect(readme.contains("```text\n" + text.stdout + "```\n"), "the README's diff example \(stale)")
        #expect(diff(["--fail-on", "new-access"]).status == 3)
        #expect(diff(["--fail-on", "check-regression"]).status == 3)
        #expect(diff(["--fail-on", "new-finding"]).status == 0)
    }

    @Test func aMissingSideIsBadInput() throws {
        let run = accessgraph(["diff", "--base", "/nonexistent/base.json", "--head", "/nonexistent/head.json"])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("/nonexistent/base.json: error[io.not-found]"), "\(run.stderr)")
    }

    // MARK: Fixtures

    static let streamStatements = PipelineStack.pipelinePolicy.statements.filter { $0.actions.contains("dynamodb:GetRecords") }
    /// The pipeline role's policy without its stream statement.
    static let withoutStream = TestPolicy(PipelineStack.pipelinePolicy.statements.filter { !$0.actions.contains("dynamodb:GetRecords") }, name: "Pipeline")
}
