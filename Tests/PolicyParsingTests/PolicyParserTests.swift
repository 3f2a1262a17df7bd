import PolicyModel
import PolicyParsing
import Testing

@Suite struct PolicyParserTests {
    @Test func parsesEveryElementWithPositions() throws {
        let text = """
        {
          "Version": "2012-10-17",
          "Id": "example",
          "Statement": [
            {
              "Sid": "Read",
              "Effect": "Allow",
              "Principal": {"AWS": ["111122223333", "arn:aws:iam::111122223333:role/R"], "Service": "osis-pipelines.amazonaws.com"},
              "NotAction": "s3:Delete*",
              "Resource": ["arn:aws:s3:::bucket/${aws:username}/*"],
              "Condition": {
                "ForAnyValue:StringLikeIfExists": {"aws:TagKeys": ["team*", "env"]},
                "NumericLessThan": {"s3:max-keys": 10},
                "Bool": {"aws:SecureTransport": true},
                "IpAddress": {"aws:SourceIp": "10.0.0.0/8"}
              }
            }
          ]
        }
        """
        let document = try PolicyParser.parse(text)
        #expect(document.version == .v2012_10_17)
        #expect(document.id == "example")
        let statement = try #require(document.statements.first)
        #expect(statement.sid == "Read")
        #expect(statement.effect == .allow)
        #expect(statement.position == SourcePosition(line: 5, column: 5))
        #expect(statement.principal?.entries.map(\.kind) == [.aws, .aws, .service])
        #expect(statement.action.isNot)
        #expect(statement.action.patterns[0].position == SourcePosition(line: 9, column: 20))
        #expect(statement.resource?.patterns[0].template.hasVariables == true)
        #expect(statement.conditions.count == 4)
        let tagClause = statement.conditions[0]
        #expect(tagClause.operator.qualifier == .forAnyValue)
        #expect(tagClause.operator.ifExists)
        #expect(tagClause.operator.base == .stringLike)
        #expect(tagClause.lookupKey == "aws:tagkeys")
        #expect(statement.conditions[1].values[0].parsed == .number(10))
        #expect(statement.conditions[2].values[0].parsed == .bool(true))
        #expect(statement.conditions[3].values[0].parsed == .network(try #require(IPNetwork(cidr: "10.0.0.0/8"))))
    }

    @Test func acceptsASingleStatementObjectAndNoVersion() throws {
        let document = try PolicyParser.parse(#"{"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}}"#)
        #expect(document.version == nil)
        #expect(!document.statementIsList)
        #expect(document.statements.count == 1)
        // Without 2012-10-17, `${...}` is literal text.
        let legacy = try PolicyParser.parse(#"{"Version": "2008-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::b/${aws:username}"}}"#)
        #expect(legacy.statements[0].resource?.patterns[0].template.hasVariables == false)
    }

    struct BadPolicy: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var code: String
        var line: Int
        var column: Int
        var testDescription: String { name }
    }

    static let badPolicies: [BadPolicy] = [
        BadPolicy(name: "lower-case effect", text: #"{"Statement": [{"Effect": "allow", "Action": "s3:*", "Resource": "*"}]}"#,
                  code: "policy.invalid-effect", line: 1, column: 27),
        BadPolicy(name: "numeric action", text: #"{"Statement": [{"Effect": "Allow", "Action": 5, "Resource": "*"}]}"#,
                  code: "policy.wrong-type", line: 1, column: 46),
        BadPolicy(name: "unknown operator", text: "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\",\n \"Condition\": {\"StringEqualz\": {\"a:b\": \"c\"}}}]}",
                  code: "policy.unknown-operator", line: 2, column: 16),
        BadPolicy(name: "missing effect", text: #"{"Statement": [{"Action": "s3:*", "Resource": "*"}]}"#,
                  code: "policy.missing-effect", line: 1, column: 16),
        BadPolicy(name: "missing action", text: #"{"Statement": [{"Effect": "Allow", "Resource": "*"}]}"#,
                  code: "policy.missing-action", line: 1, column: 16),
        BadPolicy(name: "Action and NotAction", text: #"{"Statement": [{"Effect": "Allow", "Action": "a:b", "NotAction": "c:d", "Resource": "*"}]}"#,
                  code: "policy.conflicting-elements", line: 1, column: 53),
        BadPolicy(name: "unknown version", text: #"{"Version": "2012-10-18", "Statement": []}"#,
                  code: "policy.invalid-version", line: 1, column: 13),
        BadPolicy(name: "no statement", text: #"{"Version": "2012-10-17"}"#,
                  code: "policy.missing-statement", line: 1, column: 1),
        BadPolicy(name: "unknown top-level element", text: #"{"Statment": []}"#,
                  code: "policy.unknown-element", line: 1, column: 2),
        BadPolicy(name: "principal string other than *", text: #"{"Statement": [{"Effect": "Allow", "Principal": "111122223333", "Action": "s3:*"}]}"#,
                  code: "policy.invalid-principal", line: 1, column: 49),
        BadPolicy(name: "bad CIDR", text: #"{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.300/8"}}}]}"#,
                  code: "policy.invalid-condition-value", line: 1, column: 115),
        BadPolicy(name: "bad date", text: #"{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"DateLessThan": {"aws:CurrentTime": "2026-13-01"}}}]}"#,
                  code: "policy.invalid-condition-value", line: 1, column: 121),
        BadPolicy(name: "Null with IfExists", text: #"{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"NullIfExists": {"a:b": "true"}}}]}"#,
                  code: "policy.invalid-operator", line: 1, column: 85),
        BadPolicy(name: "duplicate condition key by case", text: #"{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceAccount": "1", "AWS:sourceaccount": "2"}}}]}"#,
                  code: "policy.duplicate-condition-key", line: 1, column: 128),
        BadPolicy(name: "empty action list", text: #"{"Statement": [{"Effect": "Allow", "Action": [], "Resource": "*"}]}"#,
                  code: "policy.empty-value", line: 1, column: 46),
        BadPolicy(name: "statement is a string", text: #"{"Statement": ["Allow everything"]}"#,
                  code: "policy.wrong-type", line: 1, column: 16),
        BadPolicy(name: "not an object", text: #"["Statement"]"#,
                  code: "policy.expected-object", line: 1, column: 1),
    ]

    @Test(arguments: badPolicies)
    func rejectsInvalidPoliciesWithCodeAndPosition(_ policy: BadPolicy) {
        do {
            _ = try PolicyParser.parse(policy.text)
            Issue.record("\(policy.name) was accepted")
        } catch {
            let first = error.diagnostics[0]
            #expect(first.code == policy.code, "\(error)")
            #expect(first.position == SourcePosition(line: policy.line, column: policy.column), "\(error)")
        }
    }

    @Test func reportsEveryErrorInOneRun() {
        let text = """
        {"Statement": [
          {"Effect": "allow", "Action": "s3:*", "Resource": "*"},
          {"Effect": "Allow", "Action": 7, "Resource": "*"},
          {"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"Bogus": {"a:b": "c"}}}
        ]}
        """
        do {
            _ = try PolicyParser.parse(text)
            Issue.record("accepted")
        } catch {
            #expect(error.diagnostics.map(\.code) == ["policy.invalid-effect", "policy.wrong-type", "policy.unknown-operator"])
            #expect(error.diagnostics.map(\.position.line) == [2, 3, 4])
            #expect(error.located(in: "p.json").description.hasPrefix("p.json:2:14: error[policy.invalid-effect]: `Effect` must be exactly `Allow` or `Deny`, found `allow`"))
        }
    }

    @Test func parsesLargeDocuments() throws {
        // 10,000 statements.
        let statement = #"{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::bucket/prefix/*"}"#
        let many = "{\"Version\": \"2012-10-17\", \"Statement\": [" + Array(repeating: statement, count: 10_000).joined(separator: ",") + "]}"
        let document = try PolicyParser.parse(many)
        #expect(document.statements.count == 10_000)
        #expect(document.statements[9_999].index == 9_999)
        // About 10 MB in one statement's resource list.
        let resources = (0..<200_000).map { "\"arn:aws:s3:::bucket-\($0)/*\"" }.joined(separator: ",")
        let big = "{\"Statement\": {\"Effect\": \"Deny\", \"Action\": \"s3:*\", \"Resource\": [" + resources + "]}}"
        #expect(big.utf8.count > 5_000_000)
        let parsed = try PolicyParser.parse(big)
        #expect(parsed.statements[0].resource?.patterns.count == 200_000)
    }
}
