import PolicyModel
import Yams

/// The one way this package reads YAML. Before Yams composes the text, the size and the alias
/// use are checked (`YAMLKeyScanner`); Yams's errors become positioned `SafeYAMLError`s
/// (`YamsErrorMapping`); the composed tree is copied into `YAMLNode`s with the expansion, depth
/// and duplicate-key checks (`YAMLTreeBuilder`). Only this module imports Yams.
package enum SafeYAML {
    /// Parses one YAML document into a positioned tree, or nil when the text holds none (empty,
    /// or only comments). A leading byte order mark is skipped; positions count from after it, as
    /// editors show them.
    package static func parse(_ text: String, limits: YAMLLimits) throws(SafeYAMLError) -> YAMLNode? {
        let body = text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
        let size = body.utf8.count
        if size > limits.maximumBytes {
            throw SafeYAMLError(
                .tooLarge, "the YAML text is \(size) bytes, more than the limit of \(limits.maximumBytes)",
                at: SourcePosition(line: 1, column: 1)
            )
        }
        if let refusal = YAMLKeyScanner.scan(body, maximumAliases: limits.maximumAliases) {
            throw refusal
        }
        let parser: Parser
        let root: Node?
        do {
            parser = try Parser(yaml: body, resolver: .default, constructor: .default, encoding: .utf8)
            root = try parser.singleRoot()
        } catch {
            throw YamsErrorMapping.error(for: error, in: body)
        }
        guard let root else { return nil }
        var builder = YAMLTreeBuilder(
            maximumDepth: limits.maximumDepth, budget: YAMLLimits.expansionBudget(forTextBytes: size)
        )
        // The parser owns the anchors that nodes refer to weakly; the builder tells aliases apart
        // by them, so the parser must outlive the copy.
        return try withExtendedLifetime(parser) { () throws(SafeYAMLError) -> YAMLNode in
            try builder.build(root)
        }
    }

    /// `parse`, with a refusal as the reader's diagnostic: `code` names each kind in the reader's
    /// terms (`template.invalid-yaml`, `pipeline.yaml-syntax`, ...).
    package static func parse(_ text: String, limits: YAMLLimits, code: (SafeYAMLError.Kind) -> String) throws(DiagnosticError) -> YAMLNode? {
        do {
            return try parse(text, limits: limits)
        } catch {
            throw DiagnosticError(error.diagnostic(code: code(error.kind)))
        }
    }
}
