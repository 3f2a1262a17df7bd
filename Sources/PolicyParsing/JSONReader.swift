import PolicyModel

/// A strict JSON reader (RFC 8259) that records the line and column of every value and key.
/// Foundation's decoders drop positions, and IAM users need `file:line:column` in errors and
/// explanations. It rejects duplicate object keys (IAM does too), invalid UTF-8, control
/// characters in strings, and nesting deeper than `maximumDepth`; it never recurses past that
/// depth, so hostile input cannot overflow the stack.
package struct JSONReader {
    package static let defaultMaximumDepth = InputLimits.jsonDepth

    private let bytes: UnsafeBufferPointer<UInt8>
    private let maximumDepth: Int
    private var index = 0
    private var line = 1
    private var lineStart = 0
    /// UTF-8 continuation bytes seen on the current line: columns count scalars, not bytes.
    private var continuationBytesOnLine = 0

    /// Parses one JSON document.
    package static func parse(_ text: String, maximumDepth: Int = defaultMaximumDepth) throws(DiagnosticError) -> JSONNode {
        var copy = text
        let result: Result<JSONNode, DiagnosticError> = copy.withUTF8 { buffer in
            Result { () throws(DiagnosticError) in try parse(bytes: buffer, maximumDepth: maximumDepth) }
        }
        return try result.get()
    }

    /// An input file's JSON, refused unread past `limit` bytes (error `tooLargeCode`, calling it
    /// `what`), with every error located in `file`.
    package static func parse(bytes: [UInt8], file: String, limit: Int, tooLargeCode: String, what: String) throws(DiagnosticError) -> JSONNode {
        guard bytes.count <= limit else {
            throw DiagnosticError(Diagnostic(severity: .error, code: tooLargeCode, message: "\(what) is \(bytes.count) bytes, more than the limit of \(limit)", file: file))
        }
        do {
            return try parse(bytes: bytes)
        } catch {
            throw error.located(in: file)
        }
    }

    package static func parse(bytes: [UInt8], maximumDepth: Int = defaultMaximumDepth) throws(DiagnosticError) -> JSONNode {
        let result: Result<JSONNode, DiagnosticError> = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(DiagnosticError) in try parse(bytes: buffer, maximumDepth: maximumDepth) }
        }
        return try result.get()
    }

    package static func parse(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int = defaultMaximumDepth) throws(DiagnosticError) -> JSONNode {
        var reader = JSONReader(bytes: bytes, maximumDepth: maximumDepth)
        // A UTF-8 byte order mark is tolerated, as editors on some systems write one.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { reader.index = 3 }
        reader.skipWhitespace()
        let value = try reader.parseValue(depth: 0)
        reader.skipWhitespace()
        if reader.index < bytes.count {
            throw reader.error("json.trailing-content", "unexpected \(reader.describeCurrent()) after the end of the document")
        }
        return value
    }

    private init(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    private var position: SourcePosition {
        SourcePosition(line: line, column: index - lineStart - continuationBytesOnLine + 1)
    }

    private func error(_ code: String, _ message: String, at position: SourcePosition? = nil) -> DiagnosticError {
        DiagnosticError(Diagnostic(severity: .error, code: code, message: message, position: position ?? self.position))
    }

    private func describeCurrent() -> String {
        guard index < bytes.count else { return "end of input" }
        let byte = bytes[index]
        if byte >= 0x20, byte < 0x7F { return "`\(Character(Unicode.Scalar(byte)))`" }
        return "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D:
                index += 1
            case 0x0A:
                index += 1
                line += 1
                lineStart = index
                continuationBytesOnLine = 0
            default:
                return
            }
        }
    }

    private mutating func parseValue(depth: Int) throws(DiagnosticError) -> JSONNode {
        guard index < bytes.count else {
            throw error("json.unexpected-end", "unexpected end of input, expected a value")
        }
        let start = position
        switch bytes[index] {
        case UInt8(ascii: "{"):
            return JSONNode(.object(try parseObject(depth: depth + 1)), position: start)
        case UInt8(ascii: "["):
            return JSONNode(.array(try parseArray(depth: depth + 1)), position: start)
        case UInt8(ascii: "\""):
            return JSONNode(.string(try parseString()), position: start)
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return JSONNode(.bool(true), position: start)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return JSONNode(.bool(false), position: start)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return JSONNode(.null, position: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONNode(.number(try parseNumber()), position: start)
        default:
            throw error("json.unexpected-character", "unexpected \(describeCurrent()), expected a value")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(DiagnosticError) {
        let start = position
        let count = literal.utf8CodeUnitCount
        var matches = index + count <= bytes.count
        if matches {
            for offset in 0..<count where bytes[index + offset] != literal.utf8Start[offset] {
                matches = false
                break
            }
        }
        guard matches else {
            throw error("json.unexpected-character", "invalid literal, expected `\(literal)`", at: start)
        }
        index += count
    }

    private mutating func enter(depth: Int) throws(DiagnosticError) {
        if depth > maximumDepth {
            throw error("json.too-deep", "nesting deeper than \(maximumDepth) levels")
        }
    }

    private mutating func parseObject(depth: Int) throws(DiagnosticError) -> [JSONMember] {
        try enter(depth: depth)
        index += 1
        var members: [JSONMember] = []
        // Small objects (nearly all of a policy) check duplicates by scanning; a set only pays off
        // for large ones.
        var seen: Set<String>?
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return members
        }
        while true {
            skipWhitespace()
            guard index < bytes.count else {
                throw error("json.unexpected-end", "unexpected end of input inside an object")
            }
            guard bytes[index] == UInt8(ascii: "\"") else {
                throw error("json.expected-key", "unexpected \(describeCurrent()), expected a quoted member name")
            }
            let keyPosition = position
            let key = try parseString()
            let duplicate: Bool
            if members.count < 16 {
                duplicate = members.contains { $0.key == key }
            } else {
                if seen == nil { seen = Set(members.map(\.key)) }
                duplicate = seen?.insert(key).inserted == false
            }
            if duplicate {
                throw error("json.duplicate-key", "duplicate member `\(key)`", at: keyPosition)
            }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw error("json.expected-colon", "unexpected \(describeCurrent()), expected `:` after member `\(key)`")
            }
            index += 1
            skipWhitespace()
            let value = try parseValue(depth: depth)
            members.append(JSONMember(key: key, keyPosition: keyPosition, value: value))
            skipWhitespace()
            guard index < bytes.count else {
                throw error("json.unexpected-end", "unexpected end of input inside an object")
            }
            switch bytes[index] {
            case UInt8(ascii: ","):
                index += 1
            case UInt8(ascii: "}"):
                index += 1
                return members
            default:
                throw error("json.unexpected-character", "unexpected \(describeCurrent()), expected `,` or `}`")
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(DiagnosticError) -> [JSONNode] {
        try enter(depth: depth)
        index += 1
        var items: [JSONNode] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return items
        }
        while true {
            skipWhitespace()
            items.append(try parseValue(depth: depth))
            skipWhitespace()
            guard index < bytes.count else {
                throw error("json.unexpected-end", "unexpected end of input inside an array")
            }
            switch bytes[index] {
            case UInt8(ascii: ","):
                index += 1
            case UInt8(ascii: "]"):
                index += 1
                return items
            default:
                throw error("json.unexpected-character", "unexpected \(describeCurrent()), expected `,` or `]`")
            }
        }
    }

    private mutating func parseNumber() throws(DiagnosticError) -> String {
        let start = index
        let startPosition = position
        func digits(_ reader: inout JSONReader) -> Int {
            var count = 0
            while reader.index < reader.bytes.count, reader.bytes[reader.index] >= 48, reader.bytes[reader.index] <= 57 {
                reader.index += 1
                count += 1
            }
            return count
        }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 else {
            throw error("json.invalid-number", "invalid number: expected a digit", at: startPosition)
        }
        if bytes[index] == 48 {
            index += 1
            if index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                throw error("json.invalid-number", "invalid number: leading zeros are not allowed", at: startPosition)
            }
        } else {
            _ = digits(&self)
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits(&self) > 0 else {
                throw error("json.invalid-number", "invalid number: expected a digit after `.`", at: startPosition)
            }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits(&self) > 0 else {
                throw error("json.invalid-number", "invalid number: expected a digit in the exponent", at: startPosition)
            }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    private mutating func parseString() throws(DiagnosticError) -> String {
        let openPosition = position
        index += 1
        let start = index
        // Fast path: no escapes; the text is a slice of the input.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw controlCharacterError(byte) }
            if byte >= 0x80 { try validateUTF8Sequence() } else { index += 1 }
        }
        var scratch = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: scratch, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try parseEscape(into: &scratch)
            case 0..<0x20:
                throw controlCharacterError(byte)
            case 0x80...:
                let sequenceStart = index
                try validateUTF8Sequence()
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[sequenceStart..<index]))
            default:
                scratch.append(byte)
                index += 1
            }
        }
        throw error("json.unterminated-string", "unterminated string", at: openPosition)
    }

    private func controlCharacterError(_ byte: UInt8) -> DiagnosticError {
        let name = byte == 0x0A ? "a line break" : "control character 0x\(String(byte, radix: 16, uppercase: true))"
        return error("json.control-character", "\(name) inside a string must be escaped")
    }

    private mutating func parseEscape(into scratch: inout [UInt8]) throws(DiagnosticError) {
        let escapePosition = position
        index += 1
        guard index < bytes.count else { throw error("json.unterminated-string", "unterminated string") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""): scratch.append(0x22)
        case UInt8(ascii: "\\"): scratch.append(0x5C)
        case UInt8(ascii: "/"): scratch.append(0x2F)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hexQuad(escapePosition)
            if (0xD800..<0xDC00).contains(scalar) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw error("json.invalid-escape", "unpaired surrogate in `\\u` escape", at: escapePosition)
                }
                index += 2
                let low = try hexQuad(escapePosition)
                guard (0xDC00..<0xE000).contains(low) else {
                    throw error("json.invalid-escape", "unpaired surrogate in `\\u` escape", at: escapePosition)
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(scalar) {
                throw error("json.invalid-escape", "unpaired surrogate in `\\u` escape", at: escapePosition)
            }
            guard let unicode = Unicode.Scalar(scalar) else {
                throw error("json.invalid-escape", "invalid `\\u` escape", at: escapePosition)
            }
            scratch.append(contentsOf: Array(String(Character(unicode)).utf8))
        default:
            throw error("json.invalid-escape", "invalid escape `\\\(Character(Unicode.Scalar(byte)))`", at: escapePosition)
        }
    }

    private mutating func hexQuad(_ escapePosition: SourcePosition) throws(DiagnosticError) -> UInt32 {
        guard index + 4 <= bytes.count else {
            throw error("json.invalid-escape", "`\\u` must be followed by four hex digits", at: escapePosition)
        }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case 48...57: digit = UInt32(byte - 48)
            case 65...70: digit = UInt32(byte - 55)
            case 97...102: digit = UInt32(byte - 87)
            default: throw error("json.invalid-escape", "`\\u` must be followed by four hex digits", at: escapePosition)
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    /// Checks one multi-byte UTF-8 sequence at `index` (RFC 3629: no overlongs, no surrogates,
    /// nothing above U+10FFFF) and moves past it.
    private mutating func validateUTF8Sequence() throws(DiagnosticError) {
        let lead = bytes[index]
        let length: Int
        var lowerBound: UInt8 = 0x80
        var upperBound: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lowerBound = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upperBound = 0x9F
        case 0xF0: length = 4; lowerBound = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upperBound = 0x8F
        default: throw error("json.invalid-utf8", "invalid UTF-8 byte 0x\(String(lead, radix: 16, uppercase: true))")
        }
        guard index + length <= bytes.count else {
            throw error("json.invalid-utf8", "truncated UTF-8 sequence")
        }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            let low = offset == 1 ? lowerBound : 0x80
            let high = offset == 1 ? upperBound : 0xBF
            guard byte >= low, byte <= high else {
                throw error("json.invalid-utf8", "invalid UTF-8 sequence starting with byte 0x\(String(lead, radix: 16, uppercase: true))")
            }
        }
        index += length
        continuationBytesOnLine += length - 1
    }
}
