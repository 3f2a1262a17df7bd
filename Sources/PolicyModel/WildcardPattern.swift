/// A glob of literal text, `*` (any run of characters, possibly empty) and `?` (exactly one
/// character), matched in time linear in the subject for a given pattern: the pattern is split at
/// its stars and each piece is found leftmost in turn, which is exact for globs and never
/// backtracks exponentially (`*a*a*a*a*b` against a long string stays fast).
package struct WildcardPattern: Sendable, Hashable {
    /// One unit of a piece between stars.
    package enum Unit: Sendable, Hashable {
        case byte(UInt8)
        /// `?`: one Unicode scalar, however many UTF-8 bytes it takes.
        case anyScalar
    }

    /// The pieces between stars. One piece means the pattern has no star.
    package let pieces: [[Unit]]
    private let kind: Kind

    private enum Kind: Sendable, Hashable {
        case matchAll
        case literal([UInt8])
        case prefix([UInt8])
        case general
    }

    /// Element of a pattern before compilation: literal text (its `*` and `?` are literal) or a
    /// wildcard. Policy variables substitute literal text, so a `*` in a user name never globs.
    package enum Element: Sendable, Hashable {
        case text(String)
        case star
        case question
    }

    /// Compiles `text`, reading `*` and `?` as wildcards.
    package init(glob text: String) {
        self.init(elements: Self.elements(ofGlob: text))
    }

    /// A pattern that matches exactly `text`.
    package init(literal text: String) {
        self.init(elements: [.text(text)])
    }

    package init(elements: [Element]) {
        var pieces: [[Unit]] = [[]]
        for element in elements {
            switch element {
            case .text(let text):
                pieces[pieces.count - 1].append(contentsOf: text.utf8.map(Unit.byte))
            case .question:
                pieces[pieces.count - 1].append(.anyScalar)
            case .star:
                pieces.append([])
            }
        }
        self.pieces = pieces
        let hasQuestion = pieces.contains { $0.contains(.anyScalar) }
        if pieces.count == 2, pieces[0].isEmpty, pieces[1].isEmpty {
            kind = .matchAll
        } else if pieces.count == 1, !hasQuestion {
            kind = .literal(pieces[0].compactMap(\.byteValue))
        } else if pieces.count == 2, pieces[1].isEmpty, !hasQuestion {
            kind = .prefix(pieces[0].compactMap(\.byteValue))
        } else {
            kind = .general
        }
    }

    package var matchesEverything: Bool {
        if case .matchAll = kind { return true }
        return pieces.count > 1 && pieces.allSatisfy(\.isEmpty)
    }

    package var hasWildcards: Bool {
        pieces.count > 1 || pieces.contains { $0.contains(.anyScalar) }
    }

    package func matches(_ subject: String) -> Bool {
        var subject = subject
        return subject.withUTF8 { matches(bytes: $0) }
    }

    package func matches(bytes subject: UnsafeBufferPointer<UInt8>) -> Bool {
        switch kind {
        case .matchAll:
            return true
        case .literal(let literal):
            return subject.count == literal.count && subject.elementsEqual(literal)
        case .prefix(let prefix):
            return subject.count >= prefix.count && subject.prefix(prefix.count).elementsEqual(prefix)
        case .general:
            return matchGeneral(subject)
        }
    }

    private func matchGeneral(_ subject: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = subject.count
        if pieces.count == 1 {
            return Self.match(pieces[0], in: subject, at: 0) == count
        }
        guard let afterFirst = Self.match(pieces[0], in: subject, at: 0) else { return false }
        var position = afterFirst
        for piece in pieces[1..<(pieces.count - 1)] where !piece.isEmpty {
            guard let end = Self.findLeftmost(piece, in: subject, from: position) else { return false }
            position = end
        }
        let last = pieces[pieces.count - 1]
        if last.isEmpty { return true }
        if let fixedLength = Self.fixedByteLength(last) {
            let start = count - fixedLength
            return start >= position && Self.match(last, in: subject, at: start) == count
        }
        var start = position
        while start <= count {
            if Self.isScalarBoundary(subject, start), Self.match(last, in: subject, at: start) == count {
                return true
            }
            start += 1
        }
        return false
    }

    private static func fixedByteLength(_ piece: [Unit]) -> Int? {
        piece.contains(.anyScalar) ? nil : piece.count
    }

    private static func isScalarBoundary(_ subject: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        index >= subject.count || subject[index] & 0xC0 != 0x80
    }

    /// Matches `piece` starting at `start`; returns the end offset, or nil.
    private static func match(_ piece: [Unit], in subject: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        var index = start
        for unit in piece {
            guard index < subject.count else { return nil }
            switch unit {
            case .byte(let byte):
                guard subject[index] == byte else { return nil }
                index += 1
            case .anyScalar:
                index += scalarLength(leadByte: subject[index])
                if index > subject.count { return nil }
            }
        }
        return index
    }

    private static func findLeftmost(_ piece: [Unit], in subject: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var candidate = start
        while candidate < subject.count {
            if isScalarBoundary(subject, candidate), let end = match(piece, in: subject, at: candidate) {
                return end
            }
            candidate += 1
        }
        return nil
    }

    private static func scalarLength(leadByte: UInt8) -> Int {
        switch leadByte {
        case 0..<0x80: 1
        case 0xF0...: 4
        case 0xE0...: 3
        case 0xC0...: 2
        default: 1
        }
    }
}

extension WildcardPattern.Unit {
    var byteValue: UInt8? {
        if case .byte(let byte) = self { return byte }
        return nil
    }
}

extension String {
    /// ASCII-only lower-casing: IAM names (actions, ARN service segments) are ASCII, and this is
    /// much cheaper than full Unicode case mapping on hot paths.
    package var asciiLowercased: String {
        var bytes = Array(utf8)
        var changed = false
        for index in bytes.indices where bytes[index] >= 65 && bytes[index] <= 90 {
            bytes[index] += 32
            changed = true
        }
        return changed ? String(decoding: bytes, as: UTF8.self) : self
    }
}
