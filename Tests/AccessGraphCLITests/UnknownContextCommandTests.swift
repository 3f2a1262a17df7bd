import AccessGraphCLI
import TestSupport
import Foundation
import Testing

/// `simulate --unknown-context`: the answer says whether it hinges on the key, and on which
/// statements; only a decided Allow exits 0.
@Suite struct UnknownContextCommandTests {
    static let policy = """
    {"Version": "2012-10-17", "Statement": [
      {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
      {"Sid": "OnlyFromVpc", "Effect": "Deny", "Action": "s3:*", "Resource": "*",
       "Condition": {"StringNotEquals": {"aws:SourceVpc": "vpc-1"}}}
    ]}
    """
    static let request = ["simulate", "--principal", "arn:aws:sts::111122223333:assumed-role/Reader/s", "--action", "s3:GetObject",
                          "--resource", "arn:aws:s3:::exports/key"]

    @Test func aDecisionThatHingesOnTheKeyIsUndetermined() throws {
        let directory = try TemporaryDirectory()
        let policy = try directory.write("identity.json", Self.policy)
        let run = accessgraph(Self.request + ["--identity-policy", policy, "--unknown-context", "aws:SourceVpc"])
        #expect(run.status == 3, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Undetermined: arn:aws:sts::111122223333:assumed-role/Reader/s → s3:GetObject on arn:aws:s3:::exports/key\n"))
        #expect(run.stdout.contains("  possible decisions: ExplicitDeny, Allow (ExplicitDeny with the unknown values as written)\n"))
        #expect(run.stdout.contains("  depends on: \(policy) statement 1 (OnlyFromVpc) at 3:3: `StringNotEquals` on `aws:SourceVpc`, whose value is unknown\n"))

        let json = accessgraph(Self.request + ["--identity-policy", policy, "--unknown-context", "aws:SourceVpc", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["decision"] as? String == "Undetermined")
        #expect(object["determined"] as? Bool == false)
        #expect(object["decisionAsWritten"] as? String == "ExplicitDeny")
        let residuals = (object["undetermined"] as? [String: Any])?["residuals"] as? [[String: Any]]
        #expect(residuals?.first?["unknownKeys"] as? [String] == ["aws:SourceVpc"])
        #expect(residuals?.first?["layer"] as? String == "identity")
    }

    @Test func aKeyNoStatementTestsLeavesTheAnswerDecided() throws {
        let directory = try TemporaryDirectory()
        let policy = try directory.write("identity.json", Self.policy)
        let run = accessgraph(Self.request + ["--identity-policy", policy, "--context", "aws:SourceVpc=vpc-1",
                                                                  "--unknown-context", "aws:SourceIp"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.hasPrefix("Allow: "))
        #expect(!run.stdout.contains("depends on"))
    }

    @Test func aKeyGivenAndMarkedUnknownIsBadInput() throws {
        let directory = try TemporaryDirectory()
        let policy = try directory.write("identity.json", Self.policy)
        let run = accessgraph(Self.request + ["--identity-policy", policy, "--context", "aws:SourceVpc=vpc-1",
                                                                  "--unknown-context", "aws:sourcevpc"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("error[request.invalid-context]"))
    }
}
