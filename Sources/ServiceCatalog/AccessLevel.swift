/// The access level AWS assigns to an action in the Service Authorization Reference.
/// Ordered as declared, which roughly follows how much an action can change.
package enum AccessLevel: String, Sendable, CaseIterable, Comparable {
    case list = "List"
    case read = "Read"
    case write = "Write"
    case tagging = "Tagging"
    case permissionsManagement = "Permissions management"

    /// The one-letter code used in catalogue.agcat.
    init?(code: UInt8) {
        switch code {
        case UInt8(ascii: "L"): self = .list
        case UInt8(ascii: "R"): self = .read
        case UInt8(ascii: "W"): self = .write
        case UInt8(ascii: "T"): self = .tagging
        case UInt8(ascii: "P"): self = .permissionsManagement
        default: return nil
        }
    }

    private var rank: Int {
        switch self {
        case .list: 0
        case .read: 1
        case .write: 2
        case .tagging: 3
        case .permissionsManagement: 4
        }
    }

    package static func < (lhs: AccessLevel, rhs: AccessLevel) -> Bool { lhs.rank < rhs.rank }
}
