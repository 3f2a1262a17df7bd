/// A `*` / `?` wildcard pattern over bytes, used for action patterns (`s3:Get*`) and for templated
/// condition keys. Matching never backtracks past the most recent `*`, so it runs in
/// O(pattern × text) in the worst case — `*a*a*a*a*a*a*b` against a long name stays cheap — rather
/// than the exponential time of naive recursive matching.
struct GlobPattern: Sendable, Hashable {
    enum Token: Sendable, Hashable {
        case byte(UInt8)
        /// Exactly one byte. Catalogue names are ASCII, so a byte is a character here.
        case one
        /// Any run of bytes, including none.
        case star
    }

    let tokens: [Token]

    init(tokens: [Token]) { self.tokens = tokens }

    /// `*` and `?` are wildcards; everything else is literal. Callers pass lower-cased bytes to
    /// match case-insensitively.
    init(wildcards bytes: some Sequence<UInt8>) {
        tokens = bytes.map { byte in
            switch byte {
            case UInt8(ascii: "*"): .star
            case UInt8(ascii: "?"): .one
            default: .byte(byte)
            }
        }
    }

    var isMatchAll: Bool { tokens == [.star] }

    func matches(_ text: [UInt8]) -> Bool {
        text.withUnsafeBufferPointer { matches($0) }
    }

    func matches(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var p = 0, t = 0
        var starP = -1, starT = 0
        let count = tokens.count
        while t < text.count {
            if p < count {
                switch tokens[p] {
                case .star:
                    starP = p
                    starT = t
                    p += 1
                    continue
                case .one:
                    p += 1
                    t += 1
                    continue
                case .byte(let b) where b == text[t]:
                    p += 1
                    t += 1
                    continue
                default: break
                }
            }
            // Mismatch: let the most recent `*` absorb one more byte. Earlier stars never need
            // revisiting, because the later star can absorb anything they could.
            guard starP >= 0 else { return false }
            starT += 1
            t = starT
            p = starP + 1
        }
        while p < count, tokens[p] == .star { p += 1 }
        return p == count
    }

    /// Whether some text beginning with `prefix` could match: used to skip whole services when
    /// expanding `*Get*`-style patterns. Runs the pattern as an NFA over the prefix bytes.
    func canMatchText(startingWith prefix: some Collection<UInt8>) -> Bool {
        var states = [Bool](repeating: false, count: tokens.count + 1)
        states[0] = true
        closeOverStars(&states)
        for byte in prefix {
            var next = [Bool](repeating: false, count: tokens.count + 1)
            var any = false
            for index in 0..<tokens.count where states[index] {
                switch tokens[index] {
                case .star: next[index] = true; any = true
                case .one: next[index + 1] = true; any = true
                case .byte(let b) where b == byte: next[index + 1] = true; any = true
                case .byte: break
                }
            }
            guard any else { return false }
            closeOverStars(&next)
            states = next
        }
        return states.contains(true)
    }

    private func closeOverStars(_ states: inout [Bool]) {
        for index in 0..<tokens.count where states[index] && tokens[index] == .star {
            states[index + 1] = true
        }
    }
}

extension UInt8 {
    /// ASCII lower-casing; names in the catalogue are ASCII and AWS compares them case-insensitively.
    var asciiLowercased: UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self) ? self | 0x20 : self
    }
}

extension String {
    var asciiLowercasedBytes: [UInt8] { utf8.map(\.asciiLowercased) }
}
