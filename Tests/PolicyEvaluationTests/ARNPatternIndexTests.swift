import PolicyModel
import Testing

/// `ARNPatternIndex` narrows which ARNs a pattern is tested on: every answer must be the
/// brute-force one, `ARNPattern.matches` asked for every ARN.
@Suite struct ARNPatternIndexTests {
    /// IAM-like ARNs with mixed-case prefixes and resource parts, duplicates, texts that are not
    /// ARNs, and ARNs of other services and accounts.
    static let arns: [String] = {
        var arns: [String] = []
        for account in ["111122223333", "444455556666"] {
            for partition in ["aws", "AWS", "aws-cn"] {
                for resource in ["role/app-a", "role/app-b", "role/App-a", "role/ops/app-a", "role/app", "role/", "user/app-a", "user/alice",
                                 "policy/app/Policy1", "group/admins", "role/app-a:x", "role/app-a*", "", "role/app?"] {
                    arns.append("arn:\(partition):iam::\(account):\(resource)")
                }
            }
            arns.append("arn:aws:s3:::bucket-\(account)/role/app-a")
            arns.append("arn:aws:sts::\(account):assumed-role/app-a/session")
        }
        return arns + ["not-an-arn", "arn:aws:iam", "*", "arn:aws:iam::111122223333:role/app-a"]
    }()

    static let patterns: [String] = [
        "*", "arn:aws:iam::111122223333:role/app-*", "arn:aws:iam::*:role/app-*", "arn:AWS:IAM::111122223333:role/app-*",
        "arn:aws:iam::111122223333:role/App-*", "arn:aws:iam::111122223333:role/*", "arn:aws:iam::111122223333:*",
        "arn:aws:iam::111122223333:role/app-?", "arn:aws:iam::111122223333:role/app-a", "arn:aws:iam::111122223333:role/app",
        "arn:aws:iam::111122223333:role/", "arn:aws:iam::111122223333:", "arn:aws*:iam::*:role/app-a", "arn:*:*:*:*:*",
        "arn:aws:iam::1111222233?3:user/*", "arn:aws:iam::111122223333:role/*/app-a", "arn:aws:iam::111122223333:role/app-a:*",
        "arn:aws:s3:::bucket-*", "arn:aws:sts::*:assumed-role/app-*/*", "not-an-*", "arn:aws:iam", "arn:aws:iam::111122223333:role/?pp*",
        "arn:aws:iam::111122223333:role/app-a*", "arn:aws:iam::111122223333:user/${aws:username}",
        // Escapes and variables: compiled from elements, a literal `*` and `?` in the text.
        "arn:aws:iam::111122223333:role/app-a${*}", "arn:aws:iam::111122223333:role/app${?}", "arn:aws:iam::${aws:account}:role/app-*",
    ]

    static func variable(_ key: String) -> String? {
        ["aws:username": "alice", "aws:account": "444455556666"][key]
    }

    @Test func agreesWithTestingEveryARN() throws {
        let split = Self.arns.map(SplitARN.init)
        let index = ARNPatternIndex(split)
        for text in Self.patterns {
            let pattern = try #require(ARNPattern(template: PolicyVariableString(text, variablesEnabled: true), resolve: Self.variable), "\(text) compiles")
            let expected = split.indices.filter { pattern.matches(split[$0]) }
            #expect(index.positions(matching: pattern).sorted() == expected, "\(text)")
        }
    }

    @Test func findsTheMatchesItShould() throws {
        // A check of the brute force itself on a few readable cases, so the test above cannot
        // pass by both sides matching nothing.
        let split = Self.arns.map(SplitARN.init)
        let index = ARNPatternIndex(split)
        func found(_ text: String) throws -> [String] {
            let pattern = try #require(ARNPattern(template: PolicyVariableString(text, variablesEnabled: true), resolve: { _ in nil }))
            return index.positions(matching: pattern).sorted().map { Self.arns[$0] }
        }
        // The first five parts compare without case, the resource part with it.
        #expect(try found("arn:aws:iam::444455556666:role/app-?") == [
            "arn:aws:iam::444455556666:role/app-a", "arn:aws:iam::444455556666:role/app-b",
            "arn:AWS:iam::444455556666:role/app-a", "arn:AWS:iam::444455556666:role/app-b",
        ])
        #expect(try found("arn:aws:iam::111122223333:role/app-a").count == 3)
        #expect(try found("*").count == Self.arns.count)
    }
}
