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
    /// Parses a type name straight from catalogue bytes, without building a String.
    init?(_ text: ByteText, _ range: Range<Int>) {
        let bytes = UnsafeBufferPointer(rebasing: text.buffer[range])
        guard let match = ConditionKeyType.allCases.first(where: { $0.rawValue.utf8.elementsEqual(bytes) }) else {
            return nil
        }
        self = match
    }
}
