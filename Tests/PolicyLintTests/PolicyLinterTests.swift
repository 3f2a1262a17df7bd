import PolicyLint
import PolicyModel
import PolicyParsing
import ServiceCatalog
import Testing

@Suite struct PolicyLinterTests {
    static let linter: PolicyLinter? = (try? ServiceCatalogue.embedded()).map { PolicyLinter(catalogue: $0) }

    static func lint(_ policy: String, type: PolicyType, file: String = "policy.json") throws -> [Diagnostic] {
        let linter = try #require(Self.linter, "the embedded catalogue must load")
        return linter.lint(bytes: Array(policy.utf8), file: file, type: type)
    }

    static func rendered(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(\.description).joined(separator: "\n")
    }

    @Test("each rule reports its code, severity and position", arguments: RuleTable.all)
    func ruleReports(_ row: LintCase) throws {
        let diagnostics = try Self.lint(row.policy, type: row.type)
        let found = diagnostics.filter { $0.code == row.code }
        #expect(found.map(\.position) == row.positions, "\(Self.rendered(diagnostics))")
        #expect(found.allSatisfy { $0.severity == row.severity })
        #expect(found.allSatisfy { $0.file == "policy.json" })
        // Messages follow the project style: one lowercase sentence without a final period.
        for diagnostic in found {
            #expect(diagnostic.message.first?.isLowercase == true || diagnostic.message.first == "`", "\(diagnostic.message)")
            #expect(!diagnostic.message.hasSuffix("."))
            #expect(!diagnostic.message.contains("\n"))
        }
    }

    @Test("a fine policy does not trigger the rule", arguments: QuietTable.cases)
    func ruleStaysQuiet(_ row: QuietCase) throws {
        let diagnostics = try Self.lint(row.policy, type: row.type)
        #expect(!diagnostics.contains { $0.code == row.code }, "\(Self.rendered(diagnostics))")
        #expect(!diagnostics.contains { $0.code.hasPrefix("policy.") || $0.code.hasPrefix("json.") }, "\(Self.rendered(diagnostics))")
    }

    @Test func everyRuleCodeHasARow() {
        let covered = Set(RuleTable.all.map(\.code))
        for code in PolicyLinter.defaultRules.flatMap(\.codes) {
            #expect(covered.contains(code), "no table row for \(code)")
            #expect(code.hasPrefix("lint."))
        }
    }

    // MARK: Clean policies

    /// The OSIS pipeline role's identity policy (facts §2.3 and §2.4) with real names.
    static let pipelineRolePolicy = """
    {
      "Version": "2012-10-17",
      "Statement": [
        {"Sid": "allowRunExportJob", "Effect": "Allow",
         "Action": ["dynamodb:DescribeTable", "dynamodb:DescribeContinuousBackups", "dynamodb:ExportTableToPointInTime"],
         "Resource": ["arn:aws:dynamodb:eu-west-1:111122223333:table/orders"]},
        {"Sid": "allowCheckExportjob", "Effect": "Allow",
         "Action": ["dynamodb:DescribeExport"],
         "Resource": ["arn:aws:dynamodb:eu-west-1:111122223333:table/orders/export/*"]},
        {"Sid": "allowReadFromStream", "Effect": "Allow",
         "Action": ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"],
         "Resource": ["arn:aws:dynamodb:eu-west-1:111122223333:table/orders/stream/*"]},
        {"Sid": "allowReadAndWriteToS3ForExport", "Effect": "Allow",
         "Action": ["s3:GetObject", "s3:AbortMultipartUpload", "s3:PutObject", "s3:PutObjectAcl"],
         "Resource": ["arn:aws:s3:::orders-export/ddb-export/*"]},
        {"Sid": "allowUseOfCustomManagedKey", "Effect": "Allow",
         "Action": ["kms:GenerateDataKey", "kms:Decrypt"],
         "Resource": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"},
        {"Effect": "Allow", "Action": "es:DescribeDomain",
         "Resource": "arn:aws:es:*:111122223333:domain/*"},
        {"Effect": "Allow", "Action": "es:ESHttp*",
         "Resource": "arn:aws:es:*:111122223333:domain/orders-search/*"}
      ]
    }
    """

    static let pipelineTrustPolicy = """
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Principal": {"Service": "osis-pipelines.amazonaws.com"},
        "Action": "sts:AssumeRole",
        "Condition": {
          "StringEquals": {"aws:SourceAccount": "111122223333"},
          "ArnLike": {"aws:SourceArn": "arn:aws:osis:eu-west-1:111122223333:pipeline/*"}
        }
      }]
    }
    """

    static let domainAccessPolicy = """
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::111122223333:role/PipelineRole"},
        "Action": ["es:DescribeDomain", "es:ESHttp*"],
        "Resource": "arn:aws:es:eu-west-1:111122223333:domain/orders-search/*"
      }]
    }
    """

    static let cognitoTrustPolicy = """
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Principal": {"Federated": "cognito-identity.amazonaws.com"},
        "Action": "sts:AssumeRoleWithWebIdentity",
        "Condition": {
          "StringEquals": {"cognito-identity.amazonaws.com:aud": "eu-west-1:12345678-1234-1234-1234-123456789012"},
          "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}
        }
      }]
    }
    """

    struct CleanPolicy: Sendable, CustomTestStringConvertible {
        var name: String
        var type: PolicyType
        var text: String
        var testDescription: String { name }
    }

    static let cleanPolicies = [
        CleanPolicy(name: "OSIS pipeline role policy", type: .identity, text: pipelineRolePolicy),
        CleanPolicy(name: "OSIS pipeline role trust policy", type: .trust, text: pipelineTrustPolicy),
        CleanPolicy(name: "domain access policy for the pipeline role", type: .resource, text: domainAccessPolicy),
        CleanPolicy(name: "Cognito authenticated role trust policy", type: .trust, text: cognitoTrustPolicy),
    ]

    @Test("a documented policy has no findings", arguments: cleanPolicies)
    func cleanPolicyHasNoFindings(_ policy: CleanPolicy) throws {
        let diagnostics = try Self.lint(policy.text, type: policy.type)
        #expect(diagnostics.isEmpty, "\(Self.rendered(diagnostics))")
    }

    // MARK: Parse errors, order, API

    @Test func jsonErrorsComeBackAsLocatedDiagnostics() throws {
        let diagnostics = try Self.lint("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [}\n", type: .identity, file: "broken.json")
        #expect(diagnostics.map(\.description) == ["broken.json:3:17: error[json.unexpected-character]: unexpected `}`, expected a value"])
    }

    @Test func policyErrorsComeBackAsLocatedDiagnostics() throws {
        let diagnostics = try Self.lint("""
        {
          "Version": "2012-10-17",
          "Statement": [{"Effect": "allow", "Action": "s3:GetObject", "Resource": "*", "Principle": "*"}]
        }
        """, type: .identity)
        #expect(diagnostics.map(\.code) == ["policy.invalid-effect", "policy.unknown-element"])
        #expect(diagnostics.map(\.position) == [SourcePosition(line: 3, column: 28), SourcePosition(line: 3, column: 80)])
        #expect(diagnostics.allSatisfy { $0.severity == .error && $0.file == "policy.json" })
    }

    @Test func diagnosticsAreSortedByPositionThenCode() throws {
        let diagnostics = try Self.lint("""
        {"Statement": [
          {"Sid": "a b", "Effect": "Allow", "Action": ["s3:Get*", "s3:GetObject", "s3:Nope"], "Resource": "arn:aws:S3:::b/*"},
          {"Sid": "a b", "Effect": "Allow", "NotAction": "s3:*", "Resource": "*"}
        ]}
        """, type: .identity)
        let keys = diagnostics.map { ($0.position.line, $0.position.column, $0.code) }
        #expect(keys.elementsEqual(keys.sorted { $0 < $1 }, by: ==))
        #expect(diagnostics.first?.code == "lint.missing-version")
    }

    @Test func lintingAParsedDocumentPointsAtTheSidValue() throws {
        let linter = try #require(Self.linter)
        let document = try PolicyParser.parse("""
        {"Version": "2012-10-17", "Statement": [
          {"Sid": "One", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
          {"Sid": "One", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b/*"}
        ]}
        """)
        let diagnostics = linter.lint(document, type: .identity)
        #expect(diagnostics.map(\.code) == ["lint.duplicate-sid"])
        #expect(diagnostics.first?.position == SourcePosition(line: 3, column: 11))
        // Statements are counted from 0, as in every explanation and report.
        #expect(diagnostics.first?.message == "duplicate `Sid` `One`, first used by statement 0 at line 2")
        #expect(diagnostics.first?.file == nil)
    }

    @Test func unknownActionNamesTheCatalogueDate() throws {
        let linter = try #require(Self.linter)
        let diagnostics = try Self.lint(QuietTable.policy(action: #""dynamodb:DescribeTabel""#), type: .identity)
        let message = try #require(diagnostics.first { $0.code == "lint.unknown-action" }?.message)
        #expect(message == "unknown action `dynamodb:DescribeTabel`: `dynamodb` has no such action in the service catalogue of \(linter.catalogue.source.iamDataDate)")
    }

    @Test func outcomeReportsTheGuessedType() throws {
        let linter = try #require(Self.linter)
        let outcome = linter.lintFile(bytes: Array(Self.pipelineTrustPolicy.utf8), file: "trust.json", type: nil)
        #expect(outcome.type == .trust)
        #expect(outcome.typeWasGuessed)
        #expect(outcome.diagnostics.isEmpty)
        let broken = linter.lintFile(bytes: Array("{".utf8), file: "x.json", type: nil)
        #expect(broken.type == nil)
        #expect(broken.diagnostics.map(\.code) == ["json.unexpected-end"])
    }

    struct Guess: Sendable, CustomTestStringConvertible {
        var policy: String
        var expected: PolicyType
        var testDescription: String { "\(expected): \(policy)" }
    }

    @Test("the policy type is guessed from the elements", arguments: [
        Guess(policy: #"{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}"#, expected: .identity),
        Guess(policy: #"{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#, expected: .resource),
        Guess(policy: #"{"Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}"#, expected: .trust),
        Guess(policy: #"{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"]}]}"#, expected: .trust),
        Guess(policy: #"{"Statement": [{"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}]}"#, expected: .trust),
        Guess(policy: #"{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "sts:AssumeRole", "Resource": "*"}]}"#, expected: .resource),
        Guess(policy: #"{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "kms:Decrypt", "Resource": "*"}]}"#, expected: .resource),
    ])
    func guessesType(_ row: Guess) throws {
        #expect(PolicyType.guess(for: try PolicyParser.parse(row.policy)) == row.expected)
    }
}
