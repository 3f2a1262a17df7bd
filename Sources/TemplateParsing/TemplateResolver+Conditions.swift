import PolicyModel

extension TemplateResolver {
    /// The value of a named condition, evaluated once. A condition that depends on an unsupplied
    /// pseudo parameter is `.unknown`.
    mutating func condition(named name: String, at position: SourcePosition) -> Truth {
        if let value = cachedCondition(name) { return value }
        guard let definition = conditions[name] else {
            report("template.unknown-condition", "condition `\(name)` is not defined", at: position)
            return .unknown
        }
        if let start = conditionStackIndex(of: name) {
            let cycle = (conditionStackSuffix(from: start) + [name]).map { "`\($0)`" }.joined(separator: " -> ")
            report("template.circular-reference", "circular reference between conditions: \(cycle)", at: position)
            return .unknown
        }
        guard conditionStackDepth < Self.maximumConditionNesting else {
            report("template.too-deep", "conditions refer to each other more than \(Self.maximumConditionNesting) levels deep", at: position)
            return .unknown
        }
        pushCondition(name)
        let value = evaluateCondition(definition.value)
        popCondition()
        storeCondition(name, value)
        return value
    }

    /// Evaluates `Fn::Equals`, `Fn::Not`, `Fn::And`, `Fn::Or` and `Condition` with Kleene logic.
    mutating func evaluateCondition(_ node: TemplateNode) -> Truth {
        guard let members = node.mapValue, members.count == 1 else {
            report("template.invalid-condition", "a condition must be `Fn::Equals`, `Fn::Not`, `Fn::And`, `Fn::Or` or `Condition`, found \(node.typeName)", at: node.position)
            return .unknown
        }
        let member = members[0]
        let argument = member.value
        switch member.key {
        case "Condition":
            guard let name = argument.stringValue else {
                report("template.invalid-condition", "`Condition` takes a condition name, found \(argument.typeName)", at: argument.position)
                return .unknown
            }
            return condition(named: name, at: argument.position)
        case "Fn::Equals":
            guard let items = argument.listValue, items.count == 2 else {
                report("template.invalid-intrinsic", "`Fn::Equals` takes a list of two values", at: member.keyPosition)
                return .unknown
            }
            return equals(resolve(items[0]), resolve(items[1]))
        case "Fn::Not":
            guard let items = argument.listValue, items.count == 1 else {
                report("template.invalid-intrinsic", "`Fn::Not` takes a list of one condition", at: member.keyPosition)
                return .unknown
            }
            return !evaluateCondition(items[0])
        case "Fn::And", "Fn::Or":
            guard let items = argument.listValue, (2...10).contains(items.count) else {
                report("template.invalid-intrinsic", "`\(member.key)` takes a list of 2 to 10 conditions", at: member.keyPosition)
                return .unknown
            }
            let isAnd = member.key == "Fn::And"
            var result: Truth = isAnd ? .yes : .no
            for item in items {
                switch (evaluateCondition(item), isAnd) {
                case (.no, true): result = .no
                case (.yes, false): result = .yes
                case (.unknown, _): if result != (isAnd ? .no : .yes) { result = .unknown }
                default: break
                }
            }
            return result
        default:
            if Self.isIntrinsic(member.key) {
                report("template.invalid-condition", "`\(member.key)` cannot be used as a condition", at: member.keyPosition)
            } else {
                report("template.invalid-condition", "a condition must be `Fn::Equals`, `Fn::Not`, `Fn::And`, `Fn::Or` or `Condition`, found `\(member.key)`", at: member.keyPosition)
            }
            return .unknown
        }
    }

    /// Equal text is equal even when symbolic (the same token is the same unknown value);
    /// different text is only known to differ when neither side holds a token.
    private func equals(_ left: Resolved, _ right: Resolved) -> Truth {
        guard case .value(let leftNode) = left, case .value(let rightNode) = right else { return .unknown }
        let leftText = leftNode.scalarText ?? leftNode.jsonText()
        let rightText = rightNode.scalarText ?? rightNode.jsonText()
        if leftText == rightText { return .yes }
        if SymbolToken.containsToken(leftText) || SymbolToken.containsToken(rightText) { return .unknown }
        return .no
    }
}
