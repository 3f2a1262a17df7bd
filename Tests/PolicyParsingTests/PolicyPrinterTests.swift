import Foundation
import PolicyModel
import PolicyParsing
import ServiceCatalog
import Testing

/// The printer's soundness check, as cedar's formatter has one: printing a parsed policy and
/// reading it back gives an equal document, and printing that again gives the same bytes.
@Suite struct PolicyPrinterTests {
    /// Why `parsed` fails the round trip (print, re-read, print again); nil when it passes.
    static func roundTripFailure(_ parsed: PolicyDocument, name: String) -> String? {
        let printed = PolicyPrinter.print(parsed)
        let reparsed: PolicyDocument
        do {
            reparsed = try PolicyParser.parse(printed)
        } catch {
            return "\(name): the printed policy does not parse: \(error)"
        }
        if reparsed != parsed { return "\(name): the re-read document differs" }
        if reparsed.hashValue != parsed.hashValue { return "\(name): the re-read document hashes differently" }
        if reparsed.statementIsList != parsed.statementIsList { return "\(name): `Statement` changed form" }
        if PolicyPrinter.print(reparsed) != printed { return "\(name): printing the re-read document gives other bytes" }
        return nil
    }

    @Test func everyAWSManagedPolicySurvivesARoundTrip() throws {
        let catalogue = try ServiceCatalogue.embedded()
        let names = catalogue.managedPolicyNames
        #expect(names.count == 1_582)
        var failures: [String] = []
        for name in names {
            let record = try #require(catalogue.managedPolicy(named: name))
            let parsed = try PolicyParser.parse(record.documentJSON)
            if let failure = Self.roundTripFailure(parsed, name: name) { failures.append(failure) }
        }
        #expect(failures.isEmpty, "\(failures.count) failed: \(failures.prefix(10))")
    }

    static let corpusDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Corpus")

    /// Every object with a `Statement` member inside `node` (the case files' policies).
    static func policyNodes(in node: JSONNode) -> [JSONNode] {
        switch node.value {
        case .object(let members):
            if members.contains(where: { $0.key == "Statement" }) { return [node] }
            return members.flatMap { policyNodes(in: $0.value) }
        case .array(let items):
            return items.flatMap(policyNodes)
        default:
            return []
        }
    }

    @Test func everyCorpusPolicySurvivesARoundTrip() throws {
        let files = try FileManager.default.subpathsOfDirectory(atPath: Self.corpusDirectory.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        #expect(files.count >= 400)
        var checked = 0
        var failures: [String] = []
        for file in files {
            let text = try String(contentsOf: Self.corpusDirectory.appendingPathComponent(file), encoding: .utf8)
            let root = try JSONReader.parse(text)
            for (offset, node) in Self.policyNodes(in: root["policies"] ?? root).enumerated() {
                // Cases about malformed policies hold some that do not parse; those have nothing to print.
                guard let parsed = try? PolicyParser.parse(node: node) else { continue }
                checked += 1
                if let failure = Self.roundTripFailure(parsed, name: "\(file) policy \(offset)") { failures.append(failure) }
            }
        }
        #expect(checked >= 400)
        #expect(failures.isEmpty, "\(failures.count) failed: \(failures.prefix(10))")
    }

    @Test func printsKeysInCanonicalOrderAndKeepsWrittenConditionOrder() throws {
        let text = #"""
        {"Statement": [{
            "Condition": {
                "StringLike": {"s3:prefix": ["home/", "home/${aws:username}/*"]},
                "Bool": {"aws:SecureTransport": true},
                "NumericLessThan": {"s3:max-keys": 10}
            },
            "Resource": ["arn:aws:s3:::b"],
            "Action": "s3:ListBucket",
            "Principal": {"Service": ["osis-pipelines.amazonaws.com"], "AWS": ["111122223333", "arn:aws:iam::111122223333:root"]},
            "Effect": "Allow",
            "Sid": "List"
        }, {
            "Effect": "Deny", "NotPrincipal": "*", "NotAction": ["iam:*", "sts:*"], "NotResource": "*"
        }], "Id": "example", "Version": "2012-10-17"}
        """#
        let printed = PolicyPrinter.print(try PolicyParser.parse(text))
        #expect(printed == #"""
        {
          "Version": "2012-10-17",
          "Id": "example",
          "Statement": [
            {
              "Sid": "List",
              "Effect": "Allow",
              "Principal": {
                "Service": "osis-pipelines.amazonaws.com",
                "AWS": [
                  "111122223333",
                  "arn:aws:iam::111122223333:root"
                ]
              },
              "Action": "s3:ListBucket",
              "Resource": "arn:aws:s3:::b",
              "Condition": {
                "StringLike": {
                  "s3:prefix": [
                    "home/",
                    "home/${aws:username}/*"
                  ]
                },
                "Bool": {
                  "aws:SecureTransport": "true"
                },
                "NumericLessThan": {
                  "s3:max-keys": "10"
                }
              }
            },
            {
              "Effect": "Deny",
              "NotPrincipal": "*",
              "NotAction": [
                "iam:*",
                "sts:*"
              ],
              "NotResource": "*"
            }
          ]
        }

        """#)
    }

    @Test func keepsASingleStatementObjectAndItsAbsentVersion() throws {
        let printed = PolicyPrinter.print(try PolicyParser.parse(#"{"Statement": {"Effect": "Allow", "Action": "s3:GetObject"}}"#))
        #expect(printed == """
        {
          "Statement": {
            "Effect": "Allow",
            "Action": "s3:GetObject"
          }
        }

        """)
    }

    @Test func groupsClausesOfOneOperatorBuiltApartInCode() throws {
        let stringEquals = ConditionOperator(base: .stringEquals)
        let bool = ConditionOperator(base: .bool)
        func clause(_ conditionOperator: ConditionOperator, _ key: String, _ text: String) throws -> ConditionClause {
            ConditionClause(operator: conditionOperator, key: key, values: [
                try ConditionValue(text, for: conditionOperator, variablesEnabled: true),
            ])
        }
        let statement = Statement(
            index: 0, effect: .allow, action: ActionElement(isNot: false, patterns: [ActionPattern("s3:GetObject")]),
            resource: ResourceElement(isNot: false, patterns: [ResourcePattern("*", variablesEnabled: true)]),
            conditions: [
                try clause(stringEquals, "aws:PrincipalAccount", "111122223333"),
                try clause(bool, "aws:SecureTransport", "true"),
                try clause(stringEquals, "aws:RequestedRegion", "us-east-1"),
            ]
        )
        let printed = PolicyPrinter.print(PolicyDocument(version: .v2012_10_17, statements: [statement]))
        let reparsed = try PolicyParser.parse(printed)
        #expect(reparsed.statements[0].conditions.map(\.key) == ["aws:PrincipalAccount", "aws:RequestedRegion", "aws:SecureTransport"])
        #expect(Set(reparsed.statements[0].conditions) == Set(statement.conditions))
        #expect(PolicyPrinter.print(reparsed) == printed)
    }
}
