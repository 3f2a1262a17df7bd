/// A glob of literal text, `*` (any run of characters, possibly empty) and `?` (exactly one
/// Unicode scalar), matched in time near-linear in pattern plus subject, whoever writes either:
/// the pattern is split at its stars, the first piece must match at the start, the last at the
/// end, and each piece between is found leftmost in turn (`GlobSearch`), which is exact for globs
/// and never backtracks. `?` reads one scalar: against a non-ASCII subject, a pattern with `?` is
/// matched over scalars instead of bytes, so every piece has a fixed length.
package struct WildcardPattern: Sendable, Hashable {
    /// A unit of a piece: a UTF-8 byte (0...255), or `anyScalar` for `?`.
    package typealias Unit = UInt16
    package static let anyScalar: Unit = 0x100

    /// The pieces between stars, for the general shape (empty for the fast shapes).
    private let pieces: [[Unit]]
    private let kind: Kind
    /// Some piece holds `?`. Without one, bytes are matched even in non-ASCII subjects: a literal
    /// piece can only match at a scalar boundary of valid UTF-8.
    private let hasQuestion: Bool

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
        self.init(globBytes: text.utf8)
    }

    /// Compiles UTF-8 glob text directly, without building intermediate strings: policies are
    /// parsed by the thousand, and every action and resource entry is a glob. Literal and
    /// `prefix*` patterns, the common shapes, take one allocation.
    package init(globBytes source: some Collection<UInt8>) {
        var stars = 0
        var questions = 0
        var lastIsStar = false
        for byte in source {
            lastIsStar = byte == UInt8(ascii: "*")
            if lastIsStar { stars += 1 } else if byte == UInt8(ascii: "?") { questions += 1 }
        }
        if questions == 0 && stars == 0 {
            self.init(kind: .literal(Array(source)))
        } else if questions == 0 && stars == 1 && lastIsStar {
            self.init(kind: source.count == 1 ? .matchAll : .prefix(Array(source.dropLast())))
        } else {
            var pieces: [[Unit]] = [[]]
            for byte in source {
                switch byte {
                case UInt8(ascii: "*"): pieces.append([])
                case UInt8(ascii: "?"): pieces[pieces.count - 1].append(Self.anyScalar)
                default: pieces[pieces.count - 1].append(Unit(byte))
                }
            }
            self.init(pieces: pieces)
        }
    }

    /// A pattern that matches exactly `text`.
    package init(literal text: String) {
        self.init(pieces: [text.utf8.map(Unit.init)])
    }

    package init(elements: [Element]) {
        var pieces: [[Unit]] = [[]]
        for element in elements {
            switch element {
            case .text(let text):
                pieces[pieces.count - 1].append(contentsOf: text.utf8.lazy.map(Unit.init))
            case .question:
                pieces[pieces.count - 1].append(Self.anyScalar)
            case .star:
                pieces.append([])
            }
        }
        self.init(pieces: pieces)
    }

    private init(pieces: [[Unit]]) {
        let hasQuestion = pieces.contains { $0.contains(Self.anyScalar) }
        if pieces.count > 1, pieces.allSatisfy(\.isEmpty) {
            self.init(kind: .matchAll)
        } else if pieces.count == 1, !hasQuestion {
            self.init(kind: .literal(pieces[0].map(UInt8.init(truncatingIfNeeded:))))
        } else if pieces.count == 2, pieces[1].isEmpty, !hasQuestion {
            self.init(kind: .prefix(pieces[0].map(UInt8.init(truncatingIfNeeded:))))
        } else {
            self.init(kind: .general, pieces: pieces, hasQuestion: hasQuestion)
        }
    }

    private init(kind: Kind, pieces: [[Unit]] = [], hasQuestion: Bool = false) {
        self.kind = kind
        self.pieces = pieces
        self.hasQuestion = hasQuestion
    }

    package var matchesEverything: Bool {
        if case .matchAll = kind { return true }
        return false
    }

    package var hasWildcards: Bool {
        if case .literal = kind { return false }
        return true
    }

    /// The exact text matched, for a pattern without wildcards.
    package var literalBytes: [UInt8]? {
        if case .literal(let bytes) = kind { return bytes }
        return nil
    }

    /// The fixed text every match starts with, up to the first wildcard.
    package var leadingLiteral: [UInt8] {
        switch kind {
        case .matchAll: []
        case .literal(let bytes), .prefix(let bytes): bytes
        case .general: pieces.first.map { $0.prefix { $0 != Self.anyScalar }.map(UInt8.init(truncatingIfNeeded:)) } ?? []
        }
    }

    package func matches(_ subject: String) -> Bool {
        if case .matchAll = kind { return true }
        var subject = subject
        return subject.withUTF8 { matches(bytes: $0) }
    }

    /// `subject` must be valid UTF-8 (every caller passes a string's bytes or a part of them split
    /// at ASCII characters).
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

    /// Out of line, so the fast shapes above stay small on the evaluator's hot path.
    @inline(never)
    private func matchGeneral(_ subject: UnsafeBufferPointer<UInt8>) -> Bool {
        // Every unit takes at least one byte: a subject shorter than that cannot match, and each
        // search then builds its tables only for pieces that fit.
        guard pieces.reduce(0, { $0 + $1.count }) <= subject.count else { return false }
        if !hasQuestion || !subject.contains(where: { $0 >= 0x80 }) {
            return Self.matchPieces(pieces, any: Self.anyScalar, subject)
        }
        let scalars = String(decoding: subject, as: UTF8.self).unicodeScalars.map(\.value)
        return scalars.withUnsafeBufferPointer { Self.matchPieces(pieces.map(Self.scalarUnits), any: UInt32.max, $0) }
    }

    /// The first piece at the start, the last at the end, those between leftmost in turn: a piece
    /// found further left never leaves less room for the rest.
    private static func matchPieces<PieceUnit: FixedWidthInteger, Symbol: FixedWidthInteger>(
        _ pieces: [[PieceUnit]], any: PieceUnit, _ subject: UnsafeBufferPointer<Symbol>
    ) -> Bool {
        let count = subject.count
        let first = pieces[0]
        let firstMatches = first.withUnsafeBufferPointer { GlobSearch.matches($0, any: any, subject, at: 0) }
        guard firstMatches else { return false }
        if pieces.count == 1 { return first.count == count }
        var position = first.count
        for piece in pieces[1..<(pieces.count - 1)] where !piece.isEmpty {
            let end = piece.withUnsafeBufferPointer { GlobSearch.leftmostEnd(of: $0, any: any, in: subject, from: position) }
            guard let end else { return false }
            position = end
        }
        let last = pieces[pieces.count - 1]
        let start = count - last.count
        return start >= position && last.withUnsafeBufferPointer { GlobSearch.matches($0, any: any, subject, at: start) }
    }

    /// A piece's units as scalars, `UInt32.max` for `?` (no scalar has that value).
    private static func scalarUnits(_ piece: [Unit]) -> [UInt32] {
        var units: [UInt32] = []
        units.reserveCapacity(piece.count)
        var start = 0
        func appendText(upTo end: Int) {
            guard start < end else { return }
            let bytes = piece[start..<end].lazy.map { UInt8(truncatingIfNeeded: $0) }
            units += String(decoding: bytes, as: UTF8.self).unicodeScalars.lazy.map(\.value)
        }
        for (index, unit) in piece.enumerated() where unit == anyScalar {
            appendText(upTo: index)
            units.append(UInt32.max)
            start = index + 1
        }
        appendText(upTo: piece.count)
        return units
    }
}

extension WildcardPattern {
    /// The strings this pattern matches, for comparing it with other patterns.
    package var language: PatternLanguage {
        PatternLanguage(steps: steps(within: .any, foldingASCIICase: false))
    }

    /// Whether some string matches both patterns.
    package func intersects(_ other: WildcardPattern) -> Bool {
        if let literal = other.literalBytes { return literal.withUnsafeBufferPointer { matches(bytes: $0) } }
        if let literal = literalBytes { return literal.withUnsafeBufferPointer { other.matches(bytes: $0) } }
        // Every match starts with the leading literal: two that differ early rule out a common one.
        let leading = leadingLiteral, otherLeading = other.leadingLiteral
        guard leading.starts(with: otherLeading) || otherLeading.starts(with: leading) else { return false }
        return language.intersects(other.language)
    }

    /// Whether every string `other` matches, this pattern matches too. May answer false for
    /// hostile patterns it cannot decide quickly (`PatternLanguage.subsumes`).
    package func subsumes(_ other: WildcardPattern) -> Bool {
        var budget = Int.max
        return subsumes(other, budget: &budget)
    }

    /// As `subsumes(_:)`, charging `budget` 16 units per pair, one per pattern byte and one per
    /// automaton step (`PatternLanguage.subsumes(_:budget:)`), and answering false once it has run
    /// out: lint compares many pairs of entries within one budget per statement.
    package func subsumes(_ other: WildcardPattern, budget: inout Int) -> Bool {
        if matchesEverything { return true }
        // Comparing the pair at all (equality, leading literals) costs about 16 units.
        budget -= 16 + byteCount + other.byteCount
        guard budget >= 0 else { return false }
        if self == other { return true }
        if let literal = other.literalBytes { return literal.withUnsafeBufferPointer { matches(bytes: $0) } }
        // A pattern with a wildcard matches more than one text.
        if literalBytes != nil { return false }
        // Right after its leading literal, `other` has a wildcard, which can take a character this
        // pattern does not name; so this pattern's leading literal must end there or earlier. The
        // usual case (`s3:get*` against `s3:list*`) ends here.
        guard other.leadingLiteral.starts(with: leadingLiteral) else { return false }
        guard byteCount <= Self.maximumComparedLength, other.byteCount <= Self.maximumComparedLength else { return false }
        return language.subsumes(other.language, budget: &budget)
    }

    /// The longest patterns (in bytes) that `subsumes` compares through their languages, which take
    /// about a hundred bytes per character; longer ones are not shown to cover anything (policy
    /// entries are at most a few thousand characters). Callers comparing patterns with resource
    /// types use the same bound.
    package static let maximumComparedLength = 64 * 1024

    /// The pattern's length in bytes, a `?` or `*` counting one.
    package var byteCount: Int {
        switch kind {
        case .matchAll: 1
        case .literal(let bytes): bytes.count
        case .prefix(let bytes): bytes.count + 1
        case .general: pieces.reduce(pieces.count - 1) { $0 + $1.count }
        }
    }

    /// Whether some text this pattern matches starts with `prefix`, which must be ASCII (a service
    /// prefix such as `s3:`). Same answer as intersecting with `prefix*`, in O(|prefix|): the first
    /// piece must agree with the prefix where they overlap, and, without a star, be at least as long.
    package func canMatch(textStartingWith prefix: [UInt8]) -> Bool {
        func agrees(_ units: some Collection<Unit>) -> Bool {
            zip(units, prefix).allSatisfy { unit, byte in unit == Self.anyScalar || unit == Unit(byte) }
        }
        switch kind {
        case .matchAll: return true
        case .literal(let bytes): return bytes.starts(with: prefix)
        case .prefix(let bytes): return agrees(bytes.lazy.map(Unit.init))
        case .general:
            guard let first = pieces.first, agrees(first) else { return false }
            return pieces.count > 1 || first.count >= prefix.count
        }
    }

    /// Whether some literal byte of the pattern satisfies `predicate`.
    func containsLiteral(where predicate: (UInt8) -> Bool) -> Bool {
        switch kind {
        case .matchAll: false
        case .literal(let bytes), .prefix(let bytes): bytes.contains(where: predicate)
        case .general: pieces.contains { $0.contains { $0 != Self.anyScalar && predicate(UInt8(truncatingIfNeeded: $0)) } }
        }
    }

    /// Steps for this pattern as a part of a text whose characters all belong to `characters` (an
    /// ARN's first five parts hold no `:`): wildcards stand for those characters only, and a literal
    /// outside them never matches. With `foldingASCIICase` the subject is lower-cased before
    /// matching, as for an ARN's prefix parts: a lower-case literal letter also stands for its
    /// upper-case form, and an upper-case one for nothing. `characters` must not tell ASCII cases
    /// apart.
    func steps(within characters: ScalarSet, foldingASCIICase: Bool) -> [PatternLanguage.Step] {
        var steps: [PatternLanguage.Step] = []
        var literal: [UInt8] = []
        func appendLiteral() {
            for scalar in String(decoding: literal, as: UTF8.self).unicodeScalars {
                var set = ScalarSet.only([scalar])
                if foldingASCIICase, scalar.isASCII, let byte = UInt8(exactly: scalar.value) {
                    set = byte.asciiLowercased != byte ? .only([]) : .only([scalar, Unicode.Scalar(byte.asciiUppercased)])
                }
                steps.append(.one(set.intersection(characters)))
            }
            literal.removeAll()
        }
        switch kind {
        case .matchAll:
            steps.append(.run(characters))
        case .literal(let bytes):
            literal = bytes
            appendLiteral()
        case .prefix(let bytes):
            literal = bytes
            appendLiteral()
            steps.append(.run(characters))
        case .general:
            for (index, piece) in pieces.enumerated() {
                if index > 0 {
                    appendLiteral()
                    steps.append(.run(characters))
                }
                for unit in piece {
                    if unit == Self.anyScalar {
                        appendLiteral()
                        steps.append(.one(characters))
                    } else {
                        literal.append(UInt8(truncatingIfNeeded: unit))
                    }
                }
            }
            appendLiteral()
        }
        return steps
    }
}

extension UInt8 {
    @inlinable package var asciiLowercased: UInt8 { self >= 65 && self <= 90 ? self + 32 : self }
    package var asciiUppercased: UInt8 { self >= 97 && self <= 122 ? self - 32 : self }
}

extension String {
    /// Compares without allocating; for names that are ASCII by definition (service principals).
    package func equalsIgnoringASCIICase(_ other: String) -> Bool {
        utf8.count == other.utf8.count && zip(utf8, other.utf8).allSatisfy { $0.asciiLowercased == $1.asciiLowercased }
    }

    /// ASCII-only lower-casing: IAM names (actions, ARN service segments) are ASCII, and this is
    /// much cheaper than full Unicode case mapping on hot paths.
    package var asciiLowercased: String {
        var source = self
        return source.withUTF8 { bytes in
            guard bytes.contains(where: { $0 >= 65 && $0 <= 90 }) else { return self }
            return String(unsafeUninitializedCapacity: bytes.count) { buffer in
                for index in 0..<bytes.count { buffer[index] = bytes[index].asciiLowercased }
                return bytes.count
            }
        }
    }
}
