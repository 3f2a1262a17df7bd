import AccessInventory
import PolicyEvaluation
import PolicyModel
import ServiceCatalog
import TestSupport
import Testing

/// Every policy that applies to a principal, with how it is attached and where that is written.
@Suite struct PrincipalPolicyTests {
    static let osis = TestPolicy.service("osis-pipelines.amazonaws.com")

    @Test func aRoleHasItsInlineManagedAndPolicyResourcePolicies() throws {
        let stack = TestStack()
            .role("PipelineRole", name: "pipeline-role", trust: Self.osis,
                  policies: [TestPolicy.allow(["dynamodb:DescribeTable"], on: .arn(of: "Orders")).named("ReadTable")],
                  managedPolicies: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", .ref("ExportWriters")])
            .managedPolicy("ExportWriters", name: "export-writers", .allow(["s3:PutObject"], on: "arn:aws:s3:::exports/*"))
            .policy("StreamReaders", .allow(["dynamodb:GetRecords"], on: "*"), roles: ["PipelineRole"])
            .table("Orders", name: "orders")
        let role = try #require(try stack.inventory().role(arn: "arn:aws:iam::123456789012:role/pipeline-role"))

        #expect(role.policies.map(\.attachment) == [
            .inline(name: "ReadTable"),
            .managed(arn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", awsManaged: true),
            .managed(arn: "arn:aws:iam::123456789012:policy/export-writers", awsManaged: false),
            .policyResource(logicalId: "StreamReaders"),
        ])
        #expect(role.policies.map(\.policy.id) == ["PipelineRole.ReadTable", "AmazonS3ReadOnlyAccess (AWS managed)", "ExportWriters", "StreamReaders"])
        // The AWS managed document comes from the catalogue, the customer managed one from the template.
        #expect(role.policies[1].policy.document.statements.contains { $0.action.patterns.contains { $0.text == "s3:Get*" } })
        #expect(role.policies[2].policy.document.statements.first?.action.patterns.map(\.text) == ["s3:PutObject"])
        #expect(role.policies.map(\.isAWSManaged) == [false, true, false, false])

        // Where each attachment is written: the inline policy, the ARN in `ManagedPolicyArns`, the policy resource.
        #expect(role.policies.map(\.location) == [
            stack.location(ofObjectHolding: "\"PolicyName\": \"ReadTable\""),
            stack.location(of: "\"arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess\""),
            stack.location(ofObjectHolding: "\"Ref\": \"ExportWriters\""),
            stack.location(of: "\"StreamReaders\":"),
        ])
        #expect(role.unresolved.isEmpty)
        #expect(role.boundary == nil)
    }

    @Test func aBoundaryFromTheCatalogueIsKeptApartFromThePolicies() throws {
        let stack = TestStack().role("PipelineRole", trust: Self.osis, boundary: .awsManagedPolicy("AmazonDynamoDBFullAccess"))
        let role = try #require(try stack.inventory().roles.first)
        let boundary = try #require(role.boundary)
        #expect(boundary.attachment == .managed(arn: "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess", awsManaged: true))
        #expect(boundary.location == stack.location(ofObjectHolding: "\"Fn::Sub\": \"arn:${AWS::Partition}:iam::aws:policy/AmazonDynamoDBFullAccess\""))
        #expect(role.policies.isEmpty)
        #expect(role.identityPolicies.permissionsBoundary?.map(\.id) == ["AmazonDynamoDBFullAccess (AWS managed)"])
    }

    @Test func aUserGetsItsGroupsPoliciesMarkedAsComingThroughTheGroup() throws {
        let stack = TestStack()
            .group("Deployers", name: "deployers", policies: [TestPolicy.allow(["iam:PassRole"], on: "*").named("Deploy")],
                   managedPolicies: ["arn:aws:iam::aws:policy/ReadOnlyAccess"])
            .policy("DeployerExtras", .allow(["sts:AssumeRole"], on: "*"), groups: ["Deployers"])
            .user("Alice", name: "alice", groups: ["Deployers"], policies: [TestPolicy.allow(["s3:ListAllMyBuckets"], on: "*").named("Own")])
        let inventory = try stack.inventory()
        let alice = try #require(inventory.users.first)
        #expect(alice.kind == .user)
        #expect(alice.arn == "arn:aws:iam::123456789012:user/alice")
        #expect(alice.groups == ["Deployers"])
        #expect(alice.trust == nil)
        #expect(alice.policies.map(\.attachment) == [
            .inline(name: "Own"),
            .group(name: "Deployers", via: .inline(name: "Deploy")),
            .group(name: "Deployers", via: .managed(arn: "arn:aws:iam::aws:policy/ReadOnlyAccess", awsManaged: true)),
            .group(name: "Deployers", via: .policyResource(logicalId: "DeployerExtras")),
        ])
        // A group's policy is the group's: the same document, written where the group's is.
        let group = try #require(inventory.groups.first)
        #expect(Array(alice.policies.dropFirst().map(\.policy.id)) == group.policies.map(\.policy.id))
        #expect(Array(alice.policies.dropFirst().map(\.location)) == group.policies.map(\.location))
        #expect(alice.policies[2].isAWSManaged)
        #expect(alice.policies[2].displayName == "ReadOnlyAccess")
    }

    enum PrincipalKind: String, CaseIterable, Sendable {
        case role, user
    }

    /// A managed policy or boundary the input names but does not hold is recorded, never dropped.
    @Test(arguments: PrincipalKind.allCases)
    func unresolvablePoliciesAreRecorded(_ kind: PrincipalKind) throws {
        let missingPolicy: TestValue = "arn:aws:iam::123456789012:policy/NotInThisTemplate"
        let missingBoundary: TestValue = "arn:aws:iam::123456789012:policy/BoundaryElsewhere"
        let stack = switch kind {
        case .role: TestStack().role("Principal", trust: Self.osis, managedPolicies: [missingPolicy], boundary: missingBoundary)
        case .user: TestStack().user("Principal", managedPolicies: [missingPolicy], boundary: missingBoundary)
        }
        let principal = try #require(try stack.inventory().principals.first)
        #expect(principal.kind.rawValue == kind.rawValue)
        #expect(principal.unresolved == [
            UnresolvedPolicy(arn: "arn:aws:iam::123456789012:policy/NotInThisTemplate", role: .managedPolicy,
                             location: stack.location(of: "\"arn:aws:iam::123456789012:policy/NotInThisTemplate\"")),
            UnresolvedPolicy(arn: "arn:aws:iam::123456789012:policy/BoundaryElsewhere", role: .permissionsBoundary,
                             location: stack.location(of: "\"arn:aws:iam::123456789012:policy/BoundaryElsewhere\"")),
        ])
        #expect(principal.policies.isEmpty)
        #expect(principal.boundary == nil)
        // The evaluator takes them as policies whose statements are unknown: fail closed.
        let policies = principal.identityPolicies
        #expect(policies.identity.map(\.id) == ["arn:aws:iam::123456789012:policy/NotInThisTemplate"])
        #expect(policies.identity.allSatisfy { $0.unknownContent != nil })
        #expect(policies.identity.first?.unknownContent?.reason == "the managed policy `arn:aws:iam::123456789012:policy/NotInThisTemplate` named at "
            + "\(stack.location(of: "\"arn:aws:iam::123456789012:policy/NotInThisTemplate\"")) is in neither the template, the account snapshot nor the embedded catalogue of AWS managed policies")
        #expect(policies.permissionsBoundary?.map(\.id) == ["arn:aws:iam::123456789012:policy/BoundaryElsewhere"])
        #expect(policies.permissionsBoundary?.first?.unknownContent?.reason == "the permissions boundary `arn:aws:iam::123456789012:policy/BoundaryElsewhere` named at "
            + "\(stack.location(of: "\"arn:aws:iam::123456789012:policy/BoundaryElsewhere\"")) is in neither the template, the account snapshot nor the embedded catalogue of AWS managed policies")
        let result = Authorizer().authorize(principal.request("s3:GetObject", on: "arn:aws:s3:::exports/key"), policies: policies)
        #expect(result.undetermined?.possibleDecisions == [.explicitDeny, .implicitDeny, .allow])
        #expect(result.undetermined?.residuals.map(\.statement.policy) == [
            "arn:aws:iam::123456789012:policy/NotInThisTemplate", "arn:aws:iam::123456789012:policy/BoundaryElsewhere",
        ])
    }

    /// A boundary written as something other than a policy ARN is no policy anyone can find.
    @Test func aBoundaryThatIsNotAPolicyARNIsUnresolvedAndSaysSo() throws {
        let stack = TestStack().role("Principal", trust: Self.osis, boundary: "NoSuchBoundary")
        let role = try #require(try stack.inventory().roles.first)
        #expect(role.unresolved.map(\.reason) == [
            "the permissions boundary `NoSuchBoundary` named at \(stack.location(of: "\"NoSuchBoundary\"")) is not a managed policy ARN (`arn:PARTITION:iam::ACCOUNT:policy/NAME`)",
        ])
    }

    /// A group defined elsewhere (another stack, the console): its policies are unknown.
    @Test func aGroupTheInputsDoNotDefineMakesItsMembersPoliciesUnknown() throws {
        let stack = TestStack().user("Alice", groupNames: ["admins-elsewhere"], policies: [TestPolicy.allow(["s3:GetObject"], on: "*").named("Own")])
        let alice = try #require(try stack.inventory().users.first)
        #expect(alice.unresolved == [UnresolvedPolicy(arn: "admins-elsewhere", role: .groupPolicies, location: stack.location(of: "\"admins-elsewhere\""))])
        #expect(alice.identityPolicies.identity.map(\.id) == ["Alice.Own", "policies of group admins-elsewhere"])
        let result = Authorizer().authorize(alice.request("s3:GetObject", on: "arn:aws:s3:::exports/key"), policies: alice.identityPolicies)
        #expect(result.decision == .allow)
        #expect(result.undetermined?.possibleDecisions == [.explicitDeny, .allow])
        #expect(result.undetermined?.dependencies == ["the group `admins-elsewhere` named at \(stack.location(of: "\"admins-elsewhere\"")) is not in the inputs, so its policies are unknown"])
    }

    @Test func aGroupsUnresolvedPolicyIsRecordedForItsMembers() throws {
        let stack = TestStack()
            .group("Deployers", managedPolicies: ["arn:aws:iam::123456789012:policy/Gone"])
            .user("Alice", groups: ["Deployers"])
        let alice = try #require(try stack.inventory().users.first)
        #expect(alice.unresolved.map(\.arn) == ["arn:aws:iam::123456789012:policy/Gone"])
        #expect(alice.unresolved.map(\.role) == [.managedPolicy])
    }
}

/// One directory of managed policies per load: the template's definition of a policy wins over
/// the account snapshot's copy of the same ARN, for the template's principals and the account's.
@Suite struct ManagedPolicyPrecedenceTests {
    static let arn = "arn:aws:iam::123456789012:policy/shared-access"
    static let snapshot = """
    {"UserDetailList": [], "GroupDetailList": [],
     "RoleDetailList": [
      {"Path": "/", "RoleName": "legacy", "RoleId": "AROA0000000000000009", "Arn": "arn:aws:iam::123456789012:role/legacy",
       "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
       "RolePolicyList": [], "AttachedManagedPolicies": [{"PolicyName": "shared-access", "PolicyArn": "\(arn)"}]}
     ],
     "Policies": [
      {"PolicyName": "shared-access", "Arn": "\(arn)", "Path": "/", "DefaultVersionId": "v1",
       "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true,
        "Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}]}
     ]}
    """

    @Test func theTemplatesPolicyWinsOverTheSnapshotsCopy() throws {
        let stack = TestStack()
            .role("AppRole", name: "app", trust: .service("ec2.amazonaws.com"), managedPolicies: [.ref("Shared")])
            .managedPolicy("Shared", name: "shared-access", .allow(["s3:GetObject"], on: "arn:aws:s3:::exports/*"))
        var input = stack.input
        input.snapshot = .bytes(Array(Self.snapshot.utf8), name: "account.json")
        let inventory = try StackLoader.load(input, catalogue: try ServiceCatalogue.embedded())

        for roleARN in ["arn:aws:iam::123456789012:role/app", "arn:aws:iam::123456789012:role/legacy"] {
            let role = try #require(inventory.role(arn: roleARN), "\(roleARN)")
            #expect(role.policies.map(\.attachment) == [.managed(arn: Self.arn, awsManaged: false)], "\(roleARN)")
            #expect(role.policies.map(\.policy.id) == ["Shared"], "\(roleARN): the template's definition, by its logical id")
            #expect(role.policies.first?.policy.document.statements.first?.action.patterns.map(\.text) == ["s3:GetObject"], "\(roleARN)")
        }
    }
}
