import PolicyModel

/// Evaluates condition clauses against the request context, following "IAM JSON policy
/// elements: Condition operators" and "Single-valued vs. multivalued context keys".
enum ConditionEvaluator {
    /// True when every clause holds (clauses are ANDed).
    static func allHold(_ clauses: [ConditionClause], request: PreparedRequest, variablesEnabled: Bool) -> Bool {
        for clause in clauses where !holds(clause, request: request, variablesEnabled: variablesEnabled) {
            return false
        }
        return true
    }

    static func holds(_ clause: ConditionClause, request: PreparedRequest, variablesEnabled: Bool) -> Bool {
        let conditionOperator = clause.operator
        let requestValue = request.context.value(lowercasedKey: clause.lookupKey)
        let requestValues = requestValue?.values
        let isPresent = !(requestValues?.isEmpty ?? true)
        if conditionOperator.base == .null {
            // `Null: true` asks "is the key absent?"; several values are ORed.
            return clause.values.contains { value in
                if case .bool(let wantsAbsent) = value.parsed { return wantsAbsent != isPresent }
                return false
            }
        }
        switch conditionOperator.qualifier {
        case nil:
            guard let values = requestValues, !values.isEmpty else {
                return conditionOperator.ifExists || conditionOperator.base.isNegated
            }
            // A plain operator on a key that carries several values does not match.
            guard values.count == 1 else { return false }
            return singleValueHolds(values[0], clause: clause, request: request, variablesEnabled: variablesEnabled)
        case .forAllValues:
            // Vacuously true for a missing key or an empty set.
            guard let values = requestValues, !values.isEmpty else { return true }
            return values.allSatisfy { singleValueHolds($0, clause: clause, request: request, variablesEnabled: variablesEnabled) }
        case .forAnyValue:
            guard let values = requestValues, !values.isEmpty else {
                return conditionOperator.ifExists && requestValue == nil
            }
            return values.contains { singleValueHolds($0, clause: clause, request: request, variablesEnabled: variablesEnabled) }
        }
    }

    /// One request value against the clause's policy values: OR for positive operators, NOR for
    /// negated ones.
    static func singleValueHolds(_ value: String, clause: ConditionClause, request: PreparedRequest, variablesEnabled: Bool) -> Bool {
        let base = clause.operator.base
        let anyMatches = clause.values.contains { policyValue in
            matches(value, policyValue, base: base, request: request, variablesEnabled: variablesEnabled)
        }
        return base.isNegated ? !anyMatches : anyMatches
    }

    /// The positive comparison of the operator's family (negation is applied by the caller).
    private static func matches(
        _ value: String, _ policyValue: ConditionValue, base: ConditionOperator.Base,
        request: PreparedRequest, variablesEnabled: Bool
    ) -> Bool {
        switch policyValue.parsed {
        case .glob(let pattern):
            return pattern.matches(value)
        case .arn(let pattern):
            return pattern.matches(SplitARN(value), caseInsensitivePrefix: false)
        case .number(let number):
            guard let requestNumber = ValueParsing.number(value) else { return false }
            return compare(requestNumber, number, base: base)
        case .date(let date):
            guard let requestDate = ValueParsing.date(value) else { return false }
            return compare(requestDate, date, base: base)
        case .bool(let bool):
            return ValueParsing.bool(value) == bool
        case .binary(let bytes):
            return (ValueParsing.base64(value) ?? Array(value.utf8)) == bytes
        case .network(let network):
            guard let address = IPNetwork(cidr: value) else { return false }
            return network.contains(address)
        case .text:
            return textMatches(value, policyValue.template, base: base, request: request)
        }
    }

    private static func compare(_ lhs: Double, _ rhs: Double, base: ConditionOperator.Base) -> Bool {
        switch base {
        case .numericEquals, .numericNotEquals, .dateEquals, .dateNotEquals: lhs == rhs
        case .numericLessThan, .dateLessThan: lhs < rhs
        case .numericLessThanEquals, .dateLessThanEquals: lhs <= rhs
        case .numericGreaterThan, .dateGreaterThan: lhs > rhs
        case .numericGreaterThanEquals, .dateGreaterThanEquals: lhs >= rhs
        default: false
        }
    }

    /// String and ARN values that hold policy variables, resolved for this request. A variable
    /// with no value and no default makes the value match nothing.
    private static func textMatches(_ value: String, _ template: PolicyVariableString, base: ConditionOperator.Base, request: PreparedRequest) -> Bool {
        switch base {
        case .stringLike, .stringNotLike:
            guard let elements = template.globElements(resolve: request.variable) else { return false }
            return WildcardPattern(elements: elements).matches(value)
        case .arnEquals, .arnLike, .arnNotEquals, .arnNotLike:
            guard let pattern = ARNPattern(template: template, caseInsensitivePrefix: false, resolve: request.variable) else { return false }
            return pattern.matches(SplitARN(value), caseInsensitivePrefix: false)
        case .stringEqualsIgnoreCase, .stringNotEqualsIgnoreCase:
            guard let resolved = template.resolvedText(resolve: request.variable) else { return false }
            // Swift's `==` treats canonically equivalent text (NFC vs NFD) as equal; IAM compares
            // the characters as sent, so compare the encoded bytes.
            return resolved.lowercased().utf8.elementsEqual(value.lowercased().utf8)
        default:
            guard let resolved = template.resolvedText(resolve: request.variable) else { return false }
            return resolved.utf8.elementsEqual(value.utf8)
        }
    }

    /// Why a clause failed, for explanations; nil when it holds.
    static func mismatch(_ clause: ConditionClause, request: PreparedRequest, variablesEnabled: Bool) -> Mismatch? {
        if holds(clause, request: request, variablesEnabled: variablesEnabled) { return nil }
        let requestValue = request.context.value(lowercasedKey: clause.lookupKey)
        let wanted = clause.values.map { "`\($0.text)`" }.joined(separator: ", ")
        let detail: String
        switch requestValue {
        case nil where request.context.isUnknown(lowercasedKey: clause.lookupKey):
            detail = "`\(clause.operator.spelling)` tests `\(clause.key)`, whose value is unknown"
        case nil:
            detail = "`\(clause.operator.spelling)` needs `\(clause.key)`, which the request does not have"
        case .some(let value):
            if case .multiple(let values) = value, values.count > 1, clause.operator.qualifier == nil, clause.operator.base != .null {
                detail = "`\(clause.key)` has several values \(value), and `\(clause.operator.spelling)` without `ForAllValues:`/`ForAnyValue:` does not match a multivalued key"
            } else {
                detail = "`\(clause.operator.spelling)` `\(clause.key)`: request has \(value), policy \(clause.operator.base.isNegated ? "excludes" : "wants") \(clause.values.count == 1 ? "" : "one of ")\(wanted)"
            }
        }
        return Mismatch(element: .condition, key: clause.key, detail: detail, position: clause.position)
    }
}
