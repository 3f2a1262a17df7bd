/// One key test inside a `Condition` block: `"StringEquals": {"aws:SourceAccount": ["1", "2"]}`
/// gives one clause with two values. Clauses of a statement are ANDed, values of a clause ORed
/// (NOR for negated operators). Equality and hashing ignore positions.
package struct ConditionClause: Sendable, Hashable {
    package var `operator`: ConditionOperator
    /// The key as written; `lookupKey` is lower-cased because key names are case-insensitive.
    package var key: String
    package var lookupKey: String
    package var values: [ConditionValue]
    package var position: SourcePosition

    package init(operator: ConditionOperator, key: String, values: [ConditionValue], position: SourcePosition = .unknown) {
        self.operator = `operator`
        self.key = key
        self.lookupKey = key.lowercased()
        self.values = values
        self.position = position
    }

    package static func == (lhs: ConditionClause, rhs: ConditionClause) -> Bool {
        lhs.operator == rhs.operator && lhs.key == rhs.key && lhs.values == rhs.values
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(`operator`)
        hasher.combine(key)
        hasher.combine(values)
    }
}

/// One policy value of a clause, pre-parsed for its operator's family so evaluation does not
/// re-parse numbers, dates or CIDRs on every request. Equality and hashing ignore the position.
package struct ConditionValue: Sendable, Hashable {
    package enum Parsed: Sendable, Hashable {
        case text
        case number(Double)
        case date(Double)
        case bool(Bool)
        case binary([UInt8])
        case network(IPNetwork)
        case arn(ARNPattern)
        case glob(WildcardPattern)
    }

    package var template: TemplateString
    package var parsed: Parsed
    package var position: SourcePosition

    package init(template: TemplateString, parsed: Parsed, position: SourcePosition = .unknown) {
        self.template = template
        self.parsed = parsed
        self.position = position
    }

    package var text: String { template.raw }

    package static func == (lhs: ConditionValue, rhs: ConditionValue) -> Bool {
        lhs.template == rhs.template && lhs.parsed == rhs.parsed
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(template)
        hasher.combine(parsed)
    }
}
