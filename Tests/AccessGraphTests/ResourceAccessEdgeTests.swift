import AccessGraph
import AccessInventory
import ServiceCatalog
import Testing

/// `can-act`: each principal asked about each target's actions, with its own policies and the
/// target's resource-based policy. One edge per principal and target lists the actions that
/// are allowed or undetermined.
@Suite struct ResourceAccessEdgeTests {
    typealias Fixture = GraphFixture
    static let app = Fixture.roleARN("App")
    static let accountTrust = #"{"Sid": "Account", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"}"#

    /// What the graph asks about a DynamoDB table: the catalogue's read, write and
    /// permissions-management actions on the `table` resource type.
    static func askedTableActions() throws -> [String] {
        let levels: Set<AccessLevel> = [.read, .write, .permissionsManagement]
        let dynamodb = try #require(try ServiceCatalogue.embedded().service("dynamodb"))
        return dynamodb.actions.filter { action in levels.contains(action.accessLevel) && action.resourceTypes.contains { $0.name == "table" } }
            .map(\.qualifiedName)
    }

    func app(_ statements: String...) throws -> InventoryPrincipal {
        Fixture.role("App", trust: try Fixture.policy("App.Trust", Self.accountTrust), policies: [try Fixture.policy("App.Access", statements: statements)])
    }

    @Test func theCatalogueSaysWhichActionsAreAskedAboutAResource() throws {
        let admin = try app(#"{"Sid": "All", "Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"}"#)
        let graph = try Fixture.build(Fixture.inventory(principals: [admin], tables: [Fixture.table()]))
        let edge = try #require(graph.edges(.canAct, from: Self.app, to: Fixture.tableARN).only)
        let asked = try Self.askedTableActions()
        #expect(edge.actions == asked)
        #expect(edge.reason == "\(asked.count) of \(asked.count) actions allowed")
        // Read, write and permissions management; listing and tagging say little about who reaches the data.
        #expect(edge.actions.contains("dynamodb:GetItem"))
        #expect(edge.actions.contains("dynamodb:PutItem"))
        #expect(edge.actions.contains("dynamodb:PutResourcePolicy"))
        #expect(!edge.actions.contains("dynamodb:TagResource"))
        #expect(!edge.actions.contains("dynamodb:ListTables"))
        #expect(graph.nodes.contains(AccessGraph.Node(id: Fixture.tableARN, kind: .resource, label: "Orders")))
    }

    @Test func anEdgeListsExactlyTheAllowedActionsAndTheStatementsThatAllowThem() throws {
        let reader = try app(#"{"Sid": "ReadOrders", "Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query"], "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/orders"}"#)
        let graph = try Fixture.build(Fixture.inventory(principals: [reader], tables: [Fixture.table()]))
        let edge = try #require(graph.edges(.canAct, from: Self.app, to: Fixture.tableARN).only)
        #expect(edge.status == .allowed)
        #expect(edge.actions == ["dynamodb:GetItem", "dynamodb:Query"])
        #expect(edge.reason == "2 of \(try Self.askedTableActions().count) actions allowed")
        #expect(edge.evidence.map(\.description) == ["App.Access statement 0 (ReadOrders) at 2:3"])
    }

    /// Only a pipeline's requirements name the export, the stream and the export objects;
    /// they become targets of their own, labelled after the resource they belong to.
    @Test func aPipelineAddsTheSubResourcesItsRequirementsTouch() throws {
        let pipelineRole = try app(
            #"{"Sid": "Table", "Effect": "Allow", "Action": "dynamodb:*", "Resource": ["arn:aws:dynamodb:us-east-1:111122223333:table/orders", "arn:aws:dynamodb:us-east-1:111122223333:table/orders/*"]}"#,
            #"{"Sid": "Exports", "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::exports/orders/*"}"#)
        var inventory = Fixture.inventory(principals: [pipelineRole], tables: [Fixture.table()], buckets: [Fixture.bucket()])
        let withoutPipeline = try Fixture.build(inventory)
        inventory.pipelines = [try Fixture.pipeline(roleName: "App")]
        let graph = try Fixture.build(inventory)

        let subResources = [
            AccessGraph.Node(id: Fixture.tableARN + "/export/*", kind: .resource, label: "Orders /export/*"),
            AccessGraph.Node(id: Fixture.tableARN + "/stream/*", kind: .resource, label: "Orders /stream/*"),
            AccessGraph.Node(id: "arn:aws:s3:::exports/orders/*", kind: .resource, label: "Exports /orders/*"),
        ]
        #expect(subResources.allSatisfy(graph.nodes.contains))
        #expect(!subResources.contains(where: withoutPipeline.nodes.contains))

        let export = try #require(graph.edges(.canAct, from: Self.app, to: Fixture.tableARN + "/export/*").only)
        #expect(export.actions == ["dynamodb:DescribeExport"])
        #expect(export.evidence.map(\.description) == ["App.Access statement 0 (Table) at 2:3"])
        let stream = try #require(graph.edges(.canAct, from: Self.app, to: Fixture.tableARN + "/stream/*").only)
        #expect(["dynamodb:DescribeStream", "dynamodb:GetShardIterator", "dynamodb:GetRecords"].allSatisfy(stream.actions.contains))
        let objects = try #require(graph.edges(.canAct, from: Self.app, to: "arn:aws:s3:::exports/orders/*").only)
        #expect(objects.actions == ["s3:GetObject", "s3:PutObject"])
        #expect(objects.evidence.map(\.description) == ["App.Access statement 1 (Exports) at 3:3"])
    }

    @Test func aBucketPolicyDenyRemovesTheActionItRefuses() throws {
        let alice = Fixture.user("alice", policies: [try Fixture.policy("alice.S3", #"{"Sid": "AllOfS3", "Effect": "Allow", "Action": "s3:*", "Resource": "*"}"#)])
        let denyDelete = try Fixture.policy("Exports.Policy",
            #"{"Sid": "KeepBucket", "Effect": "Deny", "Principal": "*", "Action": "s3:DeleteBucket", "Resource": "arn:aws:s3:::exports"}"#)
        let open = try #require(try Fixture.build(Fixture.inventory(principals: [alice], buckets: [Fixture.bucket()]))
            .edges(.canAct, from: Fixture.userARN("alice"), to: Fixture.bucketARN).only)
        let guarded = try #require(try Fixture.build(Fixture.inventory(principals: [alice], buckets: [Fixture.bucket(policy: denyDelete)]))
            .edges(.canAct, from: Fixture.userARN("alice"), to: Fixture.bucketARN).only)

        #expect(open.actions.contains("s3:DeleteBucket"))
        #expect(guarded.actions == open.actions.filter { $0 != "s3:DeleteBucket" })
        #expect(guarded.actions.contains("s3:PutBucketPolicy"))
        #expect(guarded.reason == "\(open.actions.count - 1) of \(open.actions.count) actions allowed")
        // The Deny refused an action; it is not evidence for the ones that remain.
        #expect(guarded.evidence.map(\.description) == ["alice.S3 statement 0 (AllOfS3) at 2:3"])
    }

    /// The organization is not in a stack, so `aws:PrincipalOrgID` is the symbolic
    /// `⟦AWS.PrincipalOrgID⟧`: an action granted only inside an organization is undetermined.
    @Test func aSymbolicValueMakesTheActionItDecidesUndetermined() throws {
        let reader = try app(
            #"{"Sid": "Query", "Effect": "Allow", "Action": "dynamodb:Query", "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/orders"}"#,
            #"{"Sid": "OrgOnly", "Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}}"#)
        let graph = try Fixture.build(Fixture.inventory(principals: [reader], tables: [Fixture.table()]))
        let edge = try #require(graph.edges(.canAct, from: Self.app, to: Fixture.tableARN).only)
        #expect(edge.status == .undetermined)
        #expect(edge.actions == ["dynamodb:GetItem", "dynamodb:Query"])
        #expect(edge.reason == """
            1 of \(try Self.askedTableActions().count) actions allowed; undetermined: `dynamodb:GetItem` \
            (App.Access statement 1 (OrgOnly) depends on `StringEquals` on `aws:PrincipalOrgID`)
            """)
        #expect(edge.evidence.map(\.description) == ["App.Access statement 0 (Query) at 2:3", "App.Access statement 1 (OrgOnly) at 3:3"])
    }
}
