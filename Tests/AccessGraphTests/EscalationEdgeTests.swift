import AccessGraph
import AccessInventory
import PolicyModel
import Testing

/// `can-escalate`: one small account per technique of `EscalationTechnique.all`, in which the
/// caller `alice` holds only the statements the technique needs, and the families' negatives.
@Suite struct EscalationEdgeTests {
    typealias Fixture = GraphFixture
    static let alice = Fixture.userARN("alice")
    static let target = Fixture.roleARN("Target")
    static let bob = Fixture.userARN("bob")
    static let admins = Fixture.groupARN("Admins")
    static let targetPolicy = Fixture.managedPolicyARN("TargetPolicy")
    /// Every service a pass-role technique passes to.
    static let services = ["cloudformation.amazonaws.com", "codebuild.amazonaws.com", "ec2.amazonaws.com", "ecs-tasks.amazonaws.com", "glue.amazonaws.com",
                           "lambda.amazonaws.com", "osis-pipelines.amazonaws.com", "sagemaker.amazonaws.com", "states.amazonaws.com"]
    static let inOrganization = #"{"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}"#

    /// A statement of alice's policy, `Sid` first so evidence names it.
    static func allow(_ sid: String, _ actions: [String], on resource: String, condition: String? = nil) -> String {
        let list = actions.map { "\"\($0)\"" }.joined(separator: ", ")
        return #"{"Sid": "\#(sid)", "Effect": "Allow", "Action": [\#(list)], "Resource": "\#(resource)""#
            + (condition.map { #", "Condition": \#($0)"# } ?? "") + "}"
    }

    static func deny(_ sid: String, _ actions: [String], on resource: String) -> String {
        allow(sid, actions, on: resource).replacing(#""Effect": "Allow""#, with: #""Effect": "Deny""#)
    }

    static let passTarget = allow("Pass", ["iam:PassRole"], on: target)

    /// The account: alice with `statements`; the role `Target`, which every service of
    /// `services` may assume, with an instance profile (unless not) and the customer managed
    /// `TargetPolicy` (or an AWS managed one); `extraRoles` trusted alike; the user bob; the group
    /// Admins. Nobody but alice has an identity-based policy that grants anything.
    static func account(alice statements: [String], instanceProfile: Bool = true, awsManagedPolicy: Bool = false, extraRoles: [String] = [],
                        otherCallers: [InventoryPrincipal] = [], setThreshold: Int = AccessGraphBuilder.defaultSetThreshold) throws -> AccessGraph {
        let trust = try Fixture.policy("Services.Trust",
            #"{"Sid": "Services", "Effect": "Allow", "Principal": {"Service": [\#(services.map { "\"\($0)\"" }.joined(separator: ", "))]}, "Action": "sts:AssumeRole"}"#)
        let targetPolicy = try Fixture.policy("TargetPolicy", #"{"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}"#)
        let target = Fixture.role("Target", trust: trust, managed: [Fixture.managed(targetPolicy, awsManaged: awsManagedPolicy)],
                                  instanceProfiles: instanceProfile ? ["Target"] : [])
        let alice = Fixture.user("alice", policies: [try Fixture.policy("alice.Access", statements: statements)])
        let principals = [target] + extraRoles.map { Fixture.role($0, trust: trust) } + [alice, Fixture.user("bob")] + otherCallers
        let inventory = Fixture.inventory(principals: principals, groups: [Fixture.group("Admins")])
        return try Fixture.build(inventory, setThreshold: setThreshold)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var technique: String
        var statements: [String]
        var target: String
        var status: AccessGraph.EdgeStatus
        var testDescription: String { technique }
    }

    /// One case per technique: alice's statements, where the edge goes, its status.
    static let cases: [Case] = [
        Case(technique: "iam.put-role-policy", statements: [allow("Write", ["iam:PutRolePolicy"], on: target)], target: target, status: .allowed),
        Case(technique: "iam.attach-role-policy", statements: [allow("Attach", ["iam:AttachRolePolicy"], on: target)], target: target, status: .allowed),
        Case(technique: "iam.update-assume-role-policy", statements: [allow("Trust", ["iam:UpdateAssumeRolePolicy"], on: "arn:aws:iam::111122223333:role/*")],
             target: target, status: .allowed),
        Case(technique: "iam.put-user-policy", statements: [allow("Write", ["iam:PutUserPolicy"], on: bob)], target: bob, status: .allowed),
        Case(technique: "iam.attach-user-policy", statements: [allow("Attach", ["iam:AttachUserPolicy"], on: bob)], target: bob, status: .allowed),
        // The organization is not in the inputs: the edge may exist.
        Case(technique: "iam.create-access-key", statements: [allow("Keys", ["iam:CreateAccessKey"], on: bob, condition: inOrganization)],
             target: bob, status: .undetermined),
        Case(technique: "iam.create-login-profile", statements: [allow("Console", ["iam:CreateLoginProfile"], on: bob)], target: bob, status: .allowed),
        Case(technique: "iam.update-login-profile", statements: [allow("Console", ["iam:UpdateLoginProfile"], on: "*")], target: bob, status: .allowed),
        Case(technique: "iam.add-user-to-group", statements: [allow("Join", ["iam:AddUserToGroup"], on: admins)], target: admins, status: .allowed),
        // A new version of a policy attached to the role reaches the role.
        Case(technique: "iam.create-policy-version", statements: [allow("Rewrite", ["iam:CreatePolicyVersion"], on: targetPolicy)], target: target, status: .allowed),
        Case(technique: "iam.set-default-policy-version", statements: [allow("Default", ["iam:SetDefaultPolicyVersion"], on: targetPolicy)],
             target: target, status: .allowed),
        Case(technique: "lambda.create-function", statements: [passTarget, allow("Run", ["lambda:CreateFunction", "lambda:InvokeFunction"], on: "*")],
             target: target, status: .allowed),
        Case(technique: "ec2.run-instances", statements: [passTarget, allow("Run", ["ec2:RunInstances"], on: "*")], target: target, status: .allowed),
        Case(technique: "cloudformation.create-stack", statements: [passTarget, allow("Run", ["cloudformation:CreateStack"], on: "*")],
             target: target, status: .allowed),
        Case(technique: "glue.create-job", statements: [passTarget, allow("Run", ["glue:CreateJob", "glue:StartJobRun"], on: "*")], target: target, status: .allowed),
        // Creating the pipeline hinges on the organization: undetermined, though the pass is allowed.
        Case(technique: "osis.create-pipeline", statements: [passTarget, allow("Run", ["osis:CreatePipeline"], on: "*", condition: inOrganization)],
             target: target, status: .undetermined),
        Case(technique: "ecs.run-task", statements: [passTarget, allow("Run", ["ecs:RegisterTaskDefinition", "ecs:RunTask"], on: "*")],
             target: target, status: .allowed),
        Case(technique: "codebuild.create-project", statements: [passTarget, allow("Run", ["codebuild:CreateProject", "codebuild:StartBuild"], on: "*")],
             target: target, status: .allowed),
        Case(technique: "states.create-state-machine", statements: [passTarget, allow("Run", ["states:CreateStateMachine", "states:StartExecution"], on: "*")],
             target: target, status: .allowed),
        Case(technique: "sagemaker.create-notebook-instance",
             statements: [passTarget, allow("Run", ["sagemaker:CreateNotebookInstance", "sagemaker:CreatePresignedNotebookInstanceUrl"], on: "*")],
             target: target, status: .allowed),
    ]

    @Test func everyTechniqueHasACase() {
        #expect(Self.cases.map(\.technique) == EscalationTechnique.all.map(\.name))
    }

    static func escalations(from caller: String = alice, in graph: AccessGraph) -> [AccessGraph.Edge] {
        graph.edges.filter { $0.kind == .canEscalate && $0.from == caller }
    }

    /// alice's one `can-escalate` edge: the technique, its actions (and `iam:PassRole` for a
    /// technique that passes a role, with the service), the status, a reason that starts with
    /// what she does, and every statement of hers as evidence, in order.
    @Test(arguments: cases)
    func eachTechniqueIsOneEdgeToItsTarget(_ example: Case) throws {
        let technique = try #require(EscalationTechnique.all.first { $0.name == example.technique })
        let graph = try Self.account(alice: example.statements)
        let edge = try #require(Self.escalations(in: graph).only, "\(Self.escalations(in: graph))")
        #expect(edge.to == example.target)
        #expect(edge.technique == example.technique)
        #expect(edge.status == example.status)
        let sids = example.statements.map { $0.firstMatch(of: /"Sid": "(\w+)"/).map { String($0.1) } ?? "" }
        #expect(edge.evidence.map(\.description) == sids.enumerated().map { "alice.Access statement \($0) (\($1)) at \($0 + 2):3" })
        if case .passedRole(let service) = technique.target {
            #expect(edge.actions == technique.actions + ["iam:PassRole"])
            #expect(edge.service == service)
            #expect(edge.reason.hasPrefix("\(technique.summary): `iam:PassRole` allowed by the caller's identity-based policies; `\(technique.actions[0])` "))
        } else {
            #expect(edge.actions == technique.actions)
            #expect(edge.service == nil)
            #expect(edge.reason.hasPrefix("\(technique.summary): `\(technique.actions[0])` "))
        }
        if example.status == .undetermined {
            #expect(edge.reason.contains("undetermined: alice.Access statement"))
            #expect(edge.reason.contains("aws:PrincipalOrgID"))
        }
        if case .managedPolicy = technique.target {
            #expect(edge.reason.hasSuffix("(`\(Self.targetPolicy)`)"))
        }
    }

    // MARK: Negatives, per family

    /// Without `iam:PassRole`, or with `iam:PassedToService` naming another service, creating
    /// the function runs nobody's code as the role.
    @Test(arguments: [
        [allow("Run", ["lambda:CreateFunction", "lambda:InvokeFunction"], on: "*")],
        [allow("Pass", ["iam:PassRole"], on: target, condition: #"{"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}"#),
         allow("Run", ["lambda:CreateFunction", "lambda:InvokeFunction"], on: "*")],
    ])
    func aPassRoleTechniqueNeedsToPassTheRoleToItsService(_ statements: [String]) throws {
        #expect(Self.escalations(in: try Self.account(alice: statements)).isEmpty)
    }

    /// EC2 takes a role through an instance profile: a role without one cannot be run as.
    @Test func runInstancesNeedsAnInstanceProfile() throws {
        let statements = [Self.passTarget, Self.allow("Run", ["ec2:RunInstances"], on: "*")]
        #expect(Self.escalations(in: try Self.account(alice: statements, instanceProfile: false)).isEmpty)
        #expect(Self.escalations(in: try Self.account(alice: statements)).map(\.technique) == ["ec2.run-instances"])
    }

    /// AWS managed policies cannot be given new versions: allowed on `*`, nothing is reached
    /// through one.
    @Test func anAWSManagedPolicyCannotBeRewritten() throws {
        let statements = [Self.allow("Rewrite", ["iam:CreatePolicyVersion"], on: "*")]
        #expect(Self.escalations(in: try Self.account(alice: statements, awsManagedPolicy: true)).isEmpty)
        #expect(Self.escalations(in: try Self.account(alice: statements)).map(\.to) == [Self.target])
    }

    /// An explicit Deny on one role removes that edge and leaves the others.
    @Test func anExplicitDenyRemovesTheEdge() throws {
        let graph = try Self.account(alice: [Self.allow("Write", ["iam:PutRolePolicy"], on: "*"), Self.deny("NotTarget", ["iam:PutRolePolicy"], on: Self.target)],
                                     extraRoles: ["Other"])
        let edge = try #require(Self.escalations(in: graph).only)
        #expect(edge.to == Fixture.roleARN("Other"))
        #expect(edge.evidence.map(\.description) == ["alice.Access statement 0 (Write) at 2:3"])
    }

    /// A grant on `role/app-*` reaches the roles whose ARN matches, and only those.
    @Test func aResourceRestrictedGrantReachesOnlyMatchingRoles() throws {
        let graph = try Self.account(alice: [Self.allow("Write", ["iam:PutRolePolicy"], on: "arn:aws:iam::111122223333:role/app-*")],
                                     extraRoles: ["app-orders", "app-search", "ops-admin"])
        #expect(Self.escalations(in: graph).map(\.to) == [Fixture.roleARN("app-orders"), Fixture.roleARN("app-search")])
        #expect(Self.escalations(in: graph).allSatisfy { $0.evidence.map(\.description) == ["alice.Access statement 0 (Write) at 2:3"] })
    }

    /// Only a user can join a group; the edge reaches the group's node.
    @Test func onlyUsersJoinGroups() throws {
        let join = Self.allow("Join", ["iam:AddUserToGroup"], on: "*")
        let trust = try Fixture.policy("Ops.Trust", #"{"Sid": "Account", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"}"#)
        let ops = Fixture.role("Ops", trust: trust, policies: [try Fixture.policy("Ops.Access", join)])
        let graph = try Self.account(alice: [join], otherCallers: [ops])
        #expect(Self.escalations(from: Fixture.roleARN("Ops"), in: graph).isEmpty)
        let edge = try #require(Self.escalations(in: graph).only)
        #expect(edge.to == Self.admins)
        #expect(edge.technique == "iam.add-user-to-group")
        #expect(graph.nodes.contains(AccessGraph.Node(id: Self.admins, kind: .group, label: "Admins")))
    }

    /// Groups one user may join alike become one set; `escalations` to one of them (a set
    /// member, not a node of its own) still finds the user through the set.
    @Test func escalationsReachAGroupThroughTheSetItIsIn() throws {
        let join = Self.allow("Join", ["iam:AddUserToGroup"], on: "*")
        let alice = Fixture.user("alice", policies: [try Fixture.policy("alice.Access", join)])
        let inventory = Fixture.inventory(principals: [alice, Fixture.user("bob")], groups: [Fixture.group("Admins"), Fixture.group("Ops")])
        let graph = try Fixture.build(inventory, setThreshold: 2)
        let edge = try #require(Self.escalations(in: graph).only)
        let set = try #require(graph.nodes.first { $0.id == edge.to })
        #expect(set.members == [Self.admins, Fixture.groupARN("Ops")])
        #expect(!graph.nodes.contains { $0.id == Self.admins })
        let answers = AccessQuery(graph: graph, inventory: inventory).escalations(to: [Self.admins])
        #expect(answers.map(\.principal) == [Self.alice])
        #expect(answers.first?.path.map(\.reached) == [Self.admins])
        #expect(answers.first?.path.map(\.edge.technique) == ["iam.add-user-to-group"])
    }

    /// A technique allowed on `*` over 20 roles is one edge per caller, to one `role-set` whose
    /// members are exactly the roles.
    @Test func aWildcardGrantOverManyRolesIsOneEdgeToARoleSet() throws {
        let write = Self.allow("Write", ["iam:PutRolePolicy"], on: "*")
        // The same policy as alice's: one class, asked once.
        let carol = Fixture.user("carol", policies: [try Fixture.policy("alice.Access", statements: [write])])
        let extra = (1...19).map { "app-\($0)" }
        let graph = try Self.account(alice: [write], extraRoles: extra, otherCallers: [carol], setThreshold: 16)
        let roles = (["Target"] + extra).map(Fixture.roleARN).sorted()
        for caller in [Self.alice, Fixture.userARN("carol")] {
            let edge = try #require(Self.escalations(from: caller, in: graph).only)
            let set = try #require(graph.nodes.first { $0.id == edge.to })
            #expect(set.kind == .roleSet)
            #expect(set.members == roles)
            #expect(edge.technique == "iam.put-role-policy")
            #expect(edge.evidence.map(\.description) == ["alice.Access statement 0 (Write) at 2:3"])
        }
        #expect(Set(Self.escalations(in: graph).map(\.to)) == Set(Self.escalations(from: Fixture.userARN("carol"), in: graph).map(\.to)))
    }
}
