/// A condition operator as written, e.g. `ForAnyValue:StringLikeIfExists`.
package struct ConditionOperator: Sendable, Hashable, CustomStringConvertible {
    package enum Base: String, Sendable, Hashable, CaseIterable {
        case stringEquals = "StringEquals"
        case stringNotEquals = "StringNotEquals"
        case stringEqualsIgnoreCase = "StringEqualsIgnoreCase"
        case stringNotEqualsIgnoreCase = "StringNotEqualsIgnoreCase"
        case stringLike = "StringLike"
        case stringNotLike = "StringNotLike"
        case numericEquals = "NumericEquals"
        case numericNotEquals = "NumericNotEquals"
        case numericLessThan = "NumericLessThan"
        case numericLessThanEquals = "NumericLessThanEquals"
        case numericGreaterThan = "NumericGreaterThan"
        case numericGreaterThanEquals = "NumericGreaterThanEquals"
        case dateEquals = "DateEquals"
        case dateNotEquals = "DateNotEquals"
        case dateLessThan = "DateLessThan"
        case dateLessThanEquals = "DateLessThanEquals"
        case dateGreaterThan = "DateGreaterThan"
        case dateGreaterThanEquals = "DateGreaterThanEquals"
        case bool = "Bool"
        case binaryEquals = "BinaryEquals"
        case ipAddress = "IpAddress"
        case notIpAddress = "NotIpAddress"
        case arnEquals = "ArnEquals"
        case arnLike = "ArnLike"
        case arnNotEquals = "ArnNotEquals"
        case arnNotLike = "ArnNotLike"
        case null = "Null"

        /// Negated operators are true when the key is missing and, with several policy values,
        /// true only when the request value matches none of them (NOR).
        package var isNegated: Bool {
            switch self {
            case .stringNotEquals, .stringNotEqualsIgnoreCase, .stringNotLike, .numericNotEquals,
                 .dateNotEquals, .notIpAddress, .arnNotEquals, .arnNotLike:
                true
            default:
                false
            }
        }

        package var family: Family {
            switch self {
            case .stringEquals, .stringNotEquals, .stringEqualsIgnoreCase, .stringNotEqualsIgnoreCase,
                 .stringLike, .stringNotLike:
                .string
            case .numericEquals, .numericNotEquals, .numericLessThan, .numericLessThanEquals,
                 .numericGreaterThan, .numericGreaterThanEquals:
                .numeric
            case .dateEquals, .dateNotEquals, .dateLessThan, .dateLessThanEquals, .dateGreaterThan,
                 .dateGreaterThanEquals:
                .date
            case .bool: .bool
            case .binaryEquals: .binary
            case .ipAddress, .notIpAddress: .ip
            case .arnEquals, .arnLike, .arnNotEquals, .arnNotLike: .arn
            case .null: .null
            }
        }

        /// Policy variables are substituted only in string and ARN operators' values.
        package var acceptsVariables: Bool { family == .string || family == .arn }

        /// Only the `Like` operators and the ARN operators treat `*` and `?` as wildcards.
        package var globs: Bool {
            switch self {
            case .stringLike, .stringNotLike, .arnEquals, .arnLike, .arnNotEquals, .arnNotLike: true
            default: false
            }
        }

        private static let byLowercasedName: [String: Base] =
            Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue.lowercased(), $0) })

        package init?(caseInsensitive name: some StringProtocol) {
            guard let base = Self.byLowercasedName[name.lowercased()] else { return nil }
            self = base
        }
    }

    package enum Family: String, Sendable, Hashable {
        case string, numeric, date, bool, binary, ip, arn, null
    }

    package enum SetQualifier: String, Sendable, Hashable {
        case forAllValues = "ForAllValues"
        case forAnyValue = "ForAnyValue"
    }

    package var base: Base
    package var qualifier: SetQualifier?
    package var ifExists: Bool
    /// The operator as the policy spells it, for messages.
    package var spelling: String

    package init(base: Base, qualifier: SetQualifier? = nil, ifExists: Bool = false, spelling: String? = nil) {
        self.base = base
        self.qualifier = qualifier
        self.ifExists = ifExists
        self.spelling = spelling ?? ((qualifier.map { $0.rawValue + ":" } ?? "") + base.rawValue + (ifExists ? "IfExists" : ""))
    }

    /// Parses `[ForAllValues:|ForAnyValue:]Base[IfExists]`; nil for an unknown operator.
    package init?(parsing text: String) {
        var rest = Substring(text)
        var qualifier: SetQualifier?
        if let colon = rest.firstIndex(of: ":") {
            switch rest[rest.startIndex..<colon].lowercased() {
            case "forallvalues": qualifier = .forAllValues
            case "foranyvalue": qualifier = .forAnyValue
            default: return nil
            }
            rest = rest[rest.index(after: colon)...]
        }
        var ifExists = false
        if rest.lowercased().hasSuffix("ifexists") {
            ifExists = true
            rest = rest.dropLast("IfExists".count)
        }
        guard let base = Base(caseInsensitive: rest) else { return nil }
        self.init(base: base, qualifier: qualifier, ifExists: ifExists, spelling: text)
    }

    package var description: String { spelling }
}
