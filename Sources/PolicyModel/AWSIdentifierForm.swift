/// The forms of the names a deployment is addressed by: an account id, a region, a partition.
/// Values given by hand (`--account`, `--region`, `--partition`) are checked here, once, before
/// they are written into ARNs and pseudo parameters, so a stray newline or a typo cannot turn into
/// text that looks like something else.
///
/// Regions follow a structural rule rather than a list, so a region AWS opens later is accepted:
/// an area of 2 to 4 lowercase letters, one or more lowercase words, and a number of 1 to 3
/// digits, joined by `-` (`^[a-z]{2,4}(-[a-z]+)+-[0-9]{1,3}$`, at most 32 characters):
/// `us-east-1`, `ap-southeast-5`, `us-gov-west-1`, `cn-north-1`, `us-isob-east-1`,
/// `eu-isoe-west-1`, `eusc-de-east-1`. Partitions are the closed list `AWSPartition.names`.
package enum AWSIdentifierForm: Sendable, CaseIterable {
    case accountID
    case region
    case partition

    /// True when `text` has this form.
    package func accepts(_ text: String) -> Bool {
        switch self {
        case .accountID:
            return text.utf8.count == 12 && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        case .region:
            return Self.isRegion(text)
        case .partition:
            return AWSPartition.names.contains(text)
        }
    }

    /// What this form looks like, for messages.
    package var expectedForm: String {
        switch self {
        case .accountID: "an account id is 12 digits, e.g. `111122223333`"
        case .region: "a region is an area, words and a number joined by `-`, e.g. `us-east-1`, `us-gov-west-1`, `cn-north-1`, `eu-isoe-west-1`"
        case .partition: "a partition is one of " + AWSPartition.names.map { "`\($0)`" }.joined(separator: ", ")
        }
    }

    /// What the value is called in messages.
    package var noun: String {
        switch self {
        case .accountID: "an account id"
        case .region: "a region"
        case .partition: "a partition"
        }
    }

    private static func isRegion(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count <= 32 else { return false }
        let pieces = bytes.split(separator: 0x2D, omittingEmptySubsequences: false)
        guard pieces.count >= 3, let area = pieces.first, let number = pieces.last else { return false }
        func isLowercaseWord(_ piece: ArraySlice<UInt8>) -> Bool {
            !piece.isEmpty && piece.allSatisfy { $0 >= 0x61 && $0 <= 0x7A }
        }
        return (2...4).contains(area.count) && isLowercaseWord(area)
            && pieces.dropFirst().dropLast().allSatisfy(isLowercaseWord)
            && (1...3).contains(number.count) && number.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
