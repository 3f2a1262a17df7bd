import AccountSnapshot
import Foundation
import TestSupport
import Testing

/// A synthetic account from `../shared/bench/gen_account.py` (the shape the AWS CLI prints, with
/// paths, instance profiles, boundaries, tags and several policy versions): everything in the file
/// is read, counted independently with `JSONSerialization`.
@Suite struct GeneratedAccountTests {
    static let generator = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/bench/gen_account.py")

    static var python3: URL? { Executable.onPath("python3") }

    static var canGenerate: Bool {
        python3 != nil && FileManager.default.fileExists(atPath: generator.path)
    }

    @Test(.enabled(if: canGenerate, "needs python3 and ../shared/bench/gen_account.py"))
    func everyEntryOfAGeneratedAccountIsRead() throws {
        let python3 = try #require(Self.python3)
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("account-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = python3
        process.arguments = [Self.generator.path, "--roles", "200", "--seed", "7", "-o", output.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "gen_account.py exited with \(process.terminationStatus)")

        let data = try Data(contentsOf: output)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        func entries(_ key: String) -> [[String: Any]] { json[key] as? [[String: Any]] ?? [] }

        let snapshot = try AccountSnapshot.load(bytes: Array(data), file: output.path)
        #expect(snapshot.roles.count == entries("RoleDetailList").count)
        #expect(snapshot.roles.count == 200)
        #expect(snapshot.users.count == entries("UserDetailList").count)
        #expect(snapshot.groups.count == entries("GroupDetailList").count)
        #expect(snapshot.policies.count == entries("Policies").count)

        let profiles = entries("RoleDetailList").reduce(0) { $0 + (($1["InstanceProfileList"] as? [Any])?.count ?? 0) }
        #expect(snapshot.roles.reduce(0) { $0 + $1.instanceProfiles.count } == profiles)
        let memberships = entries("UserDetailList").reduce(0) { $0 + (($1["GroupList"] as? [Any])?.count ?? 0) }
        #expect(snapshot.users.reduce(0) { $0 + $1.groupNames.count } == memberships)
        let versions = entries("Policies").reduce(0) { $0 + (($1["PolicyVersionList"] as? [Any])?.count ?? 0) }
        #expect(snapshot.policies.reduce(0) { $0 + $1.versions.count } == versions)
        let boundedRoles = entries("RoleDetailList").filter { $0["PermissionsBoundary"] != nil }.count
        #expect(snapshot.roles.filter { $0.permissionsBoundaryArn != nil }.count == boundedRoles)

        // Every policy has one default version with its document, as `DefaultVersionId` says.
        for (policy, entry) in zip(snapshot.policies, entries("Policies").sorted { "\($0["Arn"] ?? "")" < "\($1["Arn"] ?? "")" }) {
            #expect(policy.defaultVersion?.id == entry["DefaultVersionId"] as? String, "\(policy.arn)")
            #expect(policy.document != nil, "\(policy.arn)")
        }
        // The generator lists every attached policy and every group a user is in.
        let attachments = snapshot.roles.flatMap(\.attachedPolicies) + snapshot.users.flatMap(\.attachedPolicies)
            + snapshot.groups.flatMap(\.attachedPolicies)
        #expect(attachments.filter { snapshot.managedPolicy(arn: $0.arn) == nil }.map(\.arn) == [])
        #expect(snapshot.users.flatMap(\.groupNames).filter { snapshot.group(named: $0) == nil } == [])
        #expect(snapshot.roles.allSatisfy { snapshot.role(arn: $0.arn)?.name == $0.name })
        #expect(snapshot.users.allSatisfy { snapshot.user(arn: $0.arn)?.name == $0.name })
    }
}
