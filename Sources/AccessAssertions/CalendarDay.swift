import PolicyModel

/// A calendar day written `YYYY-MM-DD` (a suppression's `expires`, the day it is compared with).
/// Only that form: `2027-1-31` or `2027-02-30` is not a day.
package struct CalendarDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    package let description: String
    /// Seconds since 1970-01-01 at the day's start, as policy dates are compared.
    private let start: Double

    package init?(_ text: String) {
        let bytes = Array(text.utf8)
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              bytes.enumerated().allSatisfy({ $0.offset == 4 || $0.offset == 7 || isDigit($0.element) }),
              let start = ValueParsing.date(text) else { return nil }
        self.description = text
        self.start = start
    }

    package static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool { lhs.start < rhs.start }
}
