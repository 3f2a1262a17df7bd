import PolicyModel

/// Checks made on the raw text before it reaches the YAML composer, so hostile input cannot make
/// the parse explode. libyaml itself stops nesting at 1,000 levels (reported as `pipeline.too-deep`).
enum YAMLInputLimits {
    /// `AWS::OSIS::Pipeline` caps `PipelineConfigurationBody` at 24,000 characters; a standalone
    /// Data Prepper file is larger at most by comments. 1 MiB leaves ample room and keeps the
    /// worst-case parse (a million one-character list items) around a second in a debug build.
    static let maximumBytes = 1024 * 1024

    /// Yams resolves every alias to the anchored node and hashes mapping keys to find duplicates;
    /// an alias chain used as a key is therefore exponential in the number of aliases
    /// ("billion laughs"). Pipeline files rarely use aliases at all; 32 bounds any expansion to
    /// about 3^11 nodes.
    static let maximumAliases = 32

    static func check(_ text: String) -> Diagnostic? {
        let size = text.utf8.count
        if size > maximumBytes {
            return Diagnostic(
                severity: .error, code: PipelineDiagnosticCode.tooLarge,
                message: "the configuration is \(size) bytes, more than the limit of \(maximumBytes)",
                position: SourcePosition(line: 1, column: 1)
            )
        }
        if let position = excessAlias(in: text) {
            return Diagnostic(
                severity: .error, code: PipelineDiagnosticCode.tooManyAliases,
                message: "the configuration uses more than \(maximumAliases) yaml aliases",
                position: position,
                help: "write the repeated values out instead of referring to anchors"
            )
        }
        return nil
    }

    /// The position of the first alias beyond the limit. An alias is `*name` where a node can
    /// start: at the start of a line or after a space, tab, `[`, `{` or `,`. Lines that are only a
    /// comment are skipped; elsewhere the count may include a `*word` inside a quoted string or a
    /// trailing comment, which only makes the limit stricter.
    private static func excessAlias(in text: String) -> SourcePosition? {
        var count = 0
        var line = 1
        var column = 0
        var previous: UInt8 = UInt8(ascii: "\n")
        var atLineStart = true
        var inCommentLine = false
        var pendingAlias = false
        for byte in text.utf8 {
            let isContinuation = byte & 0b1100_0000 == 0b1000_0000
            if !isContinuation { column += 1 }
            defer { previous = byte }
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 0
                atLineStart = true
                inCommentLine = false
                pendingAlias = false
                continue
            }
            if pendingAlias {
                pendingAlias = false
                if !isAliasTerminator(byte) {
                    count += 1
                    if count > maximumAliases { return SourcePosition(line: line, column: column - 1) }
                }
            }
            if inCommentLine { continue }
            if atLineStart {
                if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { continue }
                atLineStart = false
                if byte == UInt8(ascii: "#") {
                    inCommentLine = true
                    continue
                }
            }
            if byte == UInt8(ascii: "*"), canStartNode(after: previous) {
                pendingAlias = true
            }
        }
        return nil
    }

    private static func canStartNode(after byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: " "), UInt8(ascii: "\t"),
             UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","):
            true
        default:
            false
        }
    }

    private static func isAliasTerminator(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: " "), UInt8(ascii: "\t"),
             UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: ","):
            true
        default:
            false
        }
    }
}
