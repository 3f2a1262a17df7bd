import PolicyModel

/// The data type of a condition key, spelled as in AWS's reference (`String`, `ArrayOfARN`, ...).
/// `ArrayOf...` keys are multivalued: policies should test them with `ForAnyValue:` / `ForAllValues:`.
package enum ConditionKeyType: String, Sendable, Hashable, CaseIterable {
    case string = "String"
    case arn = "ARN"
    case bool = "Bool"
    case numeric = "Numeric"
    case date = "Date"
    case ipAddress = "IPAddress"
    case binary = "Binary"
    case arrayOfString = "ArrayOfString"
    case arrayOfARN = "ArrayOfARN"
    case arrayOfBool = "ArrayOfBool"
    case arrayOfNumeric = "ArrayOfNumeric"
    case arrayOfDate = "ArrayOfDate"
    case arrayOfIPAddress = "ArrayOfIPAddress"
    case arrayOfBinary = "ArrayOfBinary"

    package var isArray: Bool { elementType != self }

    /// The scalar type of each value: `.string` for both `String` and `ArrayOfString`.
    package var elementType: ConditionKeyType {
        switch self {
        case .arrayOfString: .string
        case .arrayOfARN: .arn
        case .arrayOfBool: .bool
        case .arrayOfNumeric: .numeric
        case .arrayOfDate: .date
        case .arrayOfIPAddress: .ipAddress
        case .arrayOfBinary: .binary
        default: self
        }
    }
}

extension ConditionKeyType {
    /// Whether a request value reads as this type (an `ArrayOf…` type: as one of its elements),
    /// with the parsers the evaluator reads request values with. A value that does not read would
    /// only make every typed comparison false, so a request that gives one is refused instead.
    /// Strings take anything; binary values too, as the evaluator compares unreadable base64 as
    /// raw bytes.
    package func accepts(_ value: String) -> Bool {
        switch elementType {
        case .arn: SplitARN(value).isARN
        case .bool: ValueParsing.bool(value) != nil
        case .numeric: ValueParsing.number(value) != nil
        case .date: ValueParsing.date(value) != nil
        case .ipAddress: IPNetwork(cidr: value) != nil
        default: true
        }
    }

    /// What a value of this type looks like, for messages (worded as for policy values).
    package var valueForm: String {
        switch elementType {
        case .arn: "an ARN (`arn:partition:service:region:account:resource`)"
        case .bool: "`true` or `false`"
        case .numeric: "a number"
        case .date: "an ISO 8601 date (e.g. `2026-01-31T12:00:00Z`) or epoch seconds"
        case .ipAddress: "an IP address or CIDR range"
        case .binary: "base64"
        default: "a string"
        }
    }
}

extension ConditionKeyType {
    /// Parses a type name straight from catalogue bytes, without building a String.
    init?(_ text: ByteText, _ range: Range<Int>) {
        let bytes = UnsafeBufferPointer(rebasing: text.buffer[range])
        guard let match = ConditionKeyType.allCases.first(where: { $0.rawValue.utf8.elementsEqual(bytes) }) else {
            return nil
        }
        self = match
    }
}
