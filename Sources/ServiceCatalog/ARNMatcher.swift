/// Matching of ARNs and policy `Resource` patterns against resource-type ARN templates such as
/// `arn:${Partition}:s3:::${BucketName}/${ObjectName}`.
///
/// Templates and patterns are both compiled to token lists in which a token is a literal byte, one
/// byte from a class, or a run from a class. Matching asks whether *some* string is accepted by both
/// lists, by walking the product of the two automata (at most |a|·|b| states, no backtracking).
/// A concrete ARN is just a list of literals, so the same walk answers `matches(arn:)`.
///
/// What a template placeholder (`${Name}`, or a literal `*` in the template) may stand for:
/// - in the first five colon-separated fields (partition, service, region, account): one or more
///   characters other than `:`;
/// - in the resource part, when it is the last thing in the template and follows some literal text
///   (`role/${RoleNameWithPath}`, `function:${FunctionName}`): anything, because names and
///   qualifiers there contain `/` and `:`;
/// - in the resource part when it is the whole resource part (`${BucketName}`, `${TopicName}`):
///   characters other than `/` and `:` — so an S3 object ARN is not also a bucket ARN;
/// - otherwise: characters other than the separator that follows it (`${BucketName}/` stops at `/`,
///   `log-group:${LogGroupName}:log-stream` stops at `:` but may contain `/`); before any other
///   character, characters other than `/` and `:`.
/// A `${...}` placeholder needs at least one character; a literal `*` in a template may be empty.
/// Literal text compares case-sensitively, as IAM compares resource ARNs.
enum ARNMatcher {
    struct CharClass: Hashable, Sendable {
        var excludesColon: Bool
        var excludesSlash: Bool

        static let any = CharClass(excludesColon: false, excludesSlash: false)

        func accepts(_ byte: UInt8) -> Bool {
            !(excludesColon && byte == UInt8(ascii: ":")) && !(excludesSlash && byte == UInt8(ascii: "/"))
        }
    }

    enum Token: Hashable, Sendable {
        case literal(UInt8)
        case one(CharClass)
        case star(CharClass)

        var isStar: Bool {
            if case .star = self { return true }
            return false
        }
    }

    /// Tokens for a concrete ARN: every byte literal, so `*` in it means a literal asterisk.
    static func literal(_ arn: String) -> [Token] { arn.utf8.map { .literal($0) } }

    /// Tokens for a policy `Resource`/`NotResource` pattern: `*` any run (colons included, as IAM
    /// allows), `?` any one character, policy variables `${aws:username}` any run, and the escapes
    /// `${*}`, `${?}`, `${$}` their literal character.
    static func policyPattern(_ pattern: String) -> [Token] {
        let bytes = Array(pattern.utf8)
        var tokens: [Token] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "$"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "{"),
               let close = bytes[(index + 2)...].firstIndex(of: UInt8(ascii: "}")) {
                let inner = bytes[(index + 2)..<close]
                if inner.count == 1, let only = inner.first,
                   [UInt8(ascii: "*"), UInt8(ascii: "?"), UInt8(ascii: "$")].contains(only) {
                    tokens.append(.literal(only))
                } else {
                    tokens.append(.star(.any))
                }
                index = close + 1
                continue
            }
            switch byte {
            case UInt8(ascii: "*"): tokens.append(.star(.any))
            case UInt8(ascii: "?"): tokens.append(.one(.any))
            default: tokens.append(.literal(byte))
            }
            index += 1
        }
        return tokens
    }

    private enum Piece {
        case text([UInt8])
        /// `needsOne`: a `${...}` placeholder (non-empty) rather than a template `*`.
        case hole(needsOne: Bool, inResource: Bool)
    }

    /// Tokens for one ARN template (not a comma-joined list of alternatives).
    static func template(_ template: String) -> [Token] {
        let bytes = Array(template.utf8)
        var pieces: [Piece] = []
        var text: [UInt8] = []
        var colons = 0
        var index = 0
        func flush() {
            if !text.isEmpty { pieces.append(.text(text)); text = [] }
        }
        while index < bytes.count {
            let byte = bytes[index]
            // `${Name}`; one template in the data writes `{Date-and-Time-Stamp-of-Backup}` without `$`.
            let opensBrace = byte == UInt8(ascii: "{")
                || (byte == UInt8(ascii: "$") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "{"))
            if opensBrace, let close = bytes[index...].firstIndex(of: UInt8(ascii: "}")) {
                flush()
                pieces.append(.hole(needsOne: true, inResource: colons >= 5))
                index = close + 1
                continue
            }
            if byte == UInt8(ascii: "*") {
                flush()
                pieces.append(.hole(needsOne: false, inResource: colons >= 5))
            } else {
                if byte == UInt8(ascii: ":") { colons += 1 }
                text.append(byte)
            }
            index += 1
        }
        flush()

        var tokens: [Token] = []
        for (position, piece) in pieces.enumerated() {
            switch piece {
            case .text(let literal):
                tokens.append(contentsOf: literal.map { .literal($0) })
            case .hole(let needsOne, let inResource):
                let charClass: CharClass
                if !inResource {
                    charClass = CharClass(excludesColon: true, excludesSlash: false)
                } else if position == pieces.count - 1 {
                    charClass = resourceHasText(pieces, before: position) ? .any : CharClass(excludesColon: true, excludesSlash: true)
                } else if case .text(let next) = pieces[position + 1], let first = next.first,
                          first == UInt8(ascii: ":") || first == UInt8(ascii: "/") {
                    charClass = CharClass(excludesColon: first == UInt8(ascii: ":"), excludesSlash: first == UInt8(ascii: "/"))
                } else {
                    charClass = CharClass(excludesColon: true, excludesSlash: true)
                }
                if needsOne { tokens.append(.one(charClass)) }
                tokens.append(.star(charClass))
            }
        }
        return tokens
    }

    /// Whether the pieces before `end` include resource-part text (text after the fifth colon).
    private static func resourceHasText(_ pieces: [Piece], before end: Int) -> Bool {
        var colons = 0
        for piece in pieces[..<end] {
            guard case .text(let literal) = piece else { continue }
            for byte in literal {
                if colons >= 5 { return true }
                if byte == UInt8(ascii: ":") { colons += 1 }
            }
        }
        return false
    }

    /// Whether some string is accepted by both token lists.
    static func intersects(_ a: [Token], _ b: [Token]) -> Bool {
        let width = b.count + 1
        var visited = [Bool](repeating: false, count: (a.count + 1) * width)
        var stack: [(Int, Int)] = [(0, 0)]
        visited[0] = true
        func push(_ i: Int, _ j: Int) {
            let slot = i * width + j
            if !visited[slot] {
                visited[slot] = true
                stack.append((i, j))
            }
        }
        while let (i, j) = stack.popLast() {
            if i == a.count && j == b.count { return true }
            if i < a.count, a[i].isStar { push(i + 1, j) }
            if j < b.count, b[j].isStar { push(i, j + 1) }
            guard i < a.count, j < b.count, compatible(a[i], b[j]) else { continue }
            push(a[i].isStar ? i : i + 1, b[j].isStar ? j : j + 1)
        }
        return false
    }

    /// Whether one character can satisfy both tokens. Classes only ever exclude `:` and `/`, so two
    /// classes always share some character.
    private static func compatible(_ x: Token, _ y: Token) -> Bool {
        switch (x, y) {
        case (.literal(let p), .literal(let q)): p == q
        case (.literal(let p), .one(let c)), (.literal(let p), .star(let c)),
             (.one(let c), .literal(let p)), (.star(let c), .literal(let p)): c.accepts(p)
        default: true
        }
    }
}
