// A small JSON reader that keeps the source text of every scalar, so managed-policy documents
// can be re-emitted minified without JSONSerialization reformatting numbers, escapes or key order.

enum RawJSON {
    case object([(key: String, value: RawJSON)])
    case array([RawJSON])
    /// `decoded` is the string value; `raw` is the source text including the quotes.
    case string(decoded: String, raw: ArraySlice<UInt8>)
    case number(raw: ArraySlice<UInt8>)
    case bool(Bool)
    case null

    subscript(key: String) -> RawJSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    var stringValue: String? {
        if case .string(let decoded, _) = self { return decoded }
        return nil
    }

    /// Minified text: no whitespace outside strings; strings and numbers byte-for-byte as in the source.
    func minified(into out: inout [UInt8]) {
        switch self {
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                RawJSON.appendQuoted(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                member.value.minified(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                item.minified(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .string(_, let raw): out.append(contentsOf: raw)
        case .number(let raw): out.append(contentsOf: raw)
        case .bool(let value): out.append(contentsOf: Array((value ? "true" : "false").utf8))
        case .null: out.append(contentsOf: Array("null".utf8))
        }
    }

    /// Keys are kept decoded (they are looked up by name), so they are re-escaped here.
    private static func appendQuoted(_ string: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: Array("\\\"".utf8))
            case UInt8(ascii: "\\"): out.append(contentsOf: Array("\\\\".utf8))
            case 0x0A: out.append(contentsOf: Array("\\n".utf8))
            case 0x0D: out.append(contentsOf: Array("\\r".utf8))
            case 0x09: out.append(contentsOf: Array("\\t".utf8))
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

struct RawJSONError: Error, CustomStringConvertible {
    var offset: Int
    var message: String
    var description: String { "JSON error at byte \(offset): \(message)" }
}

struct RawJSONReader {
    private let bytes: [UInt8]
    private var position = 0
    private var depth = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    static func parse(_ bytes: [UInt8]) throws(RawJSONError) -> RawJSON {
        var reader = RawJSONReader(bytes)
        let value = try reader.readValue()
        reader.skipWhitespace()
        guard reader.position == bytes.count else { throw reader.error("trailing content") }
        return value
    }

    private func error(_ message: String) -> RawJSONError { RawJSONError(offset: position, message: message) }

    private mutating func skipWhitespace() {
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    }

    private mutating func readValue() throws(RawJSONError) -> RawJSON {
        skipWhitespace()
        guard position < bytes.count else { throw error("unexpected end of input") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try readObject()
        case UInt8(ascii: "["): return try readArray()
        case UInt8(ascii: "\""):
            let (decoded, raw) = try readString()
            return .string(decoded: decoded, raw: raw)
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        default: return try readNumber()
        }
    }

    private mutating func expectLiteral(_ literal: String) throws(RawJSONError) {
        let text = Array(literal.utf8)
        guard position + text.count <= bytes.count, Array(bytes[position..<position + text.count]) == text else {
            throw error("invalid literal")
        }
        position += text.count
    }

    private mutating func enter() throws(RawJSONError) {
        depth += 1
        // Policy documents are shallow; the limit only stops a hostile file from exhausting the stack.
        guard depth <= 512 else { throw error("nesting too deep") }
    }

    private mutating func readObject() throws(RawJSONError) -> RawJSON {
        try enter()
        defer { depth -= 1 }
        position += 1
        var members: [(key: String, value: RawJSON)] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw error("expected key") }
            let (key, _) = try readString()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw error("expected ':'") }
            position += 1
            members.append((key, try readValue()))
            skipWhitespace()
            guard position < bytes.count else { throw error("unterminated object") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
            throw error("expected ',' or '}'")
        }
    }

    private mutating func readArray() throws(RawJSONError) -> RawJSON {
        try enter()
        defer { depth -= 1 }
        position += 1
        var items: [RawJSON] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return .array(items)
        }
        while true {
            items.append(try readValue())
            skipWhitespace()
            guard position < bytes.count else { throw error("unterminated array") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "]") { position += 1; return .array(items) }
            throw error("expected ',' or ']'")
        }
    }

    private mutating func readNumber() throws(RawJSONError) -> RawJSON {
        let start = position
        while position < bytes.count, Array("+-0123456789.eE".utf8).contains(bytes[position]) { position += 1 }
        guard position > start else { throw error("unexpected character") }
        return .number(raw: bytes[start..<position])
    }

    private mutating func readString() throws(RawJSONError) -> (String, ArraySlice<UInt8>) {
        let start = position
        position += 1
        var decoded: [UInt8] = []
        while true {
            guard position < bytes.count else { throw error("unterminated string") }
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return (String(decoding: decoded, as: UTF8.self), bytes[start..<position])
            case UInt8(ascii: "\\"):
                guard position < bytes.count else { throw error("unterminated escape") }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(escape)
                case UInt8(ascii: "b"): decoded.append(0x08)
                case UInt8(ascii: "f"): decoded.append(0x0C)
                case UInt8(ascii: "n"): decoded.append(0x0A)
                case UInt8(ascii: "r"): decoded.append(0x0D)
                case UInt8(ascii: "t"): decoded.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try readHex4()
                    if (0xD800..<0xDC00).contains(scalar), position + 1 < bytes.count,
                       bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") {
                        position += 2
                        let low = try readHex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw error("unpaired surrogate") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                    decoded.append(contentsOf: Array(String(character).utf8))
                default: throw error("invalid escape")
                }
            case 0..<0x20: throw error("control character in string")
            default: decoded.append(byte)
            }
        }
    }

    private mutating func readHex4() throws(RawJSONError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("short \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            position += 1
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("bad hex digit")
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
