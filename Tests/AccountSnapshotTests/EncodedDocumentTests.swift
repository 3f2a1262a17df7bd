import AccountSnapshot
import PolicyModel
import TestSupport
import Testing

/// The raw IAM API returns documents as URL-encoded JSON strings. An error inside one points at
/// the string in the file, and its message gives the place inside the decoded text.
@Suite struct EncodedDocumentTests {
    /// A document in each place a snapshot has one; `DOC` stands for it.
    struct Placement: Sendable, CustomTestStringConvertible {
        var name: String
        var template: String
        var stringPosition: SourcePosition
        var testDescription: String { name }

        init(_ name: String, _ template: String, _ line: Int, _ column: Int) {
            self.name = name
            self.template = template
            self.stringPosition = SourcePosition(line: line, column: column)
        }

        func with(_ document: String) -> String { template.replacingOccurrences(of: "DOC", with: document) }
    }

    static let placements: [Placement] = [
        Placement("a trust policy", #"{"RoleDetailList": [{"RoleName": "r", "Arn": "arn:aws:iam::1:role/r", "AssumeRolePolicyDocument": DOC}]}"#, 1, 99),
        Placement("a role's inline policy", #"{"RoleDetailList": [{"RoleName": "r", "Arn": "arn:aws:iam::1:role/r", "AssumeRolePolicyDocument": {"Statement": []},\#n  "RolePolicyList": [{"PolicyName": "i", "PolicyDocument": DOC}]}]}"#, 2, 60),
        Placement("a user's inline policy", #"{"UserDetailList": [{"UserName": "u", "Arn": "arn:aws:iam::1:user/u",\#n  "UserPolicyList": [{"PolicyName": "i", "PolicyDocument": DOC}]}]}"#, 2, 60),
        Placement("a group's inline policy", #"{"GroupDetailList": [{"GroupName": "g", "Arn": "arn:aws:iam::1:group/g",\#n  "GroupPolicyList": [{"PolicyName": "i", "PolicyDocument": DOC}]}]}"#, 2, 61),
        Placement("a managed policy's default version", #"{"Policies": [{"PolicyName": "p", "Arn": "arn:aws:iam::1:policy/p",\#n  "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true, "Document": DOC}]}]}"#, 2, 83),
    ]

    /// `{"Version":"2012-10-17","Statement":[{"Effect":"Permit","Action":"s3:GetObject","Resource":"*"}]}`:
    /// `"Permit"` is at 1:48 of the decoded text.
    static let permitEffect = #""%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Permit%22%2C%22Action%22%3A%22s3%3AGetObject%22%2C%22Resource%22%3A%22%2A%22%7D%5D%7D""#
    /// `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",}]}`: the stray `}` is at 1:56.
    static let trailingComma = #""%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%7D%5D%7D""#
    /// Two decoded lines; `"Maybe"` is at 2:23 of the decoded text.
    static let effectOnSecondLine = #""%7B%22Version%22%3A%222012-10-17%22%2C%0A%22Statement%22%3A%7B%22Effect%22%3A%22Maybe%22%2C%22Action%22%3A%22s3%3AGetObject%22%2C%22Resource%22%3A%22%2A%22%7D%7D""#

    @Test(arguments: placements)
    func aPolicyErrorPointsAtTheString(_ placement: Placement) throws {
        let errors = loadErrors(placement.with(Self.permitEffect))
        let error = try #require(errors.first)
        #expect(errors.count == 1)
        #expect(error.code.hasPrefix("policy."))
        #expect(error.file == testFile)
        #expect(error.position == placement.stringPosition)
        #expect(error.message.contains("`Permit`") || error.message.contains("Effect"), "\(error.message)")
        #expect(error.message.hasSuffix("(in this URL-encoded policy document, once decoded, at 1:48 of the decoded text)"), "\(error.message)")
    }

    @Test(arguments: placements)
    func aJSONErrorPointsAtTheString(_ placement: Placement) throws {
        let error = try #require(loadErrors(placement.with(Self.trailingComma)).first)
        #expect(error.code.hasPrefix("json."))
        #expect(error.position == placement.stringPosition)
        #expect(error.message.hasSuffix("(in this URL-encoded policy document, once decoded, at 1:56 of the decoded text)"), "\(error.message)")
    }

    @Test func theDecodedPositionCountsDecodedLines() throws {
        let placement = Self.placements[0]
        let error = try #require(loadErrors(placement.with(Self.effectOnSecondLine)).first)
        #expect(error.position == placement.stringPosition)
        #expect(error.message.hasSuffix("at 2:23 of the decoded text)"), "\(error.message)")
    }

    @Test func theSameErrorInAnObjectDocumentPointsInsideIt() throws {
        let document = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Permit", "Action": "s3:GetObject", "Resource": "*"}]}"#
        let error = try #require(loadErrors(Self.placements[0].with(document)).first)
        // The trust document starts at 1:99; `"Permit"` is 52 characters into it.
        #expect(error.position == at(1, 150))
        #expect(!error.message.contains("decoded"))
    }

    @Test(arguments: placements)
    func aValidEncodedDocumentIsReadWhereverItIs(_ placement: Placement) throws {
        let valid = Self.permitEffect.replacingOccurrences(of: "Permit", with: "Allow")
        #expect(loadErrors(placement.with(valid)).isEmpty)
    }
}
