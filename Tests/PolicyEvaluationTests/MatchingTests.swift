import PolicyModel
import Testing

@Suite struct WildcardPatternTests {
    @Test(arguments: [
        ("*", "", true), ("*", "anything", true), ("abc", "abc", true), ("abc", "abd", false),
        ("a*", "abc", true), ("a*", "ba", false), ("*c", "abc", true), ("*c", "abd", false),
        ("a?c", "abc", true), ("a?c", "ac", false), ("a?c", "aéc", true), ("?", "😀", true),
        ("a*b*c", "aXXbYYc", true), ("a*b*c", "aXXcYYb", false), ("*a*a*", "aa", true), ("*a*a*", "a", false),
        ("bucket/*/test/*", "bucket//test/object.jpg", true),
        ("bucket/*/test/*", "bucket/1/2/test/3/object.jpg", true),
        ("bucket/*/test/*", "bucket/test/object.jpg", false),
        ("a**b", "ab", true), ("*ab", "aab", true), ("ab*ab", "abab", true), ("ab*ab", "aba", false),
    ])
    func globMatches(pattern: String, subject: String, expected: Bool) {
        #expect(WildcardPattern(glob: pattern).matches(subject) == expected)
    }

    @Test func hostilePatternsStayLinear() {
        // Exponential backtracking would never finish these.
        let subject = String(repeating: "a", count: 200_000)
        #expect(!WildcardPattern(glob: "*a*a*a*a*a*a*a*a*b").matches(subject))
        #expect(WildcardPattern(glob: "*a*a*a*a*a*a*a*a*a").matches(subject))
        #expect(!WildcardPattern(glob: "*?*?*?*?*?*?*?*?b").matches(subject))
    }

    @Test func literalPatternsDoNotGlob() {
        let pattern = WildcardPattern(elements: [.text("a*b"), .star])
        #expect(pattern.matches("a*bcd"))
        #expect(!pattern.matches("aXbcd"))
    }
}

@Suite struct ARNPatternTests {
    static func resource(_ pattern: String, _ arn: String) -> Bool {
        ARNPattern(template: PolicyVariableString(pattern, variablesEnabled: true), resolve: { _ in nil })?.matches(SplitARN(arn)) ?? false
    }

    @Test func wildcardsStayInsideTheirSegmentExceptInTheResourcePart() {
        #expect(Self.resource("arn:aws:dynamodb:*:111122223333:table/orders/stream/*", "arn:aws:dynamodb:us-east-1:111122223333:table/orders/stream/2026-01-01T00:00:00.000"))
        #expect(!Self.resource("arn:aws:dynamodb:*:111122223333:table/orders", "arn:aws:dynamodb:us-east-1:111122223333:table/orders/stream/x"))
        #expect(!Self.resource("arn:aws:es:*:*:domain/search/*", "arn:aws:es:us-east-1:111122223333:domain/search"))
        #expect(Self.resource("arn:aws:logs:*:*:log-group:g:*", "arn:aws:logs:us-east-1:1:log-group:g:log-stream:s"))
        // Partition, service, region and account compare case-insensitively; the resource part does not.
        #expect(Self.resource("arn:AWS:S3:::bucket/*", "arn:aws:s3:::bucket/Key"))
        #expect(!Self.resource("arn:aws:s3:::bucket/key", "arn:aws:s3:::bucket/KEY"))
        #expect(!Self.resource("arn:aws:s3:::*", "*"))
        #expect(Self.resource("*", "*"))
    }

    @Test func arnLikeIsSegmentWiseWhileStringLikeIsWholeString() {
        let arn = "arn:aws:svc:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"
        let pattern = "arn:aws:svc:*:111122223333:finance/*"
        #expect(WildcardPattern(glob: pattern).matches(arn))
        let arnLike = ARNPattern(template: PolicyVariableString(pattern, variablesEnabled: true), caseInsensitivePrefix: false, resolve: { _ in nil })
        #expect(arnLike?.matches(SplitARN(arn), caseInsensitivePrefix: false) == false)
    }

    @Test func unresolvedVariablesMatchNothingAndDefaultsApply() {
        let template = PolicyVariableString("arn:aws:s3:::home/${aws:username}/*", variablesEnabled: true)
        #expect(ARNPattern(template: template, resolve: { _ in nil }) == nil)
        let resolved = ARNPattern(template: template, resolve: { $0 == "aws:username" ? "a*" : nil })
        #expect(resolved?.matches(SplitARN("arn:aws:s3:::home/a*/x")) == true)
        #expect(resolved?.matches(SplitARN("arn:aws:s3:::home/ab/x")) == false)
        let withDefault = PolicyVariableString("${aws:PrincipalTag/team, 'shared'}", variablesEnabled: true)
        #expect(withDefault.resolvedText(resolve: { _ in nil }) == "shared")
        #expect(PolicyVariableString("a${*}b${?}c${$}", variablesEnabled: true).resolvedText(resolve: { _ in nil }) == "a*b?c$")
    }
}

@Suite struct ValueParsingTests {
    @Test(arguments: [
        ("10.0.0.0/8", "10.1.2.3", true), ("10.0.0.0/8", "11.0.0.1", false), ("192.0.2.7", "192.0.2.7", true),
        ("192.0.2.7", "192.0.2.8", false), ("0.0.0.0/0", "203.0.113.9", true),
        ("2001:db8::/32", "2001:db8:1::1", true), ("2001:db8::/32", "2001:db9::1", false),
        ("::1", "::1", true), ("2001:DB8::/32", "2001:db8::ffff", true), ("10.0.0.0/8", "2001:db8::1", false),
    ])
    func networksContainAddresses(network: String, address: String, expected: Bool) throws {
        let net = try #require(IPNetwork(cidr: network))
        let addr = try #require(IPNetwork(cidr: address))
        #expect(net.contains(addr) == expected)
    }

    @Test(arguments: ["10.0.0.256", "10.0.0", "10.0.0.0/33", "1:2:3", "::1::2", "10.0.0.0/", "abc", "2001:db8::/129"])
    func rejectsInvalidAddresses(_ text: String) {
        #expect(IPNetwork(cidr: text) == nil)
    }

    @Test func parsesISO8601AndEpochDates() {
        #expect(ValueParsing.date("1970-01-01T00:00:00Z") == 0)
        #expect(ValueParsing.date("2026-11-25") == 1_795_564_800)
        #expect(ValueParsing.date("2026-11-25T10:00:00+02:00") == Double(1_795_593_600))
        #expect(ValueParsing.date("2026-11-25T10:00:00.500Z") == Double(1_795_600_800.5))
        #expect(ValueParsing.date("1795564800") == 1_795_564_800)
        #expect(ValueParsing.date("2024-02-29") != nil)
        #expect(ValueParsing.date("2026-02-29") == nil)
        #expect(ValueParsing.date("2026-11-25T25:00:00Z") == nil)
        #expect(ValueParsing.date("yesterday") == nil)
        #expect(ValueParsing.date("2026-11") == ValueParsing.date("2026-11-01"))
        // A bare number is epoch seconds, even when it looks like a year.
        #expect(ValueParsing.date("2026") == 2026)
        #expect(ValueParsing.date("2026-1") == nil)
    }

    @Test func parsesNumbersStrictly() {
        #expect(ValueParsing.number("10") == 10)
        #expect(ValueParsing.number("-1.5") == -1.5)
        #expect(ValueParsing.number("1e3") == nil)
        #expect(ValueParsing.number("0x10") == nil)
        #expect(ValueParsing.number("") == nil)
    }

    @Test func decodesBase64() {
        #expect(ValueParsing.base64("QmluYXJ5") == Array("Binary".utf8))
        #expect(ValueParsing.base64("QQ==") == [65])
        #expect(ValueParsing.base64("Q Q") == nil)
    }
}
