import PolicyParsing

/// What the labelled edits of `TestStack` need from a JSON value: members read and replaced by
/// key, keeping their order (so an edited template still reads like the original).
extension JSONOutput {
    /// An object's member; setting nil removes it, setting a new key appends it.
    subscript(member key: String) -> JSONOutput? {
        get {
            guard case .object(let members) = self else { return nil }
            return members.first { $0.0 == key }?.1
        }
        set {
            var members: [(String, JSONOutput)] = []
            if case .object(let existing) = self { members = existing }
            if let index = members.firstIndex(where: { $0.0 == key }) {
                if let newValue { members[index].1 = newValue } else { members.remove(at: index) }
            } else if let newValue {
                members.append((key, newValue))
            }
            self = .object(members)
        }
    }

    /// A list's items, or a single value as a list of one (policies write either).
    var items: [JSONOutput] {
        switch self {
        case .array(let items): items
        case .null: []
        default: [self]
        }
    }

    var text: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}
