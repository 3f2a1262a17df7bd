import PolicyModel
import PolicyParsing
import Testing

/// `ConditionValue` compiles its text for an operator at construction, so code that builds
/// policies gets the same typed values (and the same refusals) as the parser.
@Suite struct ConditionValueTests {
    static func conditionOperator(_ name: String) throws -> ConditionOperator {
        try #require(ConditionOperator(parsing: name))
    }

    @Test func compilesTextForTheOperatorsFamily() throws {
        #expect(try ConditionValue("10", for: Self.conditionOperator("NumericLessThan"), variablesEnabled: true).parsed == .number(10))
        #expect(try ConditionValue("true", for: Self.conditionOperator("Bool"), variablesEnabled: true).parsed == .bool(true))
        #expect(try ConditionValue("false", for: Self.conditionOperator("Null"), variablesEnabled: true).parsed == .bool(false))
        #expect(try ConditionValue("10.0.0.0/8", for: Self.conditionOperator("NotIpAddress"), variablesEnabled: true).parsed
            == .network(try #require(IPNetwork(cidr: "10.0.0.0/8"))))
        #expect(try ConditionValue("team*", for: Self.conditionOperator("StringEquals"), variablesEnabled: true).parsed == .text)
        let glob = try ConditionValue("team*", for: Self.conditionOperator("ForAnyValue:StringLike"), variablesEnabled: true)
        guard case .glob = glob.parsed else { Issue.record("\(glob.parsed)"); return }
        let arn = try ConditionValue("arn:aws:iam::*:role/R", for: Self.conditionOperator("ArnLike"), variablesEnabled: true)
        guard case .arn = arn.parsed else { Issue.record("\(arn.parsed)"); return }
    }

    @Test func substitutesVariablesOnlyForStringAndARNOperatorsUnder2012() throws {
        let text = "${aws:username}"
        #expect(try ConditionValue(text, for: Self.conditionOperator("StringLike"), variablesEnabled: true).template.hasVariables)
        #expect(try ConditionValue(text, for: Self.conditionOperator("ArnEquals"), variablesEnabled: true).template.hasVariables)
        #expect(try !ConditionValue(text, for: Self.conditionOperator("StringLike"), variablesEnabled: false).template.hasVariables)
        #expect(try !ConditionValue("${aws:SourceIp}", for: Self.conditionOperator("StringEqualsIgnoreCase"), variablesEnabled: false)
            .template.hasVariables)
    }

    /// The error `ConditionValue.init` throws for `text`, or nil when it accepts it.
    static func refusal(_ text: String, _ operatorName: String) throws -> InvalidConditionValue? {
        let conditionOperator = try conditionOperator(operatorName)
        do throws(InvalidConditionValue) {
            _ = try ConditionValue(text, for: conditionOperator, variablesEnabled: true)
            return nil
        } catch {
            return error
        }
    }

    @Test func refusesTextTheOperatorCannotTake() throws {
        let numeric = try #require(try Self.refusal("ten", "NumericLessThanIfExists"))
        #expect(numeric.text == "ten")
        #expect(numeric.conditionOperator == ConditionOperator(base: .numericLessThan, ifExists: true))
        #expect(numeric.expected == "a number")
        #expect(try Self.refusal("2026-13-01", "DateLessThan")?.description
            == "`2026-13-01` is not an ISO 8601 date or epoch seconds, as `DateLessThan` requires")
        for (operatorName, text) in [("Bool", "yes"), ("Null", "1"), ("BinaryEquals", "*"), ("IpAddress", "10.0.0.300/8")] {
            #expect(try Self.refusal(text, operatorName) != nil, "\(operatorName) took `\(text)`")
        }
    }

    @Test func theParserReportsTheModelsRefusalWithCodeAndPosition() {
        let text = #"{"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"NumericLessThan": {"s3:max-keys": "ten"}}}}"#
        do {
            _ = try PolicyParser.parse(text)
            Issue.record("accepted")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "<input>:1:119: error[policy.invalid-condition-value]: `ten` is not a number, as `NumericLessThan` requires",
            ])
        }
    }
}
