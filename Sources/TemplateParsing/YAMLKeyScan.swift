import PolicyModel

/// A lexical pass over YAML text that finds aliases used as (part of) mapping keys. Yams hashes
/// every key while composing, and a key assembled from nested aliases can be exponentially
/// large, so the danger must be caught before Yams runs. CloudFormation templates never need
/// such keys. The pass knows quotes, comments, flow brackets and block scalars; it does not
/// parse YAML fully, so it errs only towards refusing exotic keys in documents with aliases.
enum YAMLKeyScan {
    /// The position of an alias key (`*a: …`), or of a complex key (`? …`, `[…]: …`) when the
    /// document uses aliases at all; nil when the document is safe to compose.
    static func aliasInKey(_ text: String) -> SourcePosition? {
        var bytes = Array(text.utf8)
        bytes.append(0x0A)  // a final newline simplifies the end-of-line checks
        let count = bytes.count
        var index = 0
        var line = 1
        var lineStart = 0
        var continuation = 0
        var flowDepth = 0
        var lineIndent = 0
        var atLineStart = true
        var tokenStart = true
        var blockScalarParent: Int?
        var aliasSeen = false
        var complexKey: SourcePosition?

        func position(_ at: Int) -> SourcePosition {
            SourcePosition(line: line, column: at - lineStart - continuation + 1)
        }
        func isBreakOrSpace(_ at: Int) -> Bool {
            at >= count || bytes[at] == 0x20 || bytes[at] == 0x0A || bytes[at] == 0x0D || bytes[at] == 0x09
        }
        func nextNonSpace(_ from: Int) -> Int {
            var at = from
            while at < count, bytes[at] == 0x20 || bytes[at] == 0x09 { at += 1 }
            return at
        }

        while index < count {
            if atLineStart {
                var end = index
                while end < count, bytes[end] == 0x20 { end += 1 }
                let blank = end >= count || bytes[end] == 0x0A || bytes[end] == 0x0D || bytes[end] == UInt8(ascii: "#")
                if let parent = blockScalarParent, blank || end - index > parent {
                    // Block scalar content is text, whatever it looks like.
                    while index < count, bytes[index] != 0x0A { index += 1 }
                    index += 1
                    line += 1
                    lineStart = index
                    continuation = 0
                    continue
                }
                blockScalarParent = nil
                lineIndent = end - index
                index = end
                atLineStart = false
                tokenStart = true
                continue
            }
            let byte = bytes[index]
            switch byte {
            case 0x0A:
                index += 1
                line += 1
                lineStart = index
                continuation = 0
                atLineStart = true
            case 0x20, 0x09, 0x0D:
                tokenStart = true
                index += 1
            case UInt8(ascii: "#") where tokenStart:
                while index < count, bytes[index] != 0x0A { index += 1 }
            case UInt8(ascii: "\"") where tokenStart, UInt8(ascii: "'") where tokenStart:
                index += 1
                while index < count {
                    let current = bytes[index]
                    if current == byte {
                        // In single quotes `''` is an escaped quote.
                        if byte == UInt8(ascii: "'"), index + 1 < count, bytes[index + 1] == byte {
                            index += 2
                            continue
                        }
                        break
                    }
                    if byte == UInt8(ascii: "\""), current == UInt8(ascii: "\\") {
                        index += 2
                        continue
                    }
                    if current == 0x0A {
                        line += 1
                        lineStart = index + 1
                        continuation = 0
                    } else if current & 0xC0 == 0x80 {
                        continuation += 1
                    }
                    index += 1
                }
                index += 1
                tokenStart = false
            case UInt8(ascii: "*") where tokenStart:
                aliasSeen = true
                let start = index
                index += 1
                while index < count, isAnchorCharacter(bytes[index]) { index += 1 }
                let after = nextNonSpace(index)
                if after < count, bytes[after] == UInt8(ascii: ":") { return position(start) }
                tokenStart = false
            case UInt8(ascii: "?") where tokenStart && isBreakOrSpace(index + 1):
                if complexKey == nil { complexKey = position(index) }
                index += 1
            case UInt8(ascii: "|") where tokenStart && flowDepth == 0, UInt8(ascii: ">") where tokenStart && flowDepth == 0:
                blockScalarParent = lineIndent
                while index < count, bytes[index] != 0x0A { index += 1 }
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                if tokenStart || flowDepth > 0 { flowDepth += 1 }
                tokenStart = true
                index += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                if flowDepth > 0 {
                    flowDepth -= 1
                    let after = nextNonSpace(index + 1)
                    if after < count, bytes[after] == UInt8(ascii: ":"), complexKey == nil { complexKey = position(index) }
                }
                tokenStart = false
                index += 1
            case UInt8(ascii: ","):
                tokenStart = flowDepth > 0
                index += 1
            case UInt8(ascii: "-") where tokenStart && isBreakOrSpace(index + 1):
                index += 1
            default:
                if byte & 0xC0 == 0x80 { continuation += 1 }
                tokenStart = false
                index += 1
            }
        }
        return aliasSeen ? complexKey : nil
    }

    private static func isAnchorCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            true
        default:
            false
        }
    }
}
