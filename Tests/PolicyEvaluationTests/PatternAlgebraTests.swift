import PolicyModel
import Testing

/// `intersects` and `subsumes` must agree with what the evaluator's matchers accept: checked
/// against brute force over every short text of a small alphabet, for every short pattern and an
/// evenly spread sample of longer ones.
@Suite struct PatternAlgebraTests {
    /// Every text of `alphabet` up to `length` characters.
    static func texts(over alphabet: [String], upTo length: Int) -> [String] {
        var all = [""]
        var frontier = [""]
        for _ in 0..<length {
            frontier = frontier.flatMap { text in alphabet.map { text + $0 } }
            all += frontier
        }
        return all
    }

    /// For each pattern, which texts it matches, as bits: brute-force inclusion and overlap become
    /// word operations.
    static func matchTable<Pattern, Text>(_ patterns: [Pattern], _ texts: [Text], _ matches: (Pattern, Text) -> Bool) -> [[UInt64]] {
        patterns.map { pattern in
            var words = [UInt64](repeating: 0, count: (texts.count + 63) / 64)
            for (index, text) in texts.enumerated() where matches(pattern, text) {
                words[index / 64] |= 1 << UInt64(index % 64)
            }
            return words
        }
    }

    static func bit(_ words: [UInt64], _ index: Int) -> Bool { words[index / 64] & (1 << UInt64(index % 64)) != 0 }

    static func bruteSubsumes(_ a: [UInt64], _ b: [UInt64]) -> Bool {
        for index in a.indices where b[index] & ~a[index] != 0 { return false }
        return true
    }

    static func bruteIntersects(_ a: [UInt64], _ b: [UInt64]) -> Bool {
        for index in a.indices where a[index] & b[index] != 0 { return true }
        return false
    }

    // MARK: Wildcard patterns

    @Test func aPatternCanStartWithAPrefixExactlyWhenItIntersectsPrefixStar() {
        let patterns = Self.texts(over: ["a", "b", "é", "*", "?"], upTo: 4)
        let prefixes = Self.texts(over: ["a", "b"], upTo: 3)
        var agreedTrue = 0
        for source in patterns {
            let pattern = WildcardPattern(glob: source)
            for prefix in prefixes {
                let expected = pattern.intersects(WildcardPattern(elements: [.text(prefix), .star]))
                #expect(pattern.canMatch(textStartingWith: Array(prefix.utf8)) == expected, "`\(source)` starting with `\(prefix)`")
                if expected { agreedTrue += 1 }
            }
        }
        #expect(agreedTrue > 1000)
    }

    @Test func wildcardAlgebraAgreesWithMatchingOnEveryShortText() {
        // `é` (two UTF-8 bytes) and `😀` (four, and named by no pattern) check that `?` is one scalar.
        let texts = Self.texts(over: ["a", "é", "😀"], upTo: 6)
        let symbols = ["a", "é", "*", "?"]
        let short = Self.texts(over: symbols, upTo: 3)
        // Every third pattern of four symbols. Longer patterns could need texts longer than six
        // characters to tell them apart, beyond the brute force.
        let longer = Self.texts(over: symbols, upTo: 4).dropFirst(short.count)
        let sources = short + longer.enumerated().filter { $0.offset % 3 == 0 }.map(\.element)
        let patterns = sources.map { WildcardPattern(glob: $0) }
        let table = Self.matchTable(patterns, texts) { $0.matches($1) }

        for (index, pattern) in patterns.enumerated() where index % 3 == 0 {
            let language = pattern.language
            for (textIndex, text) in texts.enumerated() where language.matches(text) != Self.bit(table[index], textIndex) {
                Issue.record("language of `\(sources[index])` disagrees with the matcher on `\(text)`")
                break
            }
        }
        var failures = 0
        for a in patterns.indices {
            for b in patterns.indices where failures < 10 {
                let subsumes = patterns[a].subsumes(patterns[b])
                if subsumes != Self.bruteSubsumes(table[a], table[b]) {
                    Issue.record("`\(sources[a])` subsumes `\(sources[b])`: algebra says \(subsumes)")
                    failures += 1
                }
                let intersects = patterns[a].intersects(patterns[b])
                if intersects != Self.bruteIntersects(table[a], table[b]) {
                    Issue.record("`\(sources[a])` intersects `\(sources[b])`: algebra says \(intersects)")
                    failures += 1
                }
            }
        }
    }

    @Test(arguments: [
        ("s3:get*", "s3:getobject", true), ("s3:get*", "s3:getobject*", true), ("s3:getobject*", "s3:get*", false),
        ("*", "*:get?", true), ("s3:g?t*", "s3:g*t", false), ("s3:g*t", "s3:g?t*", false), ("*a*", "*a*a*", true),
        ("a*", "a?*", true), ("a?*", "a*", false), ("é?", "éé", true), ("??", "é", false),
    ])
    func subsumption(covering: String, covered: String, expected: Bool) {
        #expect(WildcardPattern(glob: covering).subsumes(WildcardPattern(glob: covered)) == expected)
    }

    @Test func hostilePatternsStayFast() {
        // The product walk is polynomial.
        let manyStars = WildcardPattern(glob: String(repeating: "*a", count: 200) + "b")
        let otherStars = WildcardPattern(glob: String(repeating: "a*", count: 200) + "c")
        #expect(!manyStars.intersects(otherStars))
        #expect(!manyStars.subsumes(otherStars))
        // `?` after `*` makes inclusion exponential in general; the search stops at its limit and
        // answers false, the safe answer, even though the first does cover the second.
        let wide = WildcardPattern(glob: "*a" + String(repeating: "?", count: 16))
        let narrower = WildcardPattern(glob: "*aa" + String(repeating: "?", count: 15))
        #expect(!wide.subsumes(narrower))
        #expect(wide.subsumes(wide))
    }

    @Test func classesAndLiteralLanguages() {
        let noColons = PatternLanguage(steps: [.one(.only(["a"])), .run(.anyExcept([":"]))])
        #expect(noColons.matches("abc"))
        #expect(!noColons.matches("a:c"))
        #expect(PatternLanguage(steps: [.run(.any)]).subsumes(noColons))
        #expect(!noColons.subsumes(PatternLanguage(steps: [.one(.only(["a"])), .run(.any)])))
        #expect(noColons.intersects(PatternLanguage(literal: "ab/c")))
        #expect(!noColons.intersects(PatternLanguage(literal: "ab:c")))
        let nothing = PatternLanguage(steps: [.one(.only([]))])
        #expect(nothing.isEmpty && noColons.subsumes(nothing) && !nothing.intersects(noColons))
    }

    // MARK: ARN patterns

    static func arn(_ text: String, caseInsensitive: Bool = true) -> ARNPattern? {
        ARNPattern(template: PolicyVariableString(text, variablesEnabled: true), caseInsensitivePrefix: caseInsensitive, resolve: { _ in nil })
    }

    @Test func arnAlgebraAgreesWithSegmentWiseMatching() throws {
        // The first part, parts 1 and 3 (partition, region) and the resource part vary; parts 2 and
        // 4 are fixed, in patterns and texts alike, so the brute-force universe stays small. Texts
        // with fewer than five colons exercise the whole-text shape.
        let firstParts = ["", "x", "X", "y", "xy"]
        let parts = ["", "a", "b", "ab"]
        let resources = Self.texts(over: ["a", "A", ":"], upTo: 3)
        var texts: [String] = []
        for first in firstParts {
            for partition in parts {
                for region in parts {
                    for resource in resources { texts.append("\(first):\(partition):x:\(region):x:\(resource)") }
                }
            }
        }
        texts += Self.texts(over: ["x", "a", ":"], upTo: 4)
        let splitTexts = texts.map(SplitARN.init)

        let firstPatterns = ["x", "X", "*", "?"]
        let partPatterns = ["", "a", "*", "?", "?*", "a*"]
        // Up to two symbols, so that three-character resource parts tell any two apart.
        let resourcePatterns = Self.texts(over: ["a", "A", ":", "*", "?"], upTo: 2)
        var sources = ["*", "x:*", "*a", "x:*:x:*:x:*", "x:*:x:*:x:*:*", "X:a:x::x:A", "?:*"]
        // An evenly spread sample of all combinations: index n read as mixed-radix digits.
        let combinations = firstPatterns.count * partPatterns.count * partPatterns.count * resourcePatterns.count
        for var index in stride(from: 0, to: combinations, by: 97) {
            func next(_ choices: [String]) -> String {
                defer { index /= choices.count }
                return choices[index % choices.count]
            }
            let first = next(firstPatterns), partition = next(partPatterns), region = next(partPatterns)
            sources.append([first, partition, "x", region, "x", next(resourcePatterns)].joined(separator: ":"))
        }

        for caseInsensitive in [true, false] {
            let patterns = try sources.map { try #require(Self.arn($0, caseInsensitive: caseInsensitive)) }
            let table = Self.matchTable(patterns, splitTexts) { $0.matches($1, caseInsensitivePrefix: caseInsensitive) }
            for (index, pattern) in patterns.enumerated() {
                let language = pattern.language(caseInsensitivePrefix: caseInsensitive)
                for (textIndex, text) in texts.enumerated() where textIndex % 10 == index % 10 && language.matches(text) != Self.bit(table[index], textIndex) {
                    Issue.record("language of `\(sources[index])` disagrees with ARN matching on `\(text)` (case-insensitive: \(caseInsensitive))")
                    break
                }
            }
            var failures = 0
            for a in patterns.indices {
                for b in patterns.indices where failures < 10 {
                    let subsumes = patterns[a].subsumes(patterns[b], caseInsensitivePrefix: caseInsensitive)
                    if subsumes != Self.bruteSubsumes(table[a], table[b]) {
                        Issue.record("`\(sources[a])` subsumes `\(sources[b])`: algebra says \(subsumes) (case-insensitive: \(caseInsensitive))")
                        failures += 1
                    }
                    let intersects = patterns[a].intersects(patterns[b], caseInsensitivePrefix: caseInsensitive)
                    if intersects != Self.bruteIntersects(table[a], table[b]) {
                        Issue.record("`\(sources[a])` intersects `\(sources[b])`: algebra says \(intersects) (case-insensitive: \(caseInsensitive))")
                        failures += 1
                    }
                }
            }
        }
    }

    @Test func arnSubsumptionFollowsSegments() throws {
        func subsumes(_ a: String, _ b: String) throws -> Bool {
            try #require(Self.arn(a)).subsumes(try #require(Self.arn(b)))
        }
        #expect(try subsumes("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/logs/*"))
        #expect(try !subsumes("arn:aws:s3:::bucket/logs/*", "arn:aws:s3:::bucket/*"))
        #expect(try subsumes("arn:AWS:S3:::bucket/*", "arn:aws:s3:::bucket/x"))
        #expect(try !subsumes("arn:aws:s3:::bucket/*", "arn:aws:s3:::BUCKET/x"))
        // In the first five parts `*` stays inside its part; in the resource part it crosses `:`.
        #expect(try !subsumes("arn:aws:*:111122223333:x", "arn:aws:s3:us-east-1:111122223333:x"))
        #expect(try subsumes("arn:aws:logs:*:*:log-group:*", "arn:aws:logs:us-east-1:1:log-group:g:log-stream:s"))
        #expect(try subsumes("arn:*:*:*:*:*", "arn:aws:s3:::bucket"))
        #expect(try subsumes("*", "arn:aws:s3:::bucket"))
        // `arn:*` has too few colons to be read by parts: it compares the whole text, case and all,
        // so it misses `ARN:aws:s3:::bucket`, which the second entry matches.
        #expect(try !subsumes("arn:*", "arn:aws:s3:::bucket"))
        let wholeText = try #require(Self.arn("arn:*", caseInsensitive: false))
        #expect(wholeText.subsumes(try #require(Self.arn("arn:aws:s3:::bucket", caseInsensitive: false)), caseInsensitivePrefix: false))
    }
}
