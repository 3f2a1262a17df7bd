import AccountSnapshot
import PolicyModel
import TestSupport
import Testing

/// Users in groups, an instance profile, boundaries, tags, policy versions, and documents both as
/// objects and URL-encoded, read from `RealisticSnapshot`.
@Suite struct RealisticSnapshotTests {
    let snapshot: AccountSnapshot

    init() throws {
        snapshot = try loadSnapshot(RealisticSnapshot.text)
    }

    @Test func everySectionIsReadAndSortedByARN() {
        #expect(snapshot.file == testFile)
        #expect(snapshot.users.map(\.name) == ["alice", "bob"])
        #expect(snapshot.groups.map(\.name) == ["Admins", "Developers"])
        #expect(snapshot.roles.map(\.name) == ["PipelineRole", "EC2AppRole"])
        // The account's own ARNs sort before AWS's (`123456789012` < `aws`).
        #expect(snapshot.policies.map(\.name) == ["DeveloperAccess", "DeveloperBoundary", "AdministratorAccess"])
    }

    @Test func usersKeepTheirGroupsBoundaryTagsAndPolicies() throws {
        let alice = try #require(snapshot.user(arn: "arn:aws:iam::123456789012:user/alice"))
        #expect(alice.path == "/")
        #expect(alice.position == at(3, 3))
        #expect(alice.groupNames == ["Admins", "Developers"])
        #expect(alice.groupNames.compactMap { snapshot.group(named: $0)?.arn }
            == ["arn:aws:iam::123456789012:group/Admins", "arn:aws:iam::123456789012:group/Developers"])
        #expect(alice.permissionsBoundaryArn == "arn:aws:iam::123456789012:policy/boundaries/DeveloperBoundary")
        #expect(alice.tags == ["team": "platform"])
        #expect(alice.attachedPolicies.isEmpty)
        #expect(alice.inlinePolicies.map(\.name) == ["ListShared"])

        let bob = try #require(snapshot.user(arn: "arn:aws:iam::123456789012:user/contractors/bob"))
        #expect(bob.path == "/contractors/")
        #expect(bob.groupNames == ["Developers"])
        #expect(bob.permissionsBoundaryArn == nil)
        #expect(bob.tags.isEmpty)
        #expect(bob.attachedPolicies.map(\.arn) == ["arn:aws:iam::123456789012:policy/DeveloperAccess"])
        #expect(bob.attachedPolicies.map(\.position) == [at(12, 32)])
        #expect(snapshot.user(arn: "arn:aws:iam::123456789012:user/bob") == nil)
    }

    @Test func anEncodedDocumentReadsLikeTheSameObjectAndPointsAtItsString() throws {
        let alice = try #require(snapshot.user(arn: "arn:aws:iam::123456789012:user/alice"))
        let bob = try #require(snapshot.user(arn: "arn:aws:iam::123456789012:user/contractors/bob"))
        let objectForm = try #require(alice.inlinePolicies.first?.document)
        let encodedForm = try #require(bob.inlinePolicies.first?.document)
        #expect(encodedForm.statements.flatMap(\.action.patterns).map(\.text) == ["s3:ListBucket"])
        #expect(encodedForm.statements.compactMap(\.resource).flatMap(\.patterns).map(\.template.raw) == ["arn:aws:s3:::shared"])
        #expect(encodedForm.statements.map(\.effect) == objectForm.statements.map(\.effect))
        // Statements inside the string have no place of their own in the file.
        #expect(encodedForm.position == RealisticSnapshot.bobsEncodedPolicy)
        #expect(encodedForm.statements.map(\.position) == [RealisticSnapshot.bobsEncodedPolicy])
        #expect(objectForm.statements.map(\.position) == [at(5, 110)])
    }

    @Test func groupsKeepTheirInlineAndAttachedPolicies() throws {
        let developers = try #require(snapshot.group(named: "Developers"))
        #expect(developers.arn == "arn:aws:iam::123456789012:group/Developers")
        #expect(developers.path == "/")
        #expect(developers.position == at(19, 3))
        #expect(developers.inlinePolicies.map(\.name) == ["DataAccess"])
        let dataAccess = try #require(developers.inlinePolicies.first?.document)
        #expect(dataAccess.statements.flatMap(\.action.patterns).map(\.text) == ["s3:*", "dynamodb:*"])
        #expect(dataAccess.position == RealisticSnapshot.developersEncodedPolicy)
        #expect(developers.attachedPolicies.map(\.name) == ["DeveloperAccess"])
        #expect(snapshot.group(named: "Admins")?.attachedPolicies.map(\.arn) == ["arn:aws:iam::aws:policy/AdministratorAccess"])
        #expect(snapshot.group(named: "developers") == nil)
    }

    @Test func rolesKeepPathInstanceProfilesTagsBoundaryAndLastUse() throws {
        let app = try #require(snapshot.role(arn: "arn:aws:iam::123456789012:role/app/EC2AppRole"))
        #expect(app.path == "/app/")
        #expect(app.position == at(24, 3))
        #expect(app.instanceProfiles.map(\.name) == ["EC2AppProfile"])
        #expect(app.instanceProfiles.map(\.arn) == ["arn:aws:iam::123456789012:instance-profile/app/EC2AppProfile"])
        #expect(app.instanceProfiles.map(\.path) == ["/app/"])
        #expect(app.instanceProfiles.map(\.position) == [at(26, 28)])
        #expect(app.tags == ["app": "orders", "env": "prod"])
        #expect(app.permissionsBoundaryArn == "arn:aws:iam::123456789012:policy/boundaries/DeveloperBoundary")
        #expect(app.lastUsed?.date == "2025-05-01T10:00:00+00:00")
        #expect(app.lastUsed?.region == "us-east-1")
        #expect(app.attachedPolicies.map(\.name) == ["DeveloperAccess"])
        #expect(app.trust.statements.count == 1)

        let pipeline = try #require(snapshot.role(arn: "arn:aws:iam::123456789012:role/PipelineRole"))
        #expect(pipeline.trust.position == RealisticSnapshot.pipelineRoleEncodedTrust)
        #expect(pipeline.trust.statements.first?.principal != nil)
        #expect(pipeline.instanceProfiles.isEmpty)
        // `{}`: IAM has not seen the role used.
        #expect(pipeline.lastUsed == nil)
    }

    @Test func managedPoliciesKeepTheDefaultDocumentAndEveryVersion() throws {
        let access = try #require(snapshot.managedPolicy(arn: "arn:aws:iam::123456789012:policy/DeveloperAccess"))
        #expect(access.path == "/")
        #expect(access.position == at(38, 3))
        #expect(access.versions.map(\.id) == ["v2", "v1"])
        #expect(access.versions.map(\.isDefault) == [true, false])
        #expect(access.versions.map(\.position) == [at(40, 5), at(41, 5)])
        #expect(access.defaultVersion?.id == "v2")
        // v2, the default; v1 (`"Action": "*"`) is not in force.
        #expect(access.document?.statements.map(\.sid) == ["Current"])

        let boundary = try #require(snapshot.managedPolicy(arn: "arn:aws:iam::123456789012:policy/boundaries/DeveloperBoundary"))
        #expect(boundary.path == "/boundaries/")
        #expect(boundary.document?.position == RealisticSnapshot.boundaryEncodedDocument)
        #expect(boundary.document?.statements.flatMap(\.action.patterns).map(\.text) == ["s3:*", "dynamodb:*"])

        #expect(snapshot.managedPolicy(arn: "arn:aws:iam::aws:policy/AdministratorAccess")?.defaultVersion?.id == "v1")
        #expect(snapshot.managedPolicy(arn: "arn:aws:iam::aws:policy/ReadOnlyAccess") == nil)
    }

    @Test func everyAttachmentAndBoundaryResolvesToAListedPolicy() {
        let attachments = snapshot.roles.flatMap(\.attachedPolicies) + snapshot.users.flatMap(\.attachedPolicies)
            + snapshot.groups.flatMap(\.attachedPolicies)
        let boundaries = snapshot.roles.compactMap(\.permissionsBoundaryArn) + snapshot.users.compactMap(\.permissionsBoundaryArn)
        #expect(attachments.count == 4)
        #expect(attachments.allSatisfy { snapshot.managedPolicy(arn: $0.arn)?.name == $0.name })
        #expect(boundaries.count == 2)
        #expect(boundaries.allSatisfy { snapshot.managedPolicy(arn: $0)?.document != nil })
    }
}
