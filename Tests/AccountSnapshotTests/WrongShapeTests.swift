import AccountSnapshot
import PolicyModel
import Testing

/// Fail closed: every wrong shape is a `snapshot.invalid` error at the offending value, never an
/// account that silently lacks a section.
@Suite struct WrongShapeTests {
    struct ShapeCase: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var position: SourcePosition
        var message: String
        var testDescription: String { name }

        init(_ name: String, _ text: String, _ line: Int, _ column: Int, _ message: String) {
            self.name = name
            self.text = text
            self.position = SourcePosition(line: line, column: column)
            self.message = message
        }
    }

    static let cases: [ShapeCase] = [
        ShapeCase("a list instead of an object", #"[]"#, 1, 1, "an account snapshot must be a JSON object, found array"),
        ShapeCase("none of the four sections", #"{"Marker": "x", "IsTruncated": false}"#, 1, 1, "not a `get-account-authorization-details` file"),
        ShapeCase("RoleDetailList as a string", #"{"RoleDetailList": "roles"}"#, 1, 20, "`RoleDetailList` must be a list, found string"),
        ShapeCase("Policies as a number", #"{"Policies": 3}"#, 1, 14, "`Policies` must be a list, found number"),
        ShapeCase("UserDetailList as null", #"{"RoleDetailList": [], "UserDetailList": null}"#, 1, 42, "`UserDetailList` must be a list, found null"),
        ShapeCase("GroupDetailList as an object", #"{"GroupDetailList": {}}"#, 1, 21, "`GroupDetailList` must be a list, found object"),
        ShapeCase("a user entry that is a string", #"{"UserDetailList": [{"UserName": "a", "Arn": "arn:aws:iam::1:user/a"}, "alice"]}"#, 1, 72, "each `UserDetailList` entry must be an object, found string"),
        ShapeCase("a role entry that is a list", #"{"RoleDetailList": [[]]}"#, 1, 21, "each `RoleDetailList` entry must be an object, found array"),
        ShapeCase("GroupList as a string", #"{"UserDetailList": [{"UserName": "a", "Arn": "arn:aws:iam::1:user/a", "GroupList": "Admins"}]}"#, 1, 84, "`GroupList` must be a list, found string"),
        ShapeCase("GroupList with a group object", #"{"UserDetailList": [{"UserName": "a", "Arn": "arn:aws:iam::1:user/a", "GroupList": ["Admins", {"GroupName": "Dev"}]}]}"#, 1, 95, "each `GroupList` entry must be a string, found object"),
        ShapeCase("a user without a name", #"{"UserDetailList": [{"Arn": "arn:aws:iam::1:user/a"}]}"#, 1, 21, "`UserName` is required"),
        ShapeCase("a numeric group name", #"{"GroupDetailList": [{"GroupName": 7, "Arn": "arn:aws:iam::1:group/g"}]}"#, 1, 36, "`GroupName` must be a string, found number"),
        ShapeCase("a path that is not a string", #"{"GroupDetailList": [{"GroupName": "g", "Arn": "arn:aws:iam::1:group/g", "Path": ["/"]}]}"#, 1, 82, "`Path` must be a string, found array"),
        ShapeCase("UserPolicyList as an object", #"{"UserDetailList": [{"UserName": "a", "Arn": "arn:aws:iam::1:user/a", "UserPolicyList": {}}]}"#, 1, 89, "`UserPolicyList` must be a list, found object"),
        ShapeCase("an inline policy without a document", #"{"GroupDetailList": [{"GroupName": "g", "Arn": "arn:aws:iam::1:group/g", "GroupPolicyList": [{"PolicyName": "x"}]}]}"#, 1, 94, "`PolicyDocument` is required"),
        ShapeCase("an attachment without an ARN", #"{"GroupDetailList": [{"GroupName": "g", "Arn": "arn:aws:iam::1:group/g", "AttachedManagedPolicies": [{"PolicyName": "x"}]}]}"#, 1, 102, "`PolicyArn` is required"),
        ShapeCase("a boundary as a string", #"{"UserDetailList": [{"UserName": "a", "Arn": "arn:aws:iam::1:user/a", "PermissionsBoundary": "arn:aws:iam::1:policy/b"}]}"#, 1, 94, "`PermissionsBoundary` must be an object, found string"),
        ShapeCase("a boundary without an ARN", #"{"RoleDetailList": [{"RoleName": "r", "Arn": "arn:aws:iam::1:role/r", "AssumeRolePolicyDocument": {"Statement": []}, "PermissionsBoundary": {"PermissionsBoundaryType": "Policy"}}]}"#, 1, 141, "`PermissionsBoundaryArn` is required"),
        ShapeCase("Tags as an object", #"{"RoleDetailList": [{"RoleName": "r", "Arn": "arn:aws:iam::1:role/r", "AssumeRolePolicyDocument": {"Statement": []}, "Tags": {"team": "a"}}]}"#, 1, 126, "`Tags` must be a list, found object"),
        ShapeCase("a tag value that is a number", #"{"UserDetailList": [{"UserName": "a", "Arn": "arn:aws:iam::1:user/a", "Tags": [{"Key": "n", "Value": 1}]}]}"#, 1, 102, "`Value` must be a string, found number"),
        ShapeCase("a tag key listed twice", #"{"UserDetailList": [{"UserName": "a", "Arn": "arn:aws:iam::1:user/a", "Tags": [{"Key": "n", "Value": "1"}, {"Key": "n", "Value": "2"}]}]}"#, 1, 108, "tag `n` is listed twice"),
        ShapeCase("an instance profile that is a string", #"{"RoleDetailList": [{"RoleName": "r", "Arn": "arn:aws:iam::1:role/r", "AssumeRolePolicyDocument": {"Statement": []}, "InstanceProfileList": ["p"]}]}"#, 1, 142, "each `InstanceProfileList` entry must be an object, found string"),
        ShapeCase("RoleLastUsed as a list", #"{"RoleDetailList": [{"RoleName": "r", "Arn": "arn:aws:iam::1:role/r", "AssumeRolePolicyDocument": {"Statement": []}, "RoleLastUsed": []}]}"#, 1, 134, "`RoleLastUsed` must be an object, found array"),
        ShapeCase("a role without a trust policy", #"{"RoleDetailList": [{"RoleName": "r", "Arn": "arn:aws:iam::1:role/r"}]}"#, 1, 21, "`AssumeRolePolicyDocument` is required"),
        ShapeCase("PolicyVersionList as a string", #"{"Policies": [{"PolicyName": "p", "Arn": "arn:aws:iam::1:policy/p", "PolicyVersionList": "v1"}]}"#, 1, 90, "`PolicyVersionList` must be a list, found string"),
        ShapeCase("IsDefaultVersion as a string", #"{"Policies": [{"PolicyName": "p", "Arn": "arn:aws:iam::1:policy/p", "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": "true", "Document": {"Statement": []}}]}]}"#, 1, 131, "`IsDefaultVersion` must be a boolean, found string"),
        ShapeCase("two default versions", #"{"Policies": [{"PolicyName": "p", "Arn": "arn:aws:iam::1:policy/p", "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true, "Document": {"Statement": []}}, {"VersionId": "v2", "IsDefaultVersion": true, "Document": {"Statement": []}}]}]}"#, 1, 169, "more than one version is marked `IsDefaultVersion`"),
        ShapeCase("DefaultVersionId contradicting the marked version", #"{"Policies": [{"PolicyName": "p", "Arn": "arn:aws:iam::1:policy/p", "DefaultVersionId": "v2", "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true, "Document": {"Statement": []}}]}]}"#, 1, 89, "`DefaultVersionId` is `v2` but version `v1` is marked `IsDefaultVersion`"),
        ShapeCase("DefaultVersionId naming no listed version", #"{"Policies": [{"PolicyName": "p", "Arn": "arn:aws:iam::1:policy/p", "DefaultVersionId": "v3", "PolicyVersionList": [{"VersionId": "v1", "Document": {"Statement": []}}]}]}"#, 1, 15, "`DefaultVersionId` `v3` is not in `PolicyVersionList`"),
        ShapeCase("several versions and no default", #"{"Policies": [{"PolicyName": "p", "Arn": "arn:aws:iam::1:policy/p", "PolicyVersionList": [{"VersionId": "v1", "Document": {"Statement": []}}, {"VersionId": "v2", "Document": {"Statement": []}}]}]}"#, 1, 15, "no version is marked `IsDefaultVersion`"),
        ShapeCase("a default version without a document", #"{"Policies": [{"PolicyName": "p", "Arn": "arn:aws:iam::1:policy/p", "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true}]}]}"#, 1, 91, "`Document` is required"),
        ShapeCase("a role ARN listed twice", #"{"RoleDetailList": [{"RoleName": "r", "Arn": "arn:aws:iam::1:role/r", "AssumeRolePolicyDocument": {"Statement": []}}, {"RoleName": "r", "Arn": "arn:aws:iam::1:role/r", "AssumeRolePolicyDocument": {"Statement": []}}]}"#, 1, 119, "role ARN `arn:aws:iam::1:role/r` is listed twice (first at 1:21)"),
        ShapeCase("a group name listed twice", #"{"GroupDetailList": [{"GroupName": "g", "Arn": "arn:aws:iam::1:group/g"}, {"GroupName": "g", "Arn": "arn:aws:iam::1:group/other/g"}]}"#, 1, 75, "group name `g` is listed twice (first at 1:22)"),
        ShapeCase("a policy ARN listed twice", #"{"Policies": [{"PolicyName": "p", "Arn": "arn:aws:iam::1:policy/p"}, {"PolicyName": "p", "Arn": "arn:aws:iam::1:policy/p"}]}"#, 1, 70, "policy ARN `arn:aws:iam::1:policy/p` is listed twice (first at 1:15)"),
        ShapeCase("a document that does not URL-decode", #"{"RoleDetailList": [{"RoleName": "r", "Arn": "arn:aws:iam::1:role/r", "AssumeRolePolicyDocument": "%7B%ZZ"}]}"#, 1, 99, "this URL-encoded policy document does not decode"),
    ]

    @Test(arguments: cases)
    func isRejectedAtTheValue(_ shape: ShapeCase) {
        let errors = loadErrors(shape.text)
        #expect(errors.map(\.code) == ["snapshot.invalid"])
        #expect(errors.first?.position == shape.position)
        #expect(errors.first?.file == testFile)
        #expect(errors.first?.message.hasPrefix(shape.message) == true, "\(errors.first?.message ?? "no error")")
    }

    @Test func aSectionWithAWrongMultilineShapeIsPositionedOnItsLine() {
        let errors = loadErrors("{\n  \"UserDetailList\": [],\n  \"RoleDetailList\": \"none\"\n}\n")
        #expect(errors.map(\.description) == ["account.json:3:21: error[snapshot.invalid]: `RoleDetailList` must be a list, found string"])
    }

    @Test(arguments: ["{\"UserDetailList\": []}", "{\"GroupDetailList\": []}", "{\"RoleDetailList\": []}", "{\"Policies\": []}"])
    func anyOneSectionMakesASnapshot(_ text: String) throws {
        let snapshot = try loadSnapshot(text)
        #expect(snapshot.roles.isEmpty && snapshot.users.isEmpty && snapshot.groups.isEmpty && snapshot.policies.isEmpty)
    }

    @Test func aMinimalHandWrittenEntryTakesIAMsDefaults() throws {
        let snapshot = try loadSnapshot(#"""
        {"UserDetailList": [{"UserName": "a", "Arn": "arn:aws:iam::1:user/a"}],
         "Policies": [{"PolicyName": "p", "Arn": "arn:aws:iam::1:policy/p",
                       "PolicyVersionList": [{"VersionId": "v1", "Document": {"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}}]},
                      {"PolicyName": "q", "Arn": "arn:aws:iam::1:policy/q", "DefaultVersionId": "v2",
                       "PolicyVersionList": [{"VersionId": "v1", "Document": {"Statement": []}},
                                             {"VersionId": "v2", "Document": {"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}}}]}]}
        """#)
        let user = try #require(snapshot.users.first)
        #expect(user.path == "/" && user.groupNames.isEmpty && user.tags.isEmpty && user.inlinePolicies.isEmpty)
        // One version and nothing marked: that version is the default.
        #expect(snapshot.managedPolicy(arn: "arn:aws:iam::1:policy/p")?.defaultVersion?.id == "v1")
        #expect(snapshot.managedPolicy(arn: "arn:aws:iam::1:policy/p")?.document?.statements.count == 1)
        // Nothing marked: `DefaultVersionId` decides.
        let q = try #require(snapshot.managedPolicy(arn: "arn:aws:iam::1:policy/q"))
        #expect(q.versions.map(\.isDefault) == [false, true])
        #expect(q.document?.statements.map(\.effect) == [.deny])
    }
}
