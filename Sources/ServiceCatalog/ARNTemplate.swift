import PolicyModel

/// A resource type's ARN template, such as `arn:${Partition}:s3:::${BucketName}/${ObjectName}`, as
/// the language of the ARNs it describes, for PolicyModel's pattern algebra to match and intersect.
///
/// What a placeholder (`${Name}`, or a literal `*` in the template) may stand for:
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
/// Literal text compares case-sensitively, as the templates spell ARNs in their canonical case.
enum ARNTemplate {
    private enum Piece {
        case text([UInt8])
        /// `needsOne`: a `${...}` placeholder (non-empty) rather than a template `*`.
        case hole(needsOne: Bool, inResource: Bool)
    }

    /// The language of one template (not a comma-joined list of alternatives).
    static func language(_ template: String) -> PatternLanguage {
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

        var steps: [PatternLanguage.Step] = []
        for (position, piece) in pieces.enumerated() {
            switch piece {
            case .text(let literal):
                steps += PatternLanguage(literal: String(decoding: literal, as: UTF8.self)).steps
            case .hole(let needsOne, let inResource):
                let characters: ScalarSet
                if !inResource {
                    characters = .anyExcept([":"])
                } else if position == pieces.count - 1 {
                    characters = resourceHasText(pieces, before: position) ? .any : .anyExcept([":", "/"])
                } else if case .text(let next) = pieces[position + 1], let first = next.first,
                          first == UInt8(ascii: ":") || first == UInt8(ascii: "/") {
                    characters = .anyExcept([Unicode.Scalar(first)])
                } else {
                    characters = .anyExcept([":", "/"])
                }
                if needsOne { steps.append(.one(characters)) }
                steps.append(.run(characters))
            }
        }
        return PatternLanguage(steps: steps)
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
}
