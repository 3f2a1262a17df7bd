import PolicyModel

/// Turns policy JSON into a `PolicyDocument`, reporting every structural problem it finds, each
/// with its position and a stable `policy.*` code. It checks the grammar only; whether an action
/// exists or an element suits the policy type is the linter's job.
package struct PolicyParser {
    private var diagnostics: [Diagnostic] = []
    private var variablesEnabled = true

    private init() {}

    /// Parses policy text. Throws every error found (JSON errors stop at the first).
    package static func parse(_ text: String) throws(DiagnosticError) -> PolicyDocument {
        try parse(node: try JSONReader.parse(text))
    }

    package static func parse(bytes: [UInt8]) throws(DiagnosticError) -> PolicyDocument {
        try parse(node: try readDocument(bytes: bytes))
    }

    /// A policy file's JSON; files larger than `InputLimits.policyBytes` are refused unread.
    package static func readDocument(bytes: [UInt8]) throws(DiagnosticError) -> JSONNode {
        guard bytes.count <= InputLimits.policyBytes else {
            throw DiagnosticError(Diagnostic(
                severity: .error, code: "policy.too-large",
                message: "the policy is \(bytes.count) bytes, more than the limit of \(InputLimits.policyBytes)",
                position: SourcePosition(line: 1, column: 1),
                help: "IAM accepts policies of at most 32 KB (key policies), managed policies of at most 6,144 characters"))
        }
        return try JSONReader.parse(bytes: bytes)
    }

    /// Parses an already-read JSON node (a policy embedded in a larger document).
    package static func parse(node: JSONNode) throws(DiagnosticError) -> PolicyDocument {
        var parser = PolicyParser()
        let document = parser.document(node)
        if let document, parser.diagnostics.isEmpty { return document }
        throw DiagnosticError(parser.diagnostics.isEmpty
            ? [Diagnostic(severity: .error, code: "policy.invalid", message: "invalid policy document", position: node.position)]
            : parser.diagnostics)
    }

    private mutating func fail(_ code: String, _ message: String, at position: SourcePosition, help: String? = nil) {
        diagnostics.append(Diagnostic(severity: .error, code: "policy.\(code)", message: message, position: position, help: help))
    }

    private mutating func document(_ node: JSONNode) -> PolicyDocument? {
        guard let members = node.objectValue else {
            fail("expected-object", "a policy document must be a JSON object, found \(node.typeName)", at: node.position)
            return nil
        }
        var version: PolicyVersion?
        var id: String?
        var statementNode: JSONNode?
        for member in members {
            switch member.key {
            case "Version":
                guard let text = member.value.stringValue else {
                    fail("wrong-type", "`Version` must be a string, found \(member.value.typeName)", at: member.value.position)
                    continue
                }
                guard let parsed = PolicyVersion(rawValue: text) else {
                    fail("invalid-version", "`Version` must be `2012-10-17` or `2008-10-17`, found `\(text)`", at: member.value.position)
                    continue
                }
                version = parsed
            case "Id":
                guard let text = member.value.stringValue else {
                    fail("wrong-type", "`Id` must be a string, found \(member.value.typeName)", at: member.value.position)
                    continue
                }
                id = text
            case "Statement":
                statementNode = member.value
            default:
                fail("unknown-element", "unknown policy element `\(member.key)`", at: member.keyPosition,
                     help: "a policy document has only `Version`, `Id` and `Statement`")
            }
        }
        variablesEnabled = version == .v2012_10_17
        guard let statementNode else {
            fail("missing-statement", "the policy has no `Statement` element", at: node.position)
            return nil
        }
        var statements: [Statement] = []
        let isList: Bool
        switch statementNode.value {
        case .object:
            isList = false
            if let statement = statement(statementNode, index: 0) { statements.append(statement) }
        case .array(let items):
            isList = true
            for (index, item) in items.enumerated() {
                if let statement = statement(item, index: index) { statements.append(statement) }
            }
        default:
            fail("wrong-type", "`Statement` must be an object or a list of objects, found \(statementNode.typeName)", at: statementNode.position)
            return nil
        }
        return PolicyDocument(version: version, id: id, statements: statements, statementIsList: isList, position: node.position)
    }

    private mutating func statement(_ node: JSONNode, index: Int) -> Statement? {
        guard let members = node.objectValue else {
            fail("wrong-type", "a statement must be an object, found \(node.typeName)", at: node.position)
            return nil
        }
        var sid: String?
        var sidPosition: SourcePosition?
        var effect: Effect?
        var principal: PrincipalElement?
        var action: ActionElement?
        var resource: ResourceElement?
        var conditions: [ConditionClause] = []
        var sawEffect = false
        for member in members {
            switch member.key {
            case "Sid":
                guard let text = member.value.stringValue else {
                    fail("wrong-type", "`Sid` must be a string, found \(member.value.typeName)", at: member.value.position)
                    continue
                }
                sid = text
                sidPosition = member.value.position
            case "Effect":
                sawEffect = true
                guard let text = member.value.stringValue else {
                    fail("wrong-type", "`Effect` must be a string, found \(member.value.typeName)", at: member.value.position)
                    continue
                }
                guard let parsed = Effect(rawValue: text) else {
                    fail("invalid-effect", "`Effect` must be exactly `Allow` or `Deny`, found `\(text)`", at: member.value.position,
                         help: "IAM compares the effect case-sensitively")
                    continue
                }
                effect = parsed
            case "Principal", "NotPrincipal":
                if principal != nil {
                    fail("conflicting-elements", "a statement may have `Principal` or `NotPrincipal`, not both", at: member.keyPosition)
                    continue
                }
                principal = principalElement(member.value, isNot: member.key == "NotPrincipal")
            case "Action", "NotAction":
                if action != nil {
                    fail("conflicting-elements", "a statement may have `Action` or `NotAction`, not both", at: member.keyPosition)
                    continue
                }
                if let strings = stringList(member.value, element: member.key) {
                    action = ActionElement(
                        isNot: member.key == "NotAction",
                        patterns: strings.map { ActionPattern($0.value, position: $0.position) },
                        position: member.value.position
                    )
                }
            case "Resource", "NotResource":
                if resource != nil {
                    fail("conflicting-elements", "a statement may have `Resource` or `NotResource`, not both", at: member.keyPosition)
                    continue
                }
                if let strings = stringList(member.value, element: member.key) {
                    resource = ResourceElement(
                        isNot: member.key == "NotResource",
                        patterns: strings.map { ResourcePattern($0.value, variablesEnabled: variablesEnabled, position: $0.position) },
                        position: member.value.position
                    )
                }
            case "Condition":
                conditions = conditionBlock(member.value)
            default:
                fail("unknown-element", "unknown statement element `\(member.key)`", at: member.keyPosition)
            }
        }
        if !sawEffect {
            fail("missing-effect", "the statement has no `Effect`", at: node.position)
        }
        guard let effect else { return nil }
        guard let action else {
            if !members.contains(where: { $0.key == "Action" || $0.key == "NotAction" }) {
                fail("missing-action", "the statement has no `Action` or `NotAction`", at: node.position)
            }
            return nil
        }
        return Statement(
            index: index, sid: sid, effect: effect, principal: principal, action: action,
            resource: resource, conditions: conditions, position: node.position, sidPosition: sidPosition
        )
    }

    /// A string or a non-empty list of strings.
    private mutating func stringList(_ node: JSONNode, element: String) -> [Located<String>]? {
        switch node.value {
        case .string(let text):
            if text.isEmpty {
                fail("empty-value", "`\(element)` must not be an empty string", at: node.position)
                return nil
            }
            return [Located(text, at: node.position)]
        case .array(let items):
            if items.isEmpty {
                fail("empty-value", "`\(element)` must not be an empty list", at: node.position)
                return nil
            }
            var result: [Located<String>] = []
            for item in items {
                guard let text = item.stringValue else {
                    fail("wrong-type", "each `\(element)` entry must be a string, found \(item.typeName)", at: item.position)
                    continue
                }
                if text.isEmpty {
                    fail("empty-value", "`\(element)` entries must not be empty", at: item.position)
                    continue
                }
                result.append(Located(text, at: item.position))
            }
            return result.count == items.count ? result : nil
        default:
            fail("wrong-type", "`\(element)` must be a string or a list of strings, found \(node.typeName)", at: node.position)
            return nil
        }
    }

    private mutating func principalElement(_ node: JSONNode, isNot: Bool) -> PrincipalElement? {
        let name = isNot ? "NotPrincipal" : "Principal"
        switch node.value {
        case .string(let text):
            guard text == "*" else {
                fail("invalid-principal", "a `\(name)` string must be `*`; name principals in an object such as {\"AWS\": \"\(text)\"}", at: node.position)
                return nil
            }
            return PrincipalElement(isNot: isNot, isEveryone: true, entries: [], position: node.position)
        case .object(let members):
            var entries: [PrincipalElement.Entry] = []
            if members.isEmpty {
                fail("empty-value", "`\(name)` must name at least one principal", at: node.position)
                return nil
            }
            for member in members {
                guard let kind = PrincipalElement.Kind(rawValue: member.key) else {
                    fail("invalid-principal", "unknown principal type `\(member.key)`", at: member.keyPosition,
                         help: "use `AWS`, `Service`, `Federated` or `CanonicalUser`")
                    continue
                }
                guard let values = stringList(member.value, element: "\(name).\(member.key)") else { continue }
                entries += values.map { PrincipalElement.Entry(kind: kind, value: $0.value, position: $0.position) }
            }
            return PrincipalElement(isNot: isNot, isEveryone: false, entries: entries, position: node.position)
        default:
            fail("wrong-type", "`\(name)` must be `*` or an object, found \(node.typeName)", at: node.position)
            return nil
        }
    }

    private mutating func conditionBlock(_ node: JSONNode) -> [ConditionClause] {
        guard let operators = node.objectValue else {
            fail("wrong-type", "`Condition` must be an object, found \(node.typeName)", at: node.position)
            return []
        }
        var clauses: [ConditionClause] = []
        for operatorMember in operators {
            guard let conditionOperator = ConditionOperator(parsing: operatorMember.key) else {
                fail("unknown-operator", "unknown condition operator `\(operatorMember.key)`", at: operatorMember.keyPosition)
                continue
            }
            if conditionOperator.base == .null && conditionOperator.ifExists {
                fail("invalid-operator", "`Null` cannot take `IfExists`", at: operatorMember.keyPosition)
                continue
            }
            guard let keys = operatorMember.value.objectValue else {
                fail("wrong-type", "the value of `\(operatorMember.key)` must be an object of condition keys, found \(operatorMember.value.typeName)",
                     at: operatorMember.value.position)
                continue
            }
            var seenKeys: [String: SourcePosition] = [:]
            for keyMember in keys {
                let lookup = keyMember.key.lowercased()
                if seenKeys[lookup] != nil {
                    fail("duplicate-condition-key", "condition key `\(keyMember.key)` appears twice under `\(operatorMember.key)` (key names are case-insensitive)",
                         at: keyMember.keyPosition)
                    continue
                }
                seenKeys[lookup] = keyMember.keyPosition
                guard let values = conditionValues(keyMember.value, operator: conditionOperator, key: keyMember.key) else { continue }
                clauses.append(ConditionClause(operator: conditionOperator, key: keyMember.key, values: values, position: keyMember.keyPosition))
            }
        }
        return clauses
    }

    private mutating func conditionValues(_ node: JSONNode, operator conditionOperator: ConditionOperator, key: String) -> [ConditionValue]? {
        let items: [JSONNode]
        if case .array(let list) = node.value { items = list } else { items = [node] }
        var values: [ConditionValue] = []
        for item in items {
            let text: String
            switch item.value {
            case .string(let string): text = string
            case .number(let number): text = number
            case .bool(let bool): text = bool ? "true" : "false"
            default:
                fail("wrong-type", "condition values for `\(key)` must be strings, numbers or booleans, found \(item.typeName)", at: item.position)
                continue
            }
            guard let value = conditionValue(text, operator: conditionOperator, position: item.position) else { continue }
            values.append(value)
        }
        return values.count == items.count ? values : nil
    }

    private mutating func conditionValue(_ text: String, operator conditionOperator: ConditionOperator, position: SourcePosition) -> ConditionValue? {
        do {
            return try ConditionValue(text, for: conditionOperator, variablesEnabled: variablesEnabled, position: position)
        } catch {
            fail("invalid-condition-value", error.description, at: position)
            return nil
        }
    }
}
