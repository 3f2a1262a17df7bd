import Foundation
import TestSupport
import Testing

/// `simulate --context KEY=VALUE`: a key the catalogue types gets a value of that type, or the
/// request is bad input (exit 2) naming the key, the value and the type; other keys are strings.
@Suite struct ContextValueTypeTests {
    static let principal = "arn:aws:iam::111122223333:user/alice"

    /// An identity policy that allows s3:GetObject only when `condition` holds.
    static func allowing(when condition: String) -> String {
        """
        {"Version": "2012-10-17", "Statement": [{"Sid": "Guarded", "Effect": "Allow", "Action": "s3:GetObject",
          "Resource": "arn:aws:s3:::b/*", "Condition": \(condition)}]}
        """
    }

    static func simulate(_ context: [String], policy: String = allowing(when: "{}")) throws -> CommandRun {
        let directory = try TemporaryDirectory()
        let file = try directory.write("identity.json", policy)
        return accessgraph(["simulate", "--principal", principal, "--action", "s3:GetObject", "--resource", "arn:aws:s3:::b/k",
                            "--identity-policy", file] + context.flatMap { ["--context", $0] })
    }

    @Test(arguments: [
        ("aws:CurrentTime=yesterday", "`yesterday` is not a valid `aws:CurrentTime` value: the key is of type Date",
         "give an ISO 8601 date (e.g. `2026-01-31T12:00:00Z`) or epoch seconds"),
        ("aws:CurrentTime=2026-02-30", "`2026-02-30` is not a valid `aws:CurrentTime` value: the key is of type Date", "ISO 8601"),
        ("aws:EpochTime=soon", "`soon` is not a valid `aws:EpochTime` value: the key is of type Date", "or epoch seconds"),
        ("aws:MultiFactorAuthAge=1h", "`1h` is not a valid `aws:MultiFactorAuthAge` value: the key is of type Numeric", "give a number"),
        ("aws:SourceIp=10.0.0.300", "`10.0.0.300` is not a valid `aws:SourceIp` value: the key is of type IPAddress",
         "give an IP address or CIDR range"),
        ("aws:SourceIp=10.0.0.0/33", "`10.0.0.0/33` is not a valid `aws:SourceIp` value: the key is of type IPAddress", "CIDR range"),
        ("aws:SecureTransport=yes", "`yes` is not a valid `aws:SecureTransport` value: the key is of type Bool", "give `true` or `false`"),
        ("aws:PrincipalArn=alice", "`alice` is not a valid `aws:PrincipalArn` value: the key is of type ARN", "give an ARN"),
        // Key names compare case-insensitively; the message gives the catalogue's spelling.
        ("AWS:securetransport=1", "`1` is not a valid `aws:SecureTransport` value: the key is of type Bool", "`true` or `false`"),
        // Service keys are typed too.
        ("s3:signatureAge=fresh", "`fresh` is not a valid `s3:signatureAge` value: the key is of type Numeric", "give a number"),
        // A control character in a value is shown escaped.
        ("aws:SecureTransport=true\nfalse", "`true\\nfalse` is not a valid `aws:SecureTransport` value: the key is of type Bool", "`true` or `false`"),
    ])
    func aValueThatDoesNotReadAsTheKeysTypeIsBadInput(_ entry: String, _ message: String, _ help: String) throws {
        let run = try Self.simulate([entry])
        #expect(run.status == 2, "\(run.output)")
        #expect(run.stderr.hasPrefix("--context: error[request.invalid-context]: \(message)\n  help: "), "\(run.stderr)")
        #expect(run.stderr.contains(help))
        #expect(run.stdout.isEmpty)
    }

    @Test func everyMistypedValueIsReportedAtOnceIncludingOneOfSeveral() throws {
        let run = try Self.simulate(["aws:SourceIp=10.1.2.3", "aws:SourceIp=nowhere", "aws:SecureTransport=maybe"])
        #expect(run.status == 2)
        #expect(run.stderr.split(separator: "\n").filter { $0.contains("error[") } == [
            "--context: error[request.invalid-context]: `nowhere` is not a valid `aws:SourceIp` value: the key is of type IPAddress",
            "--context: error[request.invalid-context]: `maybe` is not a valid `aws:SecureTransport` value: the key is of type Bool",
        ])
    }

    @Test(arguments: [
        ("aws:CurrentTime=2026-01-31T12:00:00Z", #"{"DateGreaterThan": {"aws:CurrentTime": "2026-01-01T00:00:00Z"}}"#),
        ("aws:CurrentTime=1800000000", #"{"DateGreaterThan": {"aws:CurrentTime": "2026-01-01T00:00:00Z"}}"#),
        ("aws:EpochTime=1800000000", #"{"DateGreaterThan": {"aws:EpochTime": "1700000000"}}"#),
        ("aws:MultiFactorAuthAge=300", #"{"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}}"#),
        ("aws:SourceIp=10.1.2.3", #"{"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}"#),
        ("aws:SourceIp=2001:db8::1", #"{"IpAddress": {"aws:SourceIp": "2001:db8::/32"}}"#),
        ("aws:SecureTransport=TRUE", #"{"Bool": {"aws:SecureTransport": "true"}}"#),
        ("aws:PrincipalArn=arn:aws:iam::111122223333:user/alice", #"{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:user/*"}}"#),
        // Keys the catalogue does not know are strings, whatever they look like.
        ("acme:ShiftEnds=tomorrow", #"{"StringEquals": {"acme:ShiftEnds": "tomorrow"}}"#),
        ("aws:PrincipalTag/team=data", #"{"StringEquals": {"aws:PrincipalTag/team": "data"}}"#),
    ])
    func aValueOfTheKeysTypeDecidesTheRequest(_ entry: String, _ condition: String) throws {
        let run = try Self.simulate([entry], policy: Self.allowing(when: condition))
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("allowed by: "))
    }
}
