import PolicyModel
import Testing

/// `WildcardPattern` against a dynamic-programming matcher written straight from the definition
/// (`*` any run of scalars, `?` exactly one), on seeded random patterns and subjects: short and
/// long pieces (the in-place, Knuth–Morris–Pratt and multi-word Shift-And searches), periodic
/// pieces (where a search must fall back correctly), and ASCII and non-ASCII subjects (`?` reads
/// one scalar, however many bytes it takes).
@Suite struct WildcardReferenceTests {
    /// Whether `pattern` matches `subject`, over Unicode scalars, in O(pattern × subject).
    static func referenceMatches(_ pattern: [Character], _ subject: [Unicode.Scalar]) -> Bool {
        // reachable[j]: the pattern read so far matches the subject's first j scalars.
        var reachable = [Bool](repeating: false, count: subject.count + 1)
        reachable[0] = true
        for symbol in pattern {
            var next = [Bool](repeating: false, count: subject.count + 1)
            switch symbol {
            case "*":
                var any = false
                for index in 0...subject.count {
                    any = any || reachable[index]
                    next[index] = any
                }
            case "?":
                for index in 0..<subject.count where reachable[index] { next[index + 1] = true }
            default:
                let scalar = symbol.unicodeScalars.first
                for index in 0..<subject.count where reachable[index] && subject[index] == scalar { next[index + 1] = true }
            }
            reachable = next
        }
        return reachable[subject.count]
    }

    /// A text that the pattern matches by construction (stars and `?` filled in at random), or,
    /// one time in three, that text with a few scalars changed.
    static func subject(for pattern: [Character], letters: [Character], random: inout SplitMix64) -> String {
        var text = ""
        for symbol in pattern {
            switch symbol {
            case "*": for _ in 0..<random.below(4) { text.append(random.pick(letters)) }
            case "?": text.append(random.pick(letters))
            default: text.append(symbol)
            }
        }
        guard random.chance(33), !text.isEmpty else { return text }
        var characters = Array(text)
        for _ in 0..<(1 + random.below(2)) { characters[random.below(characters.count)] = random.pick(letters) }
        return String(characters)
    }

    /// A pattern of `pieces` pieces; some long (past the in-place search), some periodic.
    static func pattern(pieces: Int, letters: [Character], questionPercent: Int, random: inout SplitMix64) -> [Character] {
        var pattern: [Character] = []
        for piece in 0..<pieces {
            if piece > 0 { pattern.append("*") }
            let length = random.chance(30) ? 9 + random.below(140) : random.below(6)
            if random.chance(30) {
                // Periodic: `aab aab aab …` with the odd `?`, where naive and table searches differ.
                let period = (0..<(1 + random.below(3))).map { _ in random.pick(letters) }
                for index in 0..<length { pattern.append(random.chance(questionPercent / 2) ? "?" : period[index % period.count]) }
            } else {
                for _ in 0..<length { pattern.append(random.chance(questionPercent) ? "?" : random.pick(letters)) }
            }
        }
        return pattern
    }

    @Test(arguments: [
        ("ascii", ["a", "b"] as [Character]),
        ("non-ascii", ["a", "é", "😀"] as [Character]),
        ("mixed", ["a", "b", "é", "中", "😀"] as [Character]),
    ])
    func agreesWithTheReferenceOnGeneratedGlobs(name: String, letters: [Character]) {
        var random = SplitMix64(seed: 0x5EED_0000 ^ UInt64(letters.count))
        var failures = 0
        var matched = 0
        for round in 0..<600 where failures < 5 {
            let pattern = Self.pattern(pieces: 1 + random.below(4), letters: letters, questionPercent: round % 3 == 0 ? 0 : 20, random: &random)
            // Subjects over the pattern's letters, sometimes all ASCII even for a non-ASCII pattern.
            let subjectLetters: [Character] = random.chance(20) ? ["a", "b"] : letters
            for _ in 0..<3 {
                let subject = Self.subject(for: pattern, letters: subjectLetters, random: &random)
                let expected = Self.referenceMatches(pattern, Array(subject.unicodeScalars))
                let actual = WildcardPattern(glob: String(pattern)).matches(subject)
                if expected { matched += 1 }
                if actual != expected {
                    Issue.record("[\(name)] `\(String(pattern))` against `\(subject)`: matcher says \(actual), reference \(expected)")
                    failures += 1
                }
            }
        }
        // The generator must produce both answers, or the comparison shows little.
        #expect(matched > 300, "only \(matched) matching subjects in [\(name)]")
    }

    @Test func longPiecesWithQuestionMarksSpanSeveralWords() {
        // A piece of 199 units with `?` uses a four-word Shift-And state; the match sits at the end.
        let piece = String(repeating: "ab?", count: 66) + "c"
        let pattern = WildcardPattern(glob: "*" + piece + "*")
        let miss = String(repeating: "abx", count: 500) + "abc"
        let hit = miss + String(repeating: "abé", count: 66) + "c"
        #expect(!pattern.matches(miss))
        #expect(pattern.matches(hit))
        #expect(Self.referenceMatches(Array("*" + piece + "*"), Array(hit.unicodeScalars)))
    }
}
