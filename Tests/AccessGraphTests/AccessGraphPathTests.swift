import AccessGraph
import AccessInventory
import Testing

/// `AccessGraph.paths(to:action:)`: the chains of edges that end at a node, each step with
/// the statements behind it.
@Suite struct AccessGraphPathTests {
    typealias Fixture = GraphFixture
    static let accountTrust = #"{"Sid": "Account", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"}"#
    static let readOrders = #"{"Sid": "ReadOrders", "Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "arn:aws:dynamodb:us-east-1:111122223333:table/orders"}"#

    /// A chain as one line: each step with its kind and evidence, nodes by label.
    static func describe(_ path: [AccessGraph.Edge], in graph: AccessGraph) -> String {
        let labels = Dictionary(uniqueKeysWithValues: graph.nodes.map { ($0.id, $0.label) })
        return path.map { edge in
            "\(labels[edge.from] ?? edge.from) -\(edge.kind.rawValue)-> \(labels[edge.to] ?? edge.to) \(edge.evidence.map(\.description))"
        }.joined(separator: " | ")
    }

    static func describe(_ paths: [[AccessGraph.Edge]], in graph: AccessGraph) -> [String] {
        paths.map { describe($0, in: graph) }
    }

    @Test func aUserReachesATableThroughARoleWithEvidenceOnEveryStep() throws {
        let app = Fixture.role("App", trust: try Fixture.policy("App.Trust", Self.accountTrust), policies: [try Fixture.policy("App.Read", Self.readOrders)])
        let alice = Fixture.user("alice", groups: [(name: "Operators", policy: try Fixture.policy("Operators.Assume",
            #"{"Sid": "AssumeApp", "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::111122223333:role/App"}"#))])
        let graph = try Fixture.build(Fixture.inventory(principals: [app, alice], tables: [Fixture.table()]))

        #expect(Self.describe(graph.paths(to: Fixture.tableARN, action: "dynamodb:GetItem"), in: graph) == [
            // Anyone in the account whose own policies allow it: undetermined, resting on the trust.
            #"arn:aws:iam::111122223333:root -can-assume-> App ["App.Trust statement 0 (Account) at 2:3"]"#
                + #" | App -can-act-> Orders ["App.Read statement 0 (ReadOrders) at 2:3"]"#,
            #"alice -can-assume-> App ["Operators.Assume statement 0 (AssumeApp) at 2:3", "App.Trust statement 0 (Account) at 2:3"]"#
                + #" | App -can-act-> Orders ["App.Read statement 0 (ReadOrders) at 2:3"]"#,
        ])
        #expect(graph.paths(to: Fixture.tableARN, action: "dynamodb:PutItem").isEmpty)
    }

    /// Passing a role to a service does not give the passer the role's access.
    @Test func passingARoleEndsAChain() throws {
        let trust = try Fixture.policy("App.Trust",
            #"{"Sid": "Lambda", "Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}"#)
        let app = Fixture.role("App", trust: trust, policies: [try Fixture.policy("App.Read", Self.readOrders)])
        let alice = Fixture.user("alice", policies: [try Fixture.policy("alice.Pass",
            #"{"Sid": "PassApp", "Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/App"}"#)])
        let graph = try Fixture.build(Fixture.inventory(principals: [app, alice], tables: [Fixture.table()]))

        // Not `alice -can-pass-role-> App -can-act-> Orders`.
        #expect(Self.describe(graph.paths(to: Fixture.tableARN), in: graph) == [
            #"lambda.amazonaws.com -can-assume-> App ["App.Trust statement 0 (Lambda) at 2:3"]"#
                + #" | App -can-act-> Orders ["App.Read statement 0 (ReadOrders) at 2:3"]"#,
        ])
        #expect(Self.describe(graph.paths(to: Fixture.roleARN("App"), action: "iam:PassRole"), in: graph) == [
            #"alice -can-pass-role-> App ["alice.Pass statement 0 (PassApp) at 2:3"]"#,
        ])
    }

    /// Two roles that may assume each other: every chain visits a node at most once.
    func cycle() throws -> AccessGraph {
        let assumeAny = #"{"Sid": "AssumeAny", "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}"#
        let first = Fixture.role("First", trust: try Fixture.policy("First.Trust", Self.accountTrust),
                                 policies: [try Fixture.policy("First.Access", assumeAny, Self.readOrders)])
        let second = Fixture.role("Second", trust: try Fixture.policy("Second.Trust", Self.accountTrust),
                                  policies: [try Fixture.policy("Second.Access", assumeAny)])
        return try Fixture.build(Fixture.inventory(principals: [first, second], tables: [Fixture.table()]))
    }

    @Test func cyclesDoNotLoop() throws {
        let graph = try cycle()
        #expect(!graph.edges(.canAssume, from: Fixture.roleARN("First"), to: Fixture.roleARN("Second")).isEmpty)
        #expect(!graph.edges(.canAssume, from: Fixture.roleARN("Second"), to: Fixture.roleARN("First")).isEmpty)
        let paths = graph.paths(to: Fixture.tableARN)
        #expect(paths.map { $0.map(\.from) } == [
            ["arn:aws:iam::111122223333:root", Fixture.roleARN("First")],
            ["arn:aws:iam::111122223333:root", Fixture.roleARN("Second"), Fixture.roleARN("First")],
        ])
        #expect(Self.describe(paths[1], in: graph) == #"arn:aws:iam::111122223333:root -can-assume-> Second ["Second.Trust statement 0 (Account) at 2:3"]"#
            + #" | Second -can-assume-> First ["Second.Access statement 0 (AssumeAny) at 2:3", "First.Trust statement 0 (Account) at 2:3"]"#
            + #" | First -can-act-> Orders ["First.Access statement 1 (ReadOrders) at 3:3"]"#)
    }

    @Test func maximumPathsAndMaximumLengthBoundTheOutput() throws {
        let graph = try cycle()
        #expect(graph.paths(to: Fixture.tableARN).count == 2)
        #expect(graph.paths(to: Fixture.tableARN, maximumPaths: 1).count == 1)
        // A chain stops after `maximumLength` edges, wherever it has got to.
        #expect(graph.paths(to: Fixture.tableARN, maximumLength: 1).map { $0.map(\.from) } == [[Fixture.roleARN("First")]])
    }
}
