/// Finding the pieces of a glob (the text between its stars) in a subject, for `WildcardPattern`.
///
/// A piece is a run of units, each one symbol or `any` (a `?`). Symbols are UTF-8 bytes, or
/// Unicode scalars when a `?` must read one scalar of a non-ASCII subject; at either level every
/// piece has a fixed length in symbols, so it matches at a given place or not, and a glob needs
/// only each piece's leftmost occurrence.
///
/// Costs, for a piece of m units searched in n symbols:
/// - without `?`: Knuth–Morris–Pratt, O(n + m) time, m integers of scratch;
/// - with `?`: Shift-And over ceil(m/64)-word bitsets, O(n × ceil(m/64) + m) time and O(m)
///   memory. Exact matching with wildcards has no simple linear algorithm; a 30,000-unit piece
///   against 120,000 symbols is about 56 million word operations, tens of milliseconds;
/// - pieces of at most `shortPiece` units are compared in place, O(n × m) with m that small, so
///   the evaluator's usual patterns build no tables.
/// Tables are built only when the piece fits in what is left of the subject, so building never
/// costs more than the search.
enum GlobSearch {
    static let shortPiece = 8

    /// Whether `piece` matches the symbols starting at `start`.
    @inline(__always)
    static func matches<Unit: FixedWidthInteger, Symbol: FixedWidthInteger>(
        _ piece: UnsafeBufferPointer<Unit>, any: Unit, _ subject: UnsafeBufferPointer<Symbol>, at start: Int
    ) -> Bool {
        guard start >= 0, subject.count - start >= piece.count else { return false }
        var index = start
        for unit in piece {
            if unit != any && unit != Unit(truncatingIfNeeded: subject[index]) { return false }
            index += 1
        }
        return true
    }

    /// The end of the leftmost occurrence of `piece` that starts at or after `start`, or nil.
    static func leftmostEnd<Unit: FixedWidthInteger, Symbol: FixedWidthInteger>(
        of piece: UnsafeBufferPointer<Unit>, any: Unit, in subject: UnsafeBufferPointer<Symbol>, from start: Int
    ) -> Int? {
        let length = piece.count
        guard length > 0 else { return start }
        guard subject.count - start >= length else { return nil }
        if length <= shortPiece {
            for candidate in start...(subject.count - length) where matches(piece, any: any, subject, at: candidate) {
                return candidate + length
            }
            return nil
        }
        if piece.contains(any) {
            return shiftAndLeftmostEnd(of: piece, any: any, in: subject, from: start)
        }
        return knuthMorrisPrattLeftmostEnd(of: piece, in: subject, from: start)
    }

    private static func knuthMorrisPrattLeftmostEnd<Unit: FixedWidthInteger, Symbol: FixedWidthInteger>(
        of piece: UnsafeBufferPointer<Unit>, in subject: UnsafeBufferPointer<Symbol>, from start: Int
    ) -> Int? {
        let length = piece.count
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: length) { border -> Int? in
            // border[j]: the length of the longest proper prefix of piece[0...j] that is also its suffix.
            border[0] = 0
            var matched = 0
            for index in 1..<length {
                while matched > 0 && piece[index] != piece[matched] { matched = border[matched - 1] }
                if piece[index] == piece[matched] { matched += 1 }
                border[index] = matched
            }
            matched = 0
            for index in start..<subject.count {
                let symbol = Unit(truncatingIfNeeded: subject[index])
                while matched > 0 && piece[matched] != symbol { matched = border[matched - 1] }
                if piece[matched] == symbol { matched += 1 }
                if matched == length { return index + 1 }
            }
            return nil
        }
    }

    /// Shift-And: bit j of the state is set when the piece's first j + 1 units match the symbols
    /// just read. The masks are kept sparse (for each distinct unit, the words where it occurs), so
    /// memory stays O(m) however many distinct scalars a piece holds.
    private static func shiftAndLeftmostEnd<Unit: FixedWidthInteger, Symbol: FixedWidthInteger>(
        of piece: UnsafeBufferPointer<Unit>, any: Unit, in subject: UnsafeBufferPointer<Symbol>, from start: Int
    ) -> Int? {
        let length = piece.count
        let wordCount = (length + 63) / 64
        var anyMask = [UInt64](repeating: 0, count: wordCount)
        // For each distinct unit, (word, bits) pairs in word order: its positions in the piece.
        var classOf: [Unit: Int] = [:]
        var masks: [[(word: Int, bits: UInt64)]] = []
        for (position, unit) in piece.enumerated() {
            let word = position >> 6, bit = UInt64(1) << UInt64(position & 63)
            if unit == any {
                anyMask[word] |= bit
                continue
            }
            let unitClass: Int
            if let known = classOf[unit] {
                unitClass = known
            } else {
                unitClass = masks.count
                classOf[unit] = unitClass
                masks.append([])
            }
            if let last = masks[unitClass].last, last.word == word {
                masks[unitClass][masks[unitClass].count - 1].bits |= bit
            } else {
                masks[unitClass].append((word, bit))
            }
        }
        let lastWord = (length - 1) >> 6
        let lastBit = UInt64(1) << UInt64((length - 1) & 63)
        var state = [UInt64](repeating: 0, count: wordCount)
        var shifted = [UInt64](repeating: 0, count: wordCount)
        for index in start..<subject.count {
            // Only the words a match begun since `start` can have reached hold set bits.
            let liveWords = min(wordCount, (index - start) / 64 + 1)
            var carry: UInt64 = 1
            for word in 0..<liveWords {
                let previous = state[word]
                let next = (previous << 1) | carry
                carry = previous >> 63
                shifted[word] = next
                state[word] = next & anyMask[word]
            }
            if let unitClass = classOf[Unit(truncatingIfNeeded: subject[index])] {
                for entry in masks[unitClass] where entry.word < liveWords {
                    state[entry.word] |= shifted[entry.word] & entry.bits
                }
            }
            if state[lastWord] & lastBit != 0 { return index + 1 }
        }
        return nil
    }
}
