/// Read-only view of a resource file for the parsers: lines, TAB-separated fields and decimal
/// numbers straight from the bytes, so loading allocates only the strings it keeps.
/// Only valid inside the `withUnsafeBufferPointer` call that created it.
struct ByteText {
    let buffer: UnsafeBufferPointer<UInt8>
    let file: String

    static let newline = UInt8(ascii: "\n")
    static let tab = UInt8(ascii: "\t")

    var count: Int { buffer.count }

    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
    }

    /// A non-negative decimal of at most 15 digits (no sign, no spaces); nil otherwise.
    func int(_ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count <= 15 else { return nil }
        var value = 0
        for index in range {
            let digit = Int(buffer[index]) - 48
            guard (0...9).contains(digit) else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    func equals(_ range: Range<Int>, _ literal: String) -> Bool {
        range.count == literal.utf8.count && zip(range, literal.utf8).allSatisfy { buffer[$0] == $1 }
    }

    /// Index of the newline ending the line that starts at `start`, or `limit` if there is none.
    func lineEnd(from start: Int, limit: Int) -> Int {
        var index = start
        while index < limit, buffer[index] != ByteText.newline { index += 1 }
        return index
    }

    /// 1-based line number of the byte at `offset`; only computed when reporting an error.
    func lineNumber(at offset: Int) -> Int {
        var line = 1
        for index in 0..<min(offset, buffer.count) where buffer[index] == ByteText.newline { line += 1 }
        return line
    }

    func error(at offset: Int, _ reason: String) -> CatalogueError {
        .malformed(file: file, line: lineNumber(at: offset), reason: reason)
    }

    func fields(_ line: Range<Int>) -> FieldReader {
        FieldReader(buffer: buffer, position: line.lowerBound, end: line.upperBound)
    }

    /// Reads line 1, `MAGIC VERSION key=value ...`, shared by both catalogue files: checks the
    /// magic word and format version and returns the fields and where the line ends.
    func headerFields(magic: String) throws(CatalogueError) -> (fields: [String: String], lineEnd: Int) {
        let firstEnd = lineEnd(from: 0, limit: count)
        guard firstEnd < count else {
            throw CatalogueError.unsupportedFormat(file: file, found: string(0..<min(count, 40)))
        }
        let words = string(0..<firstEnd).split(separator: " ").map(String.init)
        guard words.count >= 2, words[0] == magic else {
            throw CatalogueError.unsupportedFormat(file: file, found: String(words.first ?? ""))
        }
        guard words[1] == String(CatalogueFormat.version) else {
            throw CatalogueError.unsupportedFormat(file: file, found: "\(words[0]) \(words[1])")
        }
        var values: [String: String] = [:]
        for word in words.dropFirst(2) {
            let parts = word.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { throw error(at: 0, "malformed header field \(word.debugDescription)") }
            values[String(parts[0])] = String(parts[1])
        }
        return (values, firstEnd)
    }
}

/// Iterates the TAB-separated fields of one line. A line "A\tx\t" has three fields: "A", "x", "".
struct FieldReader {
    let buffer: UnsafeBufferPointer<UInt8>
    var position: Int
    let end: Int
    private var finished = false

    init(buffer: UnsafeBufferPointer<UInt8>, position: Int, end: Int) {
        self.buffer = buffer
        self.position = position
        self.end = end
    }

    mutating func next() -> Range<Int>? {
        guard !finished else { return nil }
        var index = position
        while index < end, buffer[index] != ByteText.tab { index += 1 }
        let field = position..<index
        if index < end {
            position = index + 1
        } else {
            finished = true
        }
        return field
    }

    /// The rest of the line as one field (used for display names, which are last).
    mutating func rest() -> Range<Int>? {
        guard !finished else { return nil }
        finished = true
        return position..<end
    }

}
