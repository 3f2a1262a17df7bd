import PolicyModel

/// A lexical pass over the text before Yams composes it. Yams hashes every mapping key to find
/// duplicates, and a key built from aliases can be exponentially large, so such keys must be
/// refused before Yams sees them. The pass refuses an alias used as a key (`*a: …`), a complex
/// key (`? …`, `[…]: …`) in a text that uses aliases at all, and aliases beyond a count limit.
///
/// It knows comments, quoted, plain and block scalars, tags, anchors and flow collections, but is
/// not a full YAML scanner: where it is unsure, it prefers seeing a key to missing one.
struct YAMLKeyScanner {
    static func scan(_ text: String, maximumAliases: Int?) -> SafeYAMLError? {
        var scanner = YAMLKeyScanner(bytes: Array(text.utf8), maximumAliases: maximumAliases)
        return scanner.run()
    }

    private let bytes: [UInt8]
    private let maximumAliases: Int?
    private var index = 0
    private var line = 1
    private var lineStart = 0
    private var atLineStart = true
    private var lineIndent = 0
    /// Where each open `[` and `{` is, innermost last. A flow collection may span lines, so each
    /// keeps its own line with it.
    private var flowOpenings: [(offset: Int, line: Int, lineStart: Int)] = []
    /// The indentation of the innermost block node begun on this line (a `- ` entry or a key),
    /// which a block scalar's content must exceed.
    private var blockNodeIndent: Int?
    /// Set while inside a block scalar (`|`, `>`): the indentation its content lines exceed.
    private var blockScalarParentIndent: Int?
    /// Set after a block-context plain scalar that ran to the line's end: the indentation its
    /// continuation lines exceed (`Description: runs at noon` then `  ? every day` is one text).
    private var plainScalarParentIndent: Int?
    private var aliasCount = 0
    private var firstComplexKey: SourcePosition?

    private init(bytes: [UInt8], maximumAliases: Int?) {
        self.bytes = bytes
        self.maximumAliases = maximumAliases
    }

    private mutating func run() -> SafeYAMLError? {
        while index < bytes.count {
            if atLineStart {
                startLine()
            } else if let refusal = scanToken() {
                return refusal
            }
        }
        guard aliasCount > 0, let firstComplexKey else { return nil }
        return SafeYAMLError(
            .aliasInKey, "complex mapping keys are not supported in a document that uses aliases", at: firstComplexKey,
            help: "aliases inside mapping keys can expand exponentially; use plain keys"
        )
    }

    // MARK: - Lines

    /// Measures the indentation, or skips the whole line when it is a block scalar's content.
    private mutating func startLine() {
        var contentStart = index
        while contentStart < bytes.count, bytes[contentStart] == .space { contentStart += 1 }
        let indent = contentStart - index
        if let parentIndent = blockScalarParentIndent {
            if isBlankOrComment(at: contentStart) || indent > parentIndent {
                skipToLineEnd()
                endLine()
                return
            }
            blockScalarParentIndent = nil
        }
        if let parentIndent = plainScalarParentIndent {
            // A blank line folds into the scalar; a comment line or a line no deeper ends it.
            if isBlankLine(at: contentStart) || (indent > parentIndent && !byteIs(.hash, at: contentStart)) {
                skipToLineEnd()
                endLine()
                return
            }
            plainScalarParentIndent = nil
        }
        index = contentStart
        lineIndent = indent
        blockNodeIndent = nil
        atLineStart = false
    }

    private mutating func endLine() {
        guard index < bytes.count else { return }
        index += 1  // the line feed
        line += 1
        lineStart = index
        atLineStart = true
    }

    private mutating func skipToLineEnd() {
        while index < bytes.count, bytes[index] != .lineFeed { index += 1 }
    }

    // MARK: - Tokens

    /// Consumes one token (or one space) where a token may begin.
    private mutating func scanToken() -> SafeYAMLError? {
        let byte = bytes[index]
        let inFlow = !flowOpenings.isEmpty
        switch byte {
        case .lineFeed:
            endLine()
        case .space, .tab, .carriageReturn:
            index += 1
        case .hash:
            skipToLineEnd()
        case .doubleQuote, .singleQuote:
            let start = index
            skipQuotedScalar()
            if isFollowedByColon(from: index) { noteBlockKey(at: start) }
        case .star:
            return scanAlias()
        case .ampersand:
            index += 1
            skipAnchorName()
        case .exclamation:
            skipTag()
        case .question where isBlank(at: index + 1):
            if firstComplexKey == nil { firstComplexKey = position(of: index) }
            index += 1
        case .colon where inFlow || isBlank(at: index + 1):
            index += 1
        case .dash where isDocumentMarker(at: index), .dot where isDocumentMarker(at: index):
            index += 3
        case .dash where !inFlow && isBlank(at: index + 1):
            blockNodeIndent = index - lineStart
            index += 1
        case .pipe where !inFlow, .greaterThan where !inFlow:
            blockScalarParentIndent = blockNodeIndent ?? lineIndent
            skipToLineEnd()  // the header: indicators and a comment
        case .openBracket, .openBrace:
            flowOpenings.append((index, line, lineStart))
            index += 1
        case .closeBracket, .closeBrace:
            closeFlowCollection()
        case .comma where inFlow:
            index += 1
        default:
            let start = index
            if skipPlainScalar() {
                noteBlockKey(at: start)
            } else if !inFlow, isLineEnd(at: index) {
                // It may go on over more indented lines, which are text whatever they start with.
                plainScalarParentIndent = blockNodeIndent ?? max(0, start - lineStart - 1)
            }
        }
        return nil
    }

    /// `*name`: counted, and refused when a `:` follows (an alias used as a key).
    private mutating func scanAlias() -> SafeYAMLError? {
        let start = index
        index += 1
        let nameStart = index
        skipAnchorName()
        guard index > nameStart else {
            // Not an alias (libyaml rejects a `*` without a name); read on as text.
            index = start
            _ = skipPlainScalar()
            return nil
        }
        aliasCount += 1
        if let maximumAliases, aliasCount > maximumAliases {
            return SafeYAMLError(
                .tooManyAliases, "the YAML uses more than \(maximumAliases) aliases", at: position(of: start),
                help: "write the repeated values out instead of referring to anchors"
            )
        }
        if isFollowedByColon(from: index) {
            return SafeYAMLError(
                .aliasInKey, "aliases inside mapping keys are not supported", at: position(of: start),
                help: "write the key out instead of referring to an anchor"
            )
        }
        return nil
    }

    /// A flow collection followed by `:` is a key (`[a, b]: x`), which is complex.
    private mutating func closeFlowCollection() {
        let opening = flowOpenings.popLast()
        index += 1
        if let opening, firstComplexKey == nil, isFollowedByColon(from: index) {
            firstComplexKey = position(of: opening.offset, line: opening.line, lineStart: opening.lineStart)
        }
    }

    private mutating func noteBlockKey(at start: Int) {
        if flowOpenings.isEmpty { blockNodeIndent = start - lineStart }
    }

    // MARK: - Scalars and properties

    /// Skips a plain scalar to where it ends on this line: before `: ` (which makes it a key),
    /// ` #`, the line end, or in a flow collection `,` `[` `]` `{` `}`. Spaces, `*`, `?` and `&`
    /// inside it are text (`cron(0 12 * * ? *)`). Returns whether a key's `:` follows.
    private mutating func skipPlainScalar() -> Bool {
        let inFlow = !flowOpenings.isEmpty
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case .lineFeed, .carriageReturn:
                return false
            case .colon where isBlank(at: index + 1) || (inFlow && isFlowIndicator(at: index + 1)):
                return true
            case .space where byteIs(.hash, at: index + 1), .tab where byteIs(.hash, at: index + 1):
                return false
            case .comma where inFlow, .openBracket where inFlow, .closeBracket where inFlow,
                 .openBrace where inFlow, .closeBrace where inFlow:
                return false
            default:
                index += 1
            }
        }
        return false
    }

    private mutating func skipQuotedScalar() {
        let quote = bytes[index]
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == quote {
                // In single quotes `''` is an escaped quote.
                if quote == .singleQuote, byteIs(.singleQuote, at: index + 1) {
                    index += 2
                    continue
                }
                index += 1
                return
            }
            if quote == .doubleQuote, byte == .backslash, index + 1 < bytes.count, bytes[index + 1] != .lineFeed {
                index += 2
                continue
            }
            if byte == .lineFeed {
                endLine()
                atLineStart = false  // still inside the scalar
            } else {
                index += 1
            }
        }
    }

    /// libyaml's anchor and alias names: ASCII letters, digits, `-` and `_`.
    private mutating func skipAnchorName() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), .dash, UInt8(ascii: "_"):
                index += 1
            default:
                return
            }
        }
    }

    /// `!Ref`, `!!str`, `!`: up to a space (or a flow indicator inside a flow collection).
    private mutating func skipTag() {
        let inFlow = !flowOpenings.isEmpty
        while index < bytes.count, !isBlank(at: index), !(inFlow && isFlowIndicator(at: index)) {
            index += 1
        }
    }

    // MARK: - Looking ahead

    private func isFollowedByColon(from start: Int) -> Bool {
        var at = start
        while at < bytes.count, bytes[at] == .space || bytes[at] == .tab { at += 1 }
        return byteIs(.colon, at: at)
    }

    /// `---` or `...` at the start of a line, followed by a space or the line end.
    private func isDocumentMarker(at start: Int) -> Bool {
        guard start == lineStart, start + 2 < bytes.count else { return false }
        let byte = bytes[start]
        return bytes[start + 1] == byte && bytes[start + 2] == byte && isBlank(at: start + 3)
    }

    /// A line feed, a carriage return or the end of the text.
    private func isLineEnd(at offset: Int) -> Bool {
        offset >= bytes.count || bytes[offset] == .lineFeed || bytes[offset] == .carriageReturn
    }

    /// Nothing but spaces and tabs before the line's end.
    private func isBlankLine(at offset: Int) -> Bool {
        var at = offset
        while at < bytes.count, bytes[at] == .space || bytes[at] == .tab { at += 1 }
        return isLineEnd(at: at)
    }

    private func isBlankOrComment(at offset: Int) -> Bool {
        offset >= bytes.count || bytes[offset] == .lineFeed || bytes[offset] == .carriageReturn || bytes[offset] == .hash
    }

    /// A space, tab, line break or the end of the text.
    private func isBlank(at offset: Int) -> Bool {
        guard offset < bytes.count else { return true }
        switch bytes[offset] {
        case .space, .tab, .lineFeed, .carriageReturn: return true
        default: return false
        }
    }

    private func isFlowIndicator(at offset: Int) -> Bool {
        guard offset < bytes.count else { return false }
        switch bytes[offset] {
        case .comma, .openBracket, .closeBracket, .openBrace, .closeBrace: return true
        default: return false
        }
    }

    private func byteIs(_ expected: UInt8, at offset: Int) -> Bool {
        offset < bytes.count && bytes[offset] == expected
    }

    /// The position of `offset` on the current line, or on the given one.
    /// Columns count Unicode scalars, so UTF-8 continuation bytes are skipped.
    private func position(of offset: Int, line: Int? = nil, lineStart: Int? = nil) -> SourcePosition {
        let scalars = bytes[(lineStart ?? self.lineStart)..<offset].reduce(0) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
        return SourcePosition(line: line ?? self.line, column: scalars + 1)
    }
}

private extension UInt8 {
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let hash = UInt8(ascii: "#")
    static let doubleQuote = UInt8(ascii: "\"")
    static let singleQuote = UInt8(ascii: "'")
    static let backslash = UInt8(ascii: "\\")
    static let star = UInt8(ascii: "*")
    static let ampersand = UInt8(ascii: "&")
    static let exclamation = UInt8(ascii: "!")
    static let question = UInt8(ascii: "?")
    static let colon = UInt8(ascii: ":")
    static let dash = UInt8(ascii: "-")
    static let dot = UInt8(ascii: ".")
    static let pipe = UInt8(ascii: "|")
    static let greaterThan = UInt8(ascii: ">")
    static let comma = UInt8(ascii: ",")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
}
