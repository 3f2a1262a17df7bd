import PolicyModel

/// A JSON value that remembers where it was written. Object members keep their order and the
/// position of their key, so errors can point at either.
package struct JSONNode: Sendable, Hashable {
    /// Not `indirect`: arrays already keep their elements out of line, and boxing every scalar
    /// made a document of small values take twice the memory.
    package enum Value: Sendable, Hashable {
        case null
        case bool(Bool)
        /// The number's text exactly as written, so no precision is lost.
        case number(String)
        case string(String)
        case array([JSONNode])
        case object([JSONMember])
    }

    package var value: Value
    package var position: SourcePosition

    package init(_ value: Value, position: SourcePosition = .unknown) {
        self.value = value
        self.position = position
    }

    package var typeName: String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    package var stringValue: String? {
        if case .string(let string) = value { return string }
        return nil
    }

    package var arrayValue: [JSONNode]? {
        if case .array(let items) = value { return items }
        return nil
    }

    package var objectValue: [JSONMember]? {
        if case .object(let members) = value { return members }
        return nil
    }

    package var isNull: Bool {
        if case .null = value { return true }
        return false
    }

    /// The member named `key` (exact spelling), if this is an object.
    package subscript(key: String) -> JSONNode? {
        objectValue?.first { $0.key == key }?.value
    }
}

package struct JSONMember: Sendable, Hashable {
    package var key: String
    package var keyPosition: SourcePosition
    package var value: JSONNode

    package init(key: String, keyPosition: SourcePosition, value: JSONNode) {
        self.key = key
        self.keyPosition = keyPosition
        self.value = value
    }
}
