@testable import PolicyLint
import PolicyModel
import PolicyParsing
import ServiceCatalog
import Testing

/// `lint.redundant-action`, `lint.redundant-resource` and `lint.resource-mismatch` avoid comparing
/// every pair (`ComparisonBudget`): they must report exactly what comparing every pair reports, on
/// every AWS managed policy and on generated statements full of duplicates, case variants,
/// overlapping and malformed wildcards; with a small budget the redundancy rules still report
/// duplicates and names covered by a wildcard. `lint.unsupported-condition-key`, which gathers
/// the keys a statement's actions support once, is held to checking every action's every key.
@Suite struct ComparisonBudgetTests {
    static let catalogue = try? ServiceCatalogue.embedded()

    /// The first entry, by service part then across services, that covers each valid entry,
    /// found by comparing every pair: the definition the rules implement.
    static func referenceActionFindings(_ context: LintContext) -> [String] {
        var findings: [String] = []
        for (statement, resolved) in context.statements {
            let patterns = statement.action.patterns
            let texts = patterns.map { $0.text.lowercased() }
            let services = texts.map { $0.split(separator: ":", maxSplits: 1).first ?? Substring($0) }
            func covers(_ pattern: Int, _ covered: Int) -> Bool {
                texts[pattern] == texts[covered] || patterns[pattern].matcher.subsumes(patterns[covered].matcher)
            }
            let crossService = patterns.indices.filter { services[$0].contains("*") || services[$0].contains("?") }
            let byService = Dictionary(grouping: patterns.indices, by: { services[$0] })
            for index in patterns.indices where resolved[index].isValid {
                let candidates = (byService[services[index]] ?? []) + crossService
                let covering = candidates.first { other in
                    other != index && covers(other, index) && (!covers(index, other) || other < index)
                }
                if let covering { findings.append("\(patterns[index].position): `\(patterns[index].text)` by `\(patterns[covering].text)`") }
            }
        }
        return findings
    }

    static func referenceResourceFindings(_ context: LintContext) -> [String] {
        var findings: [String] = []
        for statement in context.document.statements {
            guard let patterns = statement.resource?.patterns else { continue }
            func covers(_ pattern: ResourcePattern, _ covered: ResourcePattern) -> Bool {
                if pattern.text == covered.text { return true }
                guard let compiled = pattern.compiled, let coveredCompiled = covered.compiled else { return false }
                return compiled.subsumes(coveredCompiled)
            }
            for (index, pattern) in patterns.enumerated() {
                let covering = patterns.indices.first { other in
                    other != index && covers(patterns[other], pattern) && (!covers(pattern, patterns[other]) || other < index)
                }
                if let covering { findings.append("\(pattern.position): `\(pattern.text)` by `\(patterns[covering].text)`") }
            }
        }
        return findings
    }

    /// Statements whose entries no action's resource type could match, every pair compared.
    static func referenceMismatchPositions(_ context: LintContext) -> [SourcePosition] {
        context.statements.compactMap { statement, resolved in
            guard let resource = statement.resource, !resource.isNot,
                  let actions = context.exactActions(resolved, of: statement),
                  !actions.contains(where: \.isWildcardOnly) else { return nil }
            let arns = resource.patterns.map { ARNText($0.text) }
            guard zip(arns, resource.patterns).allSatisfy({ !$1.text.contains("${") && $0.hasARNPrefix && $0.isComplete }) else { return nil }
            let anyMatch = actions.contains { action in
                action.resourceTypes.contains { row in row.arnTemplate.isEmpty || arns.contains { row.resourceType.matches(pattern: $0.normalized) } }
            }
            return anyMatch ? nil : resource.position
        }
    }

    static func findings(_ rule: some LintRule, _ context: LintContext) -> [String] {
        PolicyLinter.sorted(rule.check(context)).map { diagnostic in
            let covered = diagnostic.message.split(separator: "`")
            return "\(diagnostic.position): `\(covered[0])` by `\(covered[2])`"
        }
    }

    static func context(_ json: String, catalogue: ServiceCatalogue) throws -> LintContext {
        LintContext(document: try PolicyParser.parse(json), type: .identity, catalogue: catalogue)
    }

    @Test func managedPoliciesAreCheckedInFullAndAsEveryPairWould() throws {
        let catalogue = try #require(Self.catalogue)
        var compared = 0
        for name in catalogue.managedPolicyNames {
            guard let record = catalogue.managedPolicy(named: name) else { continue }
            let context = try Self.context(record.documentJSON, catalogue: catalogue)
            #expect(Self.findings(RedundantActionRule(), context).sorted() == Self.referenceActionFindings(context).sorted(), "\(name)")
            #expect(Self.findings(RedundantResourceRule(), context).sorted() == Self.referenceResourceFindings(context).sorted(), "\(name)")
            #expect(ResourceMismatchRule().check(context).map(\.position) == Self.referenceMismatchPositions(context), "\(name)")
            compared += 1
        }
        #expect(compared > 1000)
    }

    static let actionPool = [
        "s3:GetObject", "S3:getobject", "s3:Get*", "s3:Get*Object", "s3:*Object", "s3:G?tObject", "s3:*", "*", "**",
        "s3*:Get*", "*:Get*", "*Object", "s3:ListBuc\u{212A}et", "s3:Unknown", "foo:Get*", "s3:Get*:x", "s3:PutObject",
        "s3:Put*", "s3:ListBucket", "ec2:Describe*", "ec2:DescribeInstances", "*:Describe*", "s3:${aws:username}",
        "s3:GetObject*", "s3:GetObject**", "s3:GetObject?", "S3:Get*",
    ]
    static let resourcePool = [
        "arn:aws:s3:::b/*", "arn:aws:s3:::b/logs/*", "arn:aws:s3:::b/logs/x", "ARN:AWS:S3:::b/logs/x", "arn:aws:s3:::b/**",
        "arn:aws:s3:::b/?ogs/*", "*", "arn:aws:s3:::${aws:username}/*", "arn:aws:s3:::b", "arn:aws:s3:::B", "arn:*:s3:::b/*",
        "notanarn*", "notanarn", "arn:aws:*", "arn:aws:s3:::${aws:username}/*",
    ]

    /// Statements of 1 to 14 entries drawn from the pools by a fixed arithmetic walk.
    static func generatedPolicy(_ seed: Int) -> String {
        func draw(_ pool: [String], _ count: Int, _ salt: Int) -> String {
            let entries = (0..<count).map { pool[(seed * 31 + $0 * (7 + salt) + $0 * $0 * seed) % pool.count] }
            return "[" + entries.map { "\"\($0)\"" }.joined(separator: ",") + "]"
        }
        return """
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
          "Action": \(draw(actionPool, 1 + seed % 14, 0)), "Resource": \(draw(resourcePool, 1 + (seed / 3) % 14, 4))}]}
        """
    }

    @Test func generatedStatementsGetWhatEveryPairWouldGive() throws {
        let catalogue = try #require(Self.catalogue)
        var reported = 0
        for seed in 0..<100 {
            let context = try Self.context(Self.generatedPolicy(seed), catalogue: catalogue)
            let actions = Self.findings(RedundantActionRule(), context)
            let resources = Self.findings(RedundantResourceRule(), context)
            #expect(actions.sorted() == Self.referenceActionFindings(context).sorted(), "\(Self.generatedPolicy(seed))")
            #expect(resources.sorted() == Self.referenceResourceFindings(context).sorted(), "\(Self.generatedPolicy(seed))")
            reported += actions.count + resources.count
        }
        #expect(reported > 150)
    }

    @Test func anExhaustedBudgetStillReportsDuplicatesAndNamesUnderAWildcard() throws {
        let catalogue = try #require(Self.catalogue)
        let context = try Self.context("""
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
          "Action": ["s3:Get*", "s3:GetObject*", "s3:GetObject", "s3:GetObject"],
          "Resource": ["arn:aws:s3:::b/*", "arn:aws:s3:::b/logs/*", "arn:aws:s3:::b/x", "arn:aws:s3:::b/x"]}]}
        """, catalogue: catalogue)
        #expect(Self.findings(RedundantActionRule(budget: 0), context) == [
            "2:42: `s3:GetObject` by `s3:Get*`", "2:58: `s3:GetObject` by `s3:Get*`",
        ])
        #expect(Self.findings(RedundantActionRule(), context).first == "2:25: `s3:GetObject*` by `s3:Get*`")
        #expect(Self.findings(RedundantResourceRule(budget: 0), context) == ["3:81: `arn:aws:s3:::b/x` by `arn:aws:s3:::b/x`"])
        #expect(Self.findings(RedundantResourceRule(), context).count == 3)
    }

    /// The resource-mismatch rule's question, asked of every type and entry in turn.
    static func referenceAnyMatch(_ types: [ResourceTypeInfo], _ arns: [ARNText]) -> Bool {
        types.contains { type in arns.contains { type.matches(pattern: $0.normalized) } }
    }

    @Test func resourceTypesMatchEntriesAsComparingEveryPairWould() throws {
        let catalogue = try #require(Self.catalogue)
        // Types of several services, among them `devops-guru`'s `topic`, whose template is an `sns` ARN.
        let types = ["s3", "sns", "devops-guru", "iam", "es", "dynamodb", "apigateway"].flatMap { catalogue.service($0)?.resourceTypes ?? [] }
        #expect(types.count > 30)
        let entries = [
            "arn:aws:s3:::b", "arn:aws:s3:::b/k", "ARN:AWS:S3:::b/k", "arn:aws:s3:::*", "arn:aws:s3:::b/*", "arn:aws:sns:us-east-1:1:t",
            "arn:*:s3:::b", "arn:aws:*:::b", "arn:aws:iam::1:role/r", "arn:*:iam::1:role/r:x", "arn:aws:s?:::b", "arn:aws:es:*:*:domain/d/*",
            "arn:aws:dynamodb:*:*:table/t/stream/*", "arn:aws:ec2:*:*:instance/i", "arn:aws:apigateway:*::/restapis/a", "arn:*",
            "arn:aws:iam::1:*", "arn:aws:es:r:1:domain/d", "arn:aws:sns:*:*:*",
        ]
        var matched = 0
        for type in types {
            for entry in entries {
                var budget = Int.max
                let arn = ARNText(entry)
                let expected = Self.referenceAnyMatch([type], [arn])
                #expect(ResourceMismatchRule.anyMatch(types: [type], arns: [arn], budget: &budget) == expected,
                        "\(type.service) \(type.name) `\(type.arnTemplate)` against `\(entry)`")
                if expected { matched += 1 }
            }
        }
        #expect(matched > 50)
        // No type matches `ec?`, but finding out takes comparisons, which an empty budget does not allow.
        let unmatched = [ARNText("arn:aws:ec?:::i")]
        let referenceMatches = Self.referenceAnyMatch(types, unmatched)
        #expect(!referenceMatches)
        var budget = 0
        let matchesWithoutBudget = ResourceMismatchRule.anyMatch(types: types, arns: unmatched, budget: &budget)
        #expect(matchesWithoutBudget,
                "an exhausted budget counts as a match, so the rule stays silent")
    }

    /// `lint.unsupported-condition-key` as first written: every clause against every action's every key.
    static func referenceUnsupportedKeyPositions(_ context: LintContext) -> [SourcePosition] {
        let rule = UnsupportedConditionKeyRule()
        func family(_ key: String) -> String? { key.firstIndex(of: "/").map { key[...$0].lowercased() } }
        func supports(_ action: ActionInfo, _ key: String) -> Bool {
            action.allConditionKeys.contains { name in
                key.lowercased() == name.lowercased() || ConditionKeyTemplate(name)?.matches(key) == true
                    || (family(key) != nil && family(name) == family(key))
            }
        }
        var positions: [SourcePosition] = []
        for (statement, resolved) in context.statements {
            guard !statement.conditions.isEmpty, let actions = context.exactActions(resolved, of: statement) else { continue }
            for clause in statement.conditions where rule.isServiceKey(clause.key, context: context) {
                guard !actions.contains(where: { supports($0, clause.key) }) else { continue }
                if context.catalogue.conditionKey(clause.key) != nil, let colon = clause.key.firstIndex(of: ":"),
                   let service = context.catalogue.service(String(clause.key[..<colon])),
                   !service.actions.contains(where: { supports($0, clause.key) }) { continue }
                positions.append(clause.position)
            }
        }
        return positions
    }

    @Test func unsupportedConditionKeysAreFoundAsComparingEveryActionWould() throws {
        let catalogue = try #require(Self.catalogue)
        for name in catalogue.managedPolicyNames {
            guard let record = catalogue.managedPolicy(named: name) else { continue }
            let context = try Self.context(record.documentJSON, catalogue: catalogue)
            #expect(UnsupportedConditionKeyRule().check(context).map(\.position) == Self.referenceUnsupportedKeyPositions(context), "\(name)")
        }
        let actions = ["s3:GetObject", "s3:PutObject", "s3:ListBucket", "secretsmanager:GetSecretValue", "ec2:RunInstances", "lambda:InvokeFunction"]
        let keys = ["s3:ExistingObjectTag/env", "S3:Prefix", "s3:x-amz-acl", "s3:unknownkey", "secretsmanager:ResourceTag/team",
                    "secretsmanager:resourcetag/x", "ec2:ResourceTag/x", "ec2:SourceInstanceARN", "lambda:SourceFunctionArn",
                    "aws:SourceIp", "s3:RequestObjectTag/k", "ec2:InstanceType", "lambda:FunctionArn"]
        var reported = 0
        for seed in 0..<120 {
            let chosenActions = (0..<(1 + seed % 3)).map { actions[(seed * 5 + $0 * 7) % actions.count] }
            let chosenKeys = (0..<(1 + seed % 4)).map { keys[(seed * 3 + $0 * 11) % keys.count] }
            let conditions = Dictionary(chosenKeys.map { ($0, "x") }, uniquingKeysWith: { first, _ in first })
            let policy = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [\(chosenActions.map { "\"\($0)\"" }.joined(separator: ","))],
              "Resource": "*", "Condition": {"StringEquals": {\(conditions.keys.sorted().map { "\"\($0)\": \"x\"" }.joined(separator: ","))}}}]}
            """
            let context = try Self.context(policy, catalogue: catalogue)
            let found = UnsupportedConditionKeyRule().check(context).map(\.position)
            #expect(found == Self.referenceUnsupportedKeyPositions(context), "\(policy)")
            reported += found.count
        }
        #expect(reported > 50)
    }
}
