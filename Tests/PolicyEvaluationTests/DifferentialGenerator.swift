import PolicyEvaluation
import PolicyModel
import PolicyParsing

/// SplitMix64 (Steele, Lea and Flood, 2014): a fixed seed gives the same sequence on every
/// platform and Swift version, which the standard library's `random(in:using:)` does not promise.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// A number in `0..<bound` (the modulo bias is irrelevant for bounds this small).
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    mutating func pick<Element>(_ elements: [Element]) -> Element { elements[below(elements.count)] }

    /// Between one and `most` distinct elements, in the order drawn.
    mutating func some<Element: Equatable>(_ elements: [Element], most: Int) -> [Element] {
        var chosen: [Element] = []
        for _ in 0..<(1 + below(most)) {
            let element = pick(elements)
            if !chosen.contains(element) { chosen.append(element) }
        }
        return chosen
    }
}

/// The vocabulary the generator draws from: small enough that statements often apply to the
/// request, varied enough to reach every row of the rule table.
enum Vocabulary {
    static let otherAccount = "444455556666"
    static let actions = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket"]
    static let actionPatterns = [
        "s3:GetObject", "s3:PutObject", "s3:Get*", "s3:*Object", "s3:*", "*", "s3:Put?bject", "S3:getobject", "s3:List*",
        "s3:Delete*", "ec2:*",
    ]
    static let resources = ["arn:aws:s3:::bucket-a", "arn:aws:s3:::bucket-a/key1", "arn:aws:s3:::bucket-a/logs/key2", "arn:aws:s3:::bucket-b/key1"]
    /// Wildcards stay inside the resource part (or are the whole `*`), where matching the whole
    /// ARN as one string and matching it segment by segment agree.
    static let resourcePatterns = [
        "*", "arn:aws:s3:::bucket-a", "arn:aws:s3:::bucket-a/*", "arn:aws:s3:::bucket-?/*", "arn:aws:s3:::*",
        "arn:aws:s3:::bucket-a/logs/*", "arn:aws:s3:::bucket-b*", "arn:aws:s3:::*/key1",
    ]
    /// Principal entries of the bucket policy: the caller in every form, and near misses.
    static let principals = [
        "*", SmallRequest.sessionARN, SmallRequest.roleARN, SmallRequest.userARN, SmallRequest.callerAccount,
        "arn:aws:iam::111122223333:root", "arn:aws:iam::\(otherAccount):root", "arn:aws:iam::111122223333:role/Writer",
        "arn:aws:sts::111122223333:assumed-role/Reader/other-session", "arn:aws:iam::111122223333:user/bob",
    ]
    /// The key the unknown-value tier marks unknown.
    static let probedKey = "aws:PrincipalTag/team"
    static let otherKey = "aws:ResourceTag/stage"
    /// The keys conditions test: the probed key in two spellings (key names are case-insensitive),
    /// then the other key.
    static let conditionKeys = [probedKey, "AWS:principaltag/Team", otherKey]
    static let equalsValues = ["a", "b", "ab", "A"]
    static let likePatterns = ["a*", "*b", "a?", "*", "?", "*ab*"]
    /// Values a request may carry for a condition key.
    static let contextValues = ["a", "b", "ab", "A", "abc", "ba", "c"]

    /// One string for each way the condition vocabulary can tell values apart: every string over
    /// `a`, `b`, `A`, `c` of length 1 to 4, keeping the first of each signature (which equality
    /// values it equals, which patterns it matches). Length 4 is needed (`baba`: contains `ab`,
    /// neither starts with `a` nor ends with `b`); `vocabularyIsCoveredByShortValues` checks that
    /// longer strings add no signature.
    static let representativeValues: [String] = representatives(maxLength: 4)

    static func signature(_ value: String) -> [Bool] {
        equalsValues.map { $0 == value } + likePatterns.map { ReferenceAuthorizer.glob($0, value) }
    }

    static func representatives(maxLength: Int) -> [String] {
        var strings = [""]
        var all: [String] = []
        for _ in 0..<maxLength {
            strings = strings.flatMap { prefix in ["a", "b", "A", "c"].map { prefix + $0 } }
            all += strings
        }
        var seen: Set<[Bool]> = []
        return all.filter { seen.insert(signature($0)).inserted }
    }
}

/// Draws small policy sets and requests inside the subset.
struct PolicyGenerator {
    var random: SplitMix64
    /// Percentage of statements that carry a condition on `Vocabulary.probedKey`.
    var probedConditionPercent = 20

    /// The request being generated for: statements name its action and resource more often than
    /// chance would, so that most of them take part in the decision.
    private var focus: SmallRequest?

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    /// A request, then policies for it.
    mutating func next() -> (SmallPolicies, SmallRequest) {
        let request = request()
        focus = request
        return (policies(), request)
    }

    mutating func request() -> SmallRequest {
        var context: [String: String] = [:]
        for key in [Vocabulary.probedKey, Vocabulary.otherKey.lowercased()] where random.chance(65) {
            context[key] = random.pick(Vocabulary.contextValues)
        }
        return SmallRequest(
            caller: random.chance(60) ? .roleSession : .user, action: random.pick(Vocabulary.actions),
            resource: random.pick(Vocabulary.resources),
            resourceAccount: random.chance(65) ? SmallRequest.callerAccount : Vocabulary.otherAccount, context: context)
    }

    mutating func policies() -> SmallPolicies {
        var policies = SmallPolicies()
        policies.identity = (0..<random.below(3)).map { _ in statements(withPrincipal: false) }
        if random.chance(45) { policies.boundary = statements(withPrincipal: false) }
        if random.chance(70) { policies.bucketPolicy = statements(withPrincipal: true) }
        if random.chance(45) {
            // Unfocused, so that the SCP level refuses often enough to reach the rows it decides.
            let saved = focus
            focus = nil
            policies.serviceControlPolicies = (0..<(1 + random.below(2))).map { _ in statements(withPrincipal: false) }
            focus = saved
        }
        return policies
    }

    mutating func statements(withPrincipal: Bool) -> [SmallStatement] {
        (0..<(1 + random.below(3))).map { _ in statement(effect: random.chance(85) ? .allow : .deny, withPrincipal: withPrincipal) }
    }

    mutating func statement(effect: SmallStatement.Effect, withPrincipal: Bool) -> SmallStatement {
        var statement = SmallStatement(
            effect: effect, actions: random.some(Vocabulary.actionPatterns, most: 2), isNotAction: random.chance(12),
            resources: random.some(Vocabulary.resourcePatterns, most: 2),
            principals: withPrincipal ? random.some(Vocabulary.principals, most: 2) : nil)
        if let focus, random.chance(40), !statement.isNotAction { statement.actions = unique([focus.action] + statement.actions.dropFirst()) }
        if let focus, random.chance(40) { statement.resources = unique([focus.resource] + statement.resources.dropFirst()) }
        if focus != nil, let principals = statement.principals, random.chance(30) {
            let callerForm = random.pick(["*", SmallRequest.sessionARN, SmallRequest.roleARN, SmallRequest.userARN, SmallRequest.callerAccount])
            statement.principals = unique([callerForm] + principals.dropFirst())
        }
        if random.chance(probedConditionPercent) { statement.conditions.append(condition(key: random.pick(Array(Vocabulary.conditionKeys.prefix(2))))) }
        if random.chance(15) {
            let extra = condition(key: random.pick(Vocabulary.conditionKeys))
            // IAM rejects an operator that names one key twice (key names are case-insensitive).
            if !statement.conditions.contains(where: { $0.operation == extra.operation && $0.key.lowercased() == extra.key.lowercased() }) {
                statement.conditions.append(extra)
            }
        }
        return statement
    }

    private func unique(_ values: [String]) -> [String] {
        values.enumerated().filter { !values.prefix($0.offset).contains($0.element) }.map(\.element)
    }

    mutating func condition(key: String) -> SmallCondition {
        let operation = random.pick(SmallCondition.Operator.allCases)
        let isLike = operation == .stringLike || operation == .stringNotLike
        return SmallCondition(operation: operation, key: key, values: random.some(isLike ? Vocabulary.likePatterns : Vocabulary.equalsValues, most: 2))
    }

    /// One more statement of `effect` for `policies`, in a layer the request already has (or in a
    /// new identity policy, or a new bucket policy): never a new boundary or SCP level, which
    /// would add a requirement rather than a statement.
    mutating func insertion(_ effect: SmallStatement.Effect, into policies: SmallPolicies) -> Insertion {
        switch random.below(4) {
        case 0 where policies.boundary != nil:
            return Insertion(place: .boundary, statement: statement(effect: effect, withPrincipal: false))
        case 1 where policies.serviceControlPolicies != nil:
            let index = random.below(policies.serviceControlPolicies?.count ?? 1)
            return Insertion(place: .serviceControlPolicy(index), statement: statement(effect: effect, withPrincipal: false))
        case 2:
            return Insertion(place: .bucketPolicy, statement: statement(effect: effect, withPrincipal: true))
        default:
            let index = policies.identity.isEmpty || random.chance(30) ? nil : random.below(policies.identity.count)
            return Insertion(place: .identity(index), statement: statement(effect: effect, withPrincipal: false))
        }
    }
}

/// A statement to add, and where.
struct Insertion {
    enum Place {
        case boundary, bucketPolicy
        case serviceControlPolicy(Int)
        /// An existing identity policy, or (nil) a new one.
        case identity(Int?)
    }

    var place: Place
    var statement: SmallStatement

    /// `policies` with the statement added; nil when the place is gone (a shrunk case).
    func applied(to policies: SmallPolicies) -> SmallPolicies? {
        var result = policies
        switch place {
        case .boundary:
            guard policies.boundary != nil else { return nil }
            result.boundary?.append(statement)
        case .bucketPolicy:
            result.bucketPolicy = (policies.bucketPolicy ?? []) + [statement]
        case .serviceControlPolicy(let index):
            guard let levels = policies.serviceControlPolicies, levels.indices.contains(index) else { return nil }
            result.serviceControlPolicies?[index].append(statement)
        case .identity(nil):
            result.identity.append([statement])
        case .identity(let index?):
            guard policies.identity.indices.contains(index) else { return nil }
            result.identity[index].append(statement)
        }
        return result
    }
}

// MARK: - The subset as policy JSON and project values

enum SmallJSON {
    static func string(_ text: String) -> String {
        var quoted = "\""
        for character in text {
            if character == "\"" || character == "\\" { quoted.append("\\") }
            quoted.append(character)
        }
        return quoted + "\""
    }

    static func list(_ values: [String]) -> String {
        values.count == 1 ? string(values[0]) : "[" + values.map(string).joined(separator: ", ") + "]"
    }

    static func statement(_ statement: SmallStatement) -> String {
        var fields = ["\"Effect\": \(string(statement.effect.rawValue))"]
        if let principals = statement.principals {
            fields.append(principals == ["*"] ? "\"Principal\": \"*\"" : "\"Principal\": {\"AWS\": \(list(principals))}")
        }
        fields.append("\"\(statement.isNotAction ? "NotAction" : "Action")\": \(list(statement.actions))")
        fields.append("\"Resource\": \(list(statement.resources))")
        if !statement.conditions.isEmpty {
            // One operator may test several keys; the same operator twice would be a duplicate key.
            var byOperator: [(SmallCondition.Operator, [(String, [String])])] = []
            for condition in statement.conditions {
                if let index = byOperator.firstIndex(where: { $0.0 == condition.operation }) {
                    byOperator[index].1.append((condition.key, condition.values))
                } else {
                    byOperator.append((condition.operation, [(condition.key, condition.values)]))
                }
            }
            let blocks = byOperator.map { operation, tests in
                string(operation.rawValue) + ": {" + tests.map { string($0.0) + ": " + list($0.1) }.joined(separator: ", ") + "}"
            }
            fields.append("\"Condition\": {" + blocks.joined(separator: ", ") + "}")
        }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    static func document(_ statements: [SmallStatement]) -> String {
        "{\"Version\": \"2012-10-17\", \"Statement\": [" + statements.map(statement).joined(separator: ", ") + "]}"
    }

    /// The case in the corpus format (`accessgraph-case/v1`), expecting the reference's decision:
    /// check the AWS rule, name the case and trim its id before it joins the corpus.
    static func corpusCase(_ request: SmallRequest, _ policies: SmallPolicies, expected: Decision, id: String) -> String {
        let context = request.context.keys.sorted().map { "\(string($0)): \(string(request.context[$0] ?? ""))" }.joined(separator: ", ")
        let scp = policies.serviceControlPolicies.map { level in
            "[{\"level\": \"ou-workloads\", \"policies\": [" + level.map(document).joined(separator: ", ") + "]}]"
        } ?? "[]"
        return """
        {
          "schema": "accessgraph-case/v1",
          "id": \(string(id)),
          "name": "…",
          "source": "IAM User Guide, Policy evaluation logic — https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html",
          "request": {"principal": \(string(request.callerARN)), "anonymous": false, "action": \(string(request.action)),
                      "resource": \(string(request.resource)), "resourceAccount": \(string(request.resourceAccount)),
                      "wildcardOnlyAction": false, "context": {\(context)}},
          "policies": {
            "identity": [\(policies.identity.map(document).joined(separator: ", "))],
            "session": null,
            "permissionBoundary": \(policies.boundary.map { "[" + document($0) + "]" } ?? "null"),
            "resource": \(policies.bucketPolicy.map(document) ?? "null"),
            "scp": \(scp),
            "rcp": [],
            "vpcEndpoint": null
          },
          "expected": {"decision": \(string(expected.rawValue))}
        }
        """
    }
}

/// Turns the subset into the project's inputs, through the project's parser. Parsing dominates
/// the tier's run time in a debug build, so documents already parsed are reused.
final class ProjectInput {
    private var documents: [String: PolicyDocument] = [:]

    func policy(_ id: String, _ statements: [SmallStatement]) throws -> NamedPolicy {
        let text = SmallJSON.document(statements)
        if let document = documents[text] { return NamedPolicy(id: id, document: document) }
        let document = try PolicyParser.parse(text)
        documents[text] = document
        return NamedPolicy(id: id, document: document)
    }

    func policySet(_ policies: SmallPolicies) throws -> PolicySet {
        PolicySet(
            identity: try policies.identity.enumerated().map { try policy("identity[\($0.offset)]", $0.element) },
            permissionsBoundary: try policies.boundary.map { [try policy("permissionBoundary[0]", $0)] },
            resource: try policies.bucketPolicy.map { try policy("resource", $0) },
            serviceControlPolicies: try policies.serviceControlPolicies.map { level in
                [PolicyLevel(name: "ou-workloads", policies: try level.enumerated().map { try policy("scp[0].policies[\($0.offset)]", $0.element) })]
            } ?? [])
    }

    func decision(_ request: SmallRequest, _ policies: SmallPolicies) throws -> Decision {
        Authorizer().authorize(Self.request(request), policies: try policySet(policies)).decision
    }

    /// - Parameter unknownKey: a context key to mark unknown (its value, and whether it is present).
    static func request(_ request: SmallRequest, unknownKey: String? = nil) -> AuthorizationRequest {
        var context = RequestContext(request.context.mapValues { ContextValue.single($0) })
        if let unknownKey { context.markUnknown(unknownKey) }
        return AuthorizationRequest(principal: RequestPrincipal(request.callerARN), action: request.action, resource: request.resource,
                                    resourceAccount: request.resourceAccount, context: context)
    }
}

// MARK: - Shrinking a disagreement

enum Shrinker {
    /// Every way to make `policies` or `request` one step smaller: drop a policy, a statement, a
    /// condition, a listed value, or a context key.
    static func smaller(_ policies: SmallPolicies, _ request: SmallRequest) -> [(SmallPolicies, SmallRequest)] {
        var candidates: [(SmallPolicies, SmallRequest)] = []
        for key in request.context.keys.sorted() {
            var copy = request
            copy.context[key] = nil
            candidates.append((policies, copy))
        }
        for index in policies.identity.indices {
            var copy = policies
            copy.identity.remove(at: index)
            candidates.append((copy, request))
        }
        if let levels = policies.serviceControlPolicies, levels.count > 1 {
            for index in levels.indices {
                var copy = policies
                copy.serviceControlPolicies?.remove(at: index)
                candidates.append((copy, request))
            }
        }
        var withoutBoundary = policies
        withoutBoundary.boundary = nil
        var withoutBucket = policies
        withoutBucket.bucketPolicy = nil
        var withoutSCP = policies
        withoutSCP.serviceControlPolicies = nil
        candidates += [(withoutBoundary, request), (withoutBucket, request), (withoutSCP, request)].filter { $0.0 != policies }
        // Statement by statement, through every place statements live.
        for path in statementPaths(policies) {
            var removed = policies
            modify(&removed, at: path) { $0 = nil }
            candidates.append((removed, request))
            for smaller in statement(policies, at: path).map(smallerStatements) ?? [] {
                var copy = policies
                modify(&copy, at: path) { $0 = smaller }
                candidates.append((copy, request))
            }
        }
        return candidates
    }

    /// Repeats the first smaller step that keeps `failing` true until none does.
    static func shrink(_ policies: SmallPolicies, _ request: SmallRequest, while failing: (SmallPolicies, SmallRequest) -> Bool) -> (SmallPolicies, SmallRequest) {
        var current = (policies, request)
        while let next = smaller(current.0, current.1).first(where: { failing($0.0, $0.1) }) { current = next }
        return current
    }

    /// Where a statement lives: which policy, and its index there.
    struct StatementPath {
        enum Policy { case identity(Int), boundary, bucketPolicy, serviceControlPolicy(Int) }
        var policy: Policy
        var index: Int
    }

    static func statementPaths(_ policies: SmallPolicies) -> [StatementPath] {
        var places: [StatementPath.Policy] = policies.identity.indices.map { .identity($0) } + [.boundary, .bucketPolicy]
        places += (policies.serviceControlPolicies ?? []).indices.map { .serviceControlPolicy($0) }
        return places.flatMap { place in (statements(policies, in: place) ?? []).indices.map { StatementPath(policy: place, index: $0) } }
    }

    static func statements(_ policies: SmallPolicies, in place: StatementPath.Policy) -> [SmallStatement]? {
        switch place {
        case .identity(let index): policies.identity[index]
        case .boundary: policies.boundary
        case .bucketPolicy: policies.bucketPolicy
        case .serviceControlPolicy(let index): policies.serviceControlPolicies?[index]
        }
    }

    static func statement(_ policies: SmallPolicies, at path: StatementPath) -> SmallStatement? {
        statements(policies, in: path.policy)?[path.index]
    }

    /// Applies `change` to the statement at `path`; setting it to nil removes it.
    static func modify(_ policies: inout SmallPolicies, at path: StatementPath, _ change: (inout SmallStatement?) -> Void) {
        guard var statements = statements(policies, in: path.policy) else { return }
        var statement: SmallStatement? = statements[path.index]
        change(&statement)
        if let statement { statements[path.index] = statement } else { statements.remove(at: path.index) }
        switch path.policy {
        case .identity(let index): policies.identity[index] = statements
        case .boundary: policies.boundary = statements
        case .bucketPolicy: policies.bucketPolicy = statements
        case .serviceControlPolicy(let index): policies.serviceControlPolicies?[index] = statements
        }
    }

    static func smallerStatements(_ statement: SmallStatement) -> [SmallStatement] {
        var result: [SmallStatement] = []
        for index in statement.conditions.indices {
            var copy = statement
            copy.conditions.remove(at: index)
            result.append(copy)
            for value in statement.conditions[index].values.indices where statement.conditions[index].values.count > 1 {
                var fewer = statement
                fewer.conditions[index].values.remove(at: value)
                result.append(fewer)
            }
        }
        for index in statement.actions.indices where statement.actions.count > 1 {
            var copy = statement
            copy.actions.remove(at: index)
            result.append(copy)
        }
        for index in statement.resources.indices where statement.resources.count > 1 {
            var copy = statement
            copy.resources.remove(at: index)
            result.append(copy)
        }
        for index in (statement.principals ?? []).indices where (statement.principals?.count ?? 0) > 1 {
            var copy = statement
            copy.principals?.remove(at: index)
            result.append(copy)
        }
        return result
    }
}
