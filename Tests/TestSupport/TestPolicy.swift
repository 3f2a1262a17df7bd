import PolicyParsing

/// A policy document built from labelled statements: an identity policy
/// (`.allow(["s3:GetObject"], on: "arn:aws:s3:::b/*")`), a trust policy
/// (`.service("osis-pipelines.amazonaws.com")`, `.cognito(pool: .ref("Pool"))`) or a resource
/// policy (statements with `.by(principal)`).
package struct TestPolicy: Sendable {
    /// The name an inline policy is written under (`PolicyName`); generated when nil.
    package var name: String?
    package var statements: [TestStatement]

    package init(_ statements: [TestStatement], name: String? = nil) {
        self.statements = statements
        self.name = name
    }

    package static func allow(_ actions: [String], on resources: [TestValue], when conditions: [TestCondition] = []) -> TestPolicy {
        TestPolicy([.allow(actions, on: resources, when: conditions)])
    }

    package static func allow(_ actions: [String], on resource: TestValue, when conditions: [TestCondition] = []) -> TestPolicy {
        allow(actions, on: [resource], when: conditions)
    }

    package static func deny(_ actions: [String], on resources: [TestValue], when conditions: [TestCondition] = []) -> TestPolicy {
        TestPolicy([.deny(actions, on: resources, when: conditions)])
    }

    package static func deny(_ actions: [String], on resource: TestValue, when conditions: [TestCondition] = []) -> TestPolicy {
        deny(actions, on: [resource], when: conditions)
    }

    /// A trust policy that lets `principal` assume the role (with `action`).
    package static func assumable(by principal: TestPrincipal, action: String = "sts:AssumeRole", when conditions: [TestCondition] = []) -> TestPolicy {
        TestPolicy([.allowAssume(by: principal, action: action, when: conditions)])
    }

    /// A trust policy that lets these AWS services assume the role.
    package static func service(_ services: String..., when conditions: [TestCondition] = []) -> TestPolicy {
        assumable(by: TestPrincipal(services: services), when: conditions)
    }

    /// The trust policy Cognito documents for an identity pool's role: identities of `pool`
    /// (authenticated ones, or guests) may assume it with web identity.
    package static func cognito(pool: TestValue, authenticated: Bool = true) -> TestPolicy {
        assumable(by: .federated("cognito-identity.amazonaws.com"), action: "sts:AssumeRoleWithWebIdentity", when: [
            .stringEquals("cognito-identity.amazonaws.com:aud", pool),
            .forAnyValueStringLike("cognito-identity.amazonaws.com:amr", .text(authenticated ? "authenticated" : "unauthenticated")),
        ])
    }

    package func named(_ name: String) -> TestPolicy {
        var policy = self
        policy.name = name
        return policy
    }

    package var json: JSONOutput {
        .object([("Version", .string("2012-10-17")), ("Statement", .array(statements.map(\.json)))])
    }
}

/// One statement. Identity statements name resources; trust statements name a principal and no
/// resource; resource-policy statements name both (`.allow(…).by(.everyone)`).
package struct TestStatement: Sendable {
    package enum Effect: String, Sendable {
        case allow = "Allow"
        case deny = "Deny"
    }

    package var sid: String?
    package var effect: Effect
    package var principal: TestPrincipal?
    package var actions: [String]
    /// nil for a trust statement, which has no `Resource`.
    package var resources: [TestValue]?
    package var conditions: [TestCondition]
    /// Written as `NotAction` / `NotResource`: the statement is about every other action or resource.
    package var excludesActions = false
    package var excludesResources = false

    package init(sid: String? = nil, effect: Effect, principal: TestPrincipal? = nil, actions: [String], resources: [TestValue]?,
                 conditions: [TestCondition] = []) {
        self.sid = sid
        self.effect = effect
        self.principal = principal
        self.actions = actions
        self.resources = resources
        self.conditions = conditions
    }

    package static func allow(_ actions: [String], on resources: [TestValue], when conditions: [TestCondition] = []) -> TestStatement {
        TestStatement(effect: .allow, actions: actions, resources: resources, conditions: conditions)
    }

    package static func allow(_ actions: [String], on resource: TestValue, when conditions: [TestCondition] = []) -> TestStatement {
        allow(actions, on: [resource], when: conditions)
    }

    package static func deny(_ actions: [String], on resources: [TestValue], when conditions: [TestCondition] = []) -> TestStatement {
        TestStatement(effect: .deny, actions: actions, resources: resources, conditions: conditions)
    }

    package static func deny(_ actions: [String], on resource: TestValue, when conditions: [TestCondition] = []) -> TestStatement {
        deny(actions, on: [resource], when: conditions)
    }

    /// A trust statement: `principal` may call `action` on the role.
    package static func allowAssume(by principal: TestPrincipal, action: String = "sts:AssumeRole", when conditions: [TestCondition] = []) -> TestStatement {
        TestStatement(effect: .allow, principal: principal, actions: [action], resources: nil, conditions: conditions)
    }

    /// A trust statement that refuses `principal`.
    package static func denyAssume(by principal: TestPrincipal, action: String = "sts:AssumeRole", when conditions: [TestCondition] = []) -> TestStatement {
        TestStatement(effect: .deny, principal: principal, actions: [action], resources: nil, conditions: conditions)
    }

    /// The statement with the principal a resource-based policy names.
    package func by(_ principal: TestPrincipal) -> TestStatement {
        var statement = self
        statement.principal = principal
        return statement
    }

    /// The statement with its actions written as `NotAction` and, when `resources` is true, its
    /// resources as `NotResource`.
    package func excepting(resources: Bool = false) -> TestStatement {
        var statement = self
        statement.excludesActions = true
        statement.excludesResources = resources
        return statement
    }

    package func withSid(_ sid: String) -> TestStatement {
        var statement = self
        statement.sid = sid
        return statement
    }

    package var json: JSONOutput {
        var members: [(String, JSONOutput)] = []
        if let sid { members.append(("Sid", .string(sid))) }
        members.append(("Effect", .string(effect.rawValue)))
        if let principal { members.append(("Principal", principal.json)) }
        members.append((excludesActions ? "NotAction" : "Action", Self.oneOrMany(actions.map(JSONOutput.string))))
        if let resources { members.append((excludesResources ? "NotResource" : "Resource", Self.oneOrMany(resources.map(\.json)))) }
        if !conditions.isEmpty { members.append(("Condition", TestCondition.block(conditions))) }
        return .object(members)
    }

    /// One value alone, several as a list: as policies are usually written.
    static func oneOrMany(_ values: [JSONOutput]) -> JSONOutput {
        values.count == 1 ? values[0] : .array(values)
    }
}

/// Who a trust or resource-based policy statement names.
package struct TestPrincipal: Sendable {
    let json: JSONOutput

    /// `{"AWS": "*"}`: every principal of every account.
    package static let everyone = TestPrincipal(json: .object([("AWS", .string("*"))]))
    /// The stack's own account (`arn:…:iam::<account>:root`), which delegates to IAM policies.
    package static let account = aws(.accountRoot)

    package static func aws(_ principals: TestValue...) -> TestPrincipal {
        TestPrincipal(json: .object([("AWS", TestStatement.oneOrMany(principals.map(\.json)))]))
    }

    package static func service(_ services: String...) -> TestPrincipal { TestPrincipal(services: services) }

    package static func federated(_ provider: String) -> TestPrincipal {
        TestPrincipal(json: .object([("Federated", .string(provider))]))
    }

    init(json: JSONOutput) {
        self.json = json
    }

    init(services: [String]) {
        json = .object([("Service", TestStatement.oneOrMany(services.map(JSONOutput.string)))])
    }
}

/// One condition: an operator, a key and its values (`.stringEquals("aws:SourceAccount", .accountId)`).
package struct TestCondition: Sendable {
    package var `operator`: String
    package var key: String
    package var values: [TestValue]

    package init(_ operator: String, _ key: String, _ values: [TestValue]) {
        self.operator = `operator`
        self.key = key
        self.values = values
    }

    package static func stringEquals(_ key: String, _ values: TestValue...) -> TestCondition { TestCondition("StringEquals", key, values) }
    package static func stringNotEquals(_ key: String, _ values: TestValue...) -> TestCondition { TestCondition("StringNotEquals", key, values) }
    package static func forAnyValueStringLike(_ key: String, _ values: TestValue...) -> TestCondition {
        TestCondition("ForAnyValue:StringLike", key, values)
    }
    package static func bool(_ key: String, _ value: Bool) -> TestCondition { TestCondition("Bool", key, [.text(value ? "true" : "false")]) }

    /// A statement's `Condition` block: conditions grouped under their operators, in the order
    /// first written.
    static func block(_ conditions: [TestCondition]) -> JSONOutput {
        var operators: [String] = []
        var keys: [String: [(String, JSONOutput)]] = [:]
        for condition in conditions {
            if keys[condition.operator] == nil { operators.append(condition.operator) }
            keys[condition.operator, default: []].append((condition.key, TestStatement.oneOrMany(condition.values.map(\.json))))
        }
        return .object(operators.map { ($0, .object(keys[$0] ?? [])) })
    }
}
