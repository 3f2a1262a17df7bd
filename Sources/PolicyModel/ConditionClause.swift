/// One key test inside a `Condition` block: `"StringEquals": {"aws:SourceAccount": ["1", "2"]}`
/// gives one clause with two values. Clauses of a statement are ANDed, values of a clause ORed
/// (NOR for negated operators). Equality and hashing ignore positions.
///
/// The operator, key and values are fixed at construction: `lookupKey` is derived from `key`, and
/// each value was compiled for this operator (`ConditionValue.init(_:for:variablesEnabled:position:)`).
package struct ConditionClause: Sendable, Hashable {
    package let `operator`: ConditionOperator
    /// The key as written; `lookupKey` is lower-cased because key names are case-insensitive.
    package let key: String
    package let lookupKey: String
    package let values: [ConditionValue]
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
/// re-parse numbers, dates or CIDRs on every request. Built only by compiling text for an
/// operator, so `template` and `parsed` always agree. Equality and hashing ignore the position.
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

    package let template: PolicyVariableString
    package let parsed: Parsed
    package var position: SourcePosition

    /// Compiles `text` for `conditionOperator`'s family: numbers, dates, booleans, base64 and IP
    /// ranges are parsed (and must be valid); string and ARN values become a glob or ARN pattern
    /// when they have no policy variables, and stay text otherwise.
    /// - Parameter variablesEnabled: whether the document allows policy variables (`2012-10-17`);
    ///   only string and ARN operators substitute them.
    package init(
        _ text: String, for conditionOperator: ConditionOperator, variablesEnabled: Bool, position: SourcePosition = .unknown
    ) throws(InvalidConditionValue) {
        let base = conditionOperator.base
        let template = PolicyVariableString(text, variablesEnabled: variablesEnabled && base.acceptsVariables)
        func invalid(_ expected: String) -> InvalidConditionValue {
            InvalidConditionValue(text: text, conditionOperator: conditionOperator, expected: expected)
        }
        let parsed: Parsed
        switch base.family {
        case .string:
            if base.globs, !template.hasVariables, let elements = template.globElements(resolve: { _ in nil }) {
                parsed = .glob(WildcardPattern(elements: elements))
            } else {
                parsed = .text
            }
        case .arn:
            if !template.hasVariables, let pattern = ARNPattern(template: template, caseInsensitivePrefix: false, resolve: { _ in nil }) {
                parsed = .arn(pattern)
            } else {
                parsed = .text
            }
        case .numeric:
            guard let number = ValueParsing.number(text) else { throw invalid("a number") }
            parsed = .number(number)
        case .date:
            guard let date = ValueParsing.date(text) else { throw invalid("an ISO 8601 date or epoch seconds") }
            parsed = .date(date)
        case .bool, .null:
            guard let bool = ValueParsing.bool(text) else { throw invalid("`true` or `false`") }
            parsed = .bool(bool)
        case .binary:
            guard let bytes = ValueParsing.base64(text) else { throw invalid("base64") }
            parsed = .binary(bytes)
        case .ip:
            guard let network = IPNetwork(cidr: text) else { throw invalid("an IP address or CIDR range") }
            parsed = .network(network)
        }
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

/// A text that the operator's family cannot take, such as `ten` for `NumericLessThan`.
package struct InvalidConditionValue: Error, Sendable, Hashable, CustomStringConvertible {
    package let text: String
    package let conditionOperator: ConditionOperator
    /// What the operator needs, phrased for a message: "a number", "base64", ...
    package let expected: String

    package var description: String {
        "`\(text)` is not \(expected), as `\(conditionOperator.spelling)` requires"
    }
}
