import PolicyModel
import PolicyParsing
import Testing

/// Positions say where a value was written, not what it means: the same policy laid out
/// differently must parse to equal documents with equal hashes.
@Suite struct PositionFreeEqualityTests {
    static let compact = #"""
    {"Version":"2012-10-17","Id":"p","Statement":[{"Sid":"A","Effect":"Allow","Principal":{"AWS":["111122223333","arn:aws:iam::111122223333:role/R"],"Service":"osis-pipelines.amazonaws.com"},"Action":["s3:GetObject","s3:List*"],"NotResource":"arn:aws:s3:::b/${aws:username}/*","Condition":{"StringLike":{"aws:TagKeys":["team*","env"]},"NumericLessThan":{"s3:max-keys":10},"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}},{"Effect":"Deny","NotPrincipal":"*","NotAction":"iam:*"}]}
    """#

    static let spread = #"""
    {
        "Version" : "2012-10-17",
        "Id" : "p",
        "Statement" : [
            {
                "Sid" : "A",
                "Effect" : "Allow",
                "Principal" : {
                    "AWS" : [ "111122223333",
                              "arn:aws:iam::111122223333:role/R" ],
                    "Service" : "osis-pipelines.amazonaws.com"
                },
                "Action" : [
                    "s3:GetObject",

                    "s3:List*"
                ],
                "NotResource" : "arn:aws:s3:::b/${aws:username}/*",
                "Condition" : {
                    "StringLike" : { "aws:TagKeys" : [ "team*", "env" ] },
                    "NumericLessThan" : { "s3:max-keys" : 10 },
                    "IpAddress" : { "aws:SourceIp" : "10.0.0.0/8" }
                }
            },
            { "Effect" : "Deny", "NotPrincipal" : "*", "NotAction" : "iam:*" }
        ]
    }
    """#

    @Test func sameTextWithOtherWhitespaceParsesToEqualDocumentsWithEqualHashes() throws {
        let left = try PolicyParser.parse(Self.compact)
        let right = try PolicyParser.parse(Self.spread)
        // The layouts really differ, so every position does too.
        #expect(left.statements[0].position != right.statements[0].position)
        #expect(left.statements[0].action.patterns[1].position != right.statements[0].action.patterns[1].position)
        #expect(left == right)
        #expect(left.hashValue == right.hashValue)
        for (leftStatement, rightStatement) in zip(left.statements, right.statements) {
            #expect(leftStatement == rightStatement)
            #expect(leftStatement.hashValue == rightStatement.hashValue)
            #expect(leftStatement.action == rightStatement.action)
            #expect(leftStatement.action.hashValue == rightStatement.action.hashValue)
            #expect(leftStatement.resource == rightStatement.resource)
            #expect(leftStatement.resource.hashValue == rightStatement.resource.hashValue)
            #expect(leftStatement.principal == rightStatement.principal)
            #expect(leftStatement.principal.hashValue == rightStatement.principal.hashValue)
            #expect(leftStatement.conditions == rightStatement.conditions)
            #expect(leftStatement.conditions.hashValue == rightStatement.conditions.hashValue)
        }
    }

    @Test func aDifferentValueStillMakesADifferentDocument() throws {
        let left = try PolicyParser.parse(Self.compact)
        let changed = try PolicyParser.parse(Self.compact.replacing("\"team*\"", with: "\"team?\""))
        #expect(left != changed)
        #expect(left.statements[1] == changed.statements[1])
        #expect(left.statements[0].conditions[0] != changed.statements[0].conditions[0])
    }

    @Test func locatedValuesCompareAndHashByValueOnly() {
        let here = Located("arn:aws:iam::111122223333:role/R", at: SourcePosition(line: 3, column: 7))
        let there = Located("arn:aws:iam::111122223333:role/R", at: SourcePosition(line: 40, column: 1))
        #expect(here == there)
        #expect(here.hashValue == there.hashValue)
        #expect(here != Located("arn:aws:iam::111122223333:role/S", at: here.position))
        #expect(here.map(\.count) == Located(32, at: .unknown))
        #expect(here.map(\.count).position == here.position)
    }
}
