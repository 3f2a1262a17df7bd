import PipelineChecks
import PolicyModel
import PolicyParsing
import SafeYAML

extension AssertionFile {
    /// Reads an assertions file from disk.
    /// - Throws: `io.*` when it cannot be read, otherwise what `parse` throws.
    package static func read(path: String) throws(DiagnosticError) -> AssertionFile {
        let bytes = try SourceFile.bytes(path)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw DiagnosticError(Diagnostic(severity: .error, code: "io.invalid-utf8", message: "the assertions file is not valid UTF-8", file: path))
        }
        return try parse(text: text, file: path)
    }

    /// Parses an assertions file. An empty file (or one of comments only) asserts nothing.
    /// - Throws: every problem found, each an `assertions.*` diagnostic at its line and column.
    package static func parse(text: String, file: String) throws(DiagnosticError) -> AssertionFile {
        let root: YAMLNode?
        do {
            root = try SafeYAML.parse(text, limits: yamlLimits, code: AssertionDiagnostic.code(for:))
        } catch {
            throw error.located(in: file)
        }
        var reader = AssertionFileReader(file: AssertionFile(file: file))
        if let root { reader.readRoot(root) }
        if !reader.errors.isEmpty {
            throw DiagnosticError(reader.errors.sorted { $0.position < $1.position }.map { $0.located(in: file) })
        }
        return reader.file
    }

    static let yamlLimits = YAMLLimits(
        maximumBytes: InputLimits.assertionsBytes, maximumDepth: InputLimits.assertionsDepth, maximumAliases: InputLimits.assertionsAliases)
}

/// The codes of assertions-file diagnostics.
package enum AssertionDiagnostic {
    static func code(for kind: SafeYAMLError.Kind) -> String {
        switch kind {
        case .tooLarge, .tooManyAliases, .expansionTooLarge: "assertions.too-large"
        case .tooDeep: "assertions.too-deep"
        case .aliasInKey: "assertions.unsupported-yaml"
        case .syntax: "assertions.invalid-yaml"
        case .duplicateKey: "assertions.duplicate-key"
        }
    }
}

/// Walks the YAML tree into an `AssertionFile`, collecting every error with its position.
struct AssertionFileReader {
    private(set) var file: AssertionFile
    private(set) var errors: [Diagnostic] = []

    init(file: AssertionFile) {
        self.file = file
    }

    static let sections = ["must-allow", "must-not-allow", "no-public-access", "no-new-access", "suppress"]

    mutating func readRoot(_ root: YAMLNode) {
        guard let entries = mapping(root, what: "the assertions file") else { return }
        for entry in entries {
            switch entry.key {
            case "must-allow": readList(entry) { $0.readAccessRule($1, kind: .mustAllow) }
            case "must-not-allow": readList(entry) { $0.readAccessRule($1, kind: .mustNotAllow) }
            case "no-public-access": readPublicAccess(entry)
            case "no-new-access": readList(entry) { $0.readNewAccessRule($1) }
            case "suppress": readList(entry) { $0.readSuppression($1) }
            default: unknownKey(entry, in: "the assertions file", known: Self.sections)
            }
        }
    }

    // MARK: Sections

    /// A section's list; an empty section (`suppress:` with nothing after it) asserts nothing.
    private mutating func readList(_ entry: YAMLEntry, item: (inout AssertionFileReader, YAMLNode) -> Void) {
        if entry.value.isNull { return }
        guard let items = entry.value.sequence else {
            return wrongType("`\(entry.key)` must be a list", found: entry.value)
        }
        for node in items { item(&self, node) }
    }

    private mutating func readAccessRule(_ node: YAMLNode, kind: AssertionResult.Kind) {
        let keys = ["principal", "actions", "resource", "context"]
        guard let entries = mapping(node, what: "a `\(kind.rawValue)` entry"), checkKeys(entries, of: "a `\(kind.rawValue)` entry", known: keys) else { return }
        let principal = requiredString(entries, "principal", in: node, of: kind.rawValue)
        let resource = requiredString(entries, "resource", in: node, of: kind.rawValue)
        var actions: [Located<String>]?
        if let entry = entries["actions"] {
            actions = strings(entry.value, what: "`actions`")
            if actions?.isEmpty == true { fail("assertions.wrong-type", "`actions` must name at least one action", at: entry.value.position) }
        } else {
            missing("actions", in: node, of: kind.rawValue)
        }
        var context: [AssertionFile.ContextEntry] = []
        if let entry = entries["context"] { context = readContext(entry) }
        guard let principal, let resource, let actions, !actions.isEmpty else { return }
        file.accessRules.append(AssertionFile.AccessRule(
            kind: kind, principal: principal, actions: actions, resource: resource, context: context, position: node.position))
    }

    private mutating func readContext(_ entry: YAMLEntry) -> [AssertionFile.ContextEntry] {
        guard let keys = mapping(entry.value, what: "`context`") else { return [] }
        return keys.compactMap { key in
            strings(key.value, what: "context key `\(key.key)`").map { values in
                AssertionFile.ContextEntry(key: Located(key.key, at: key.keyPosition), values: values)
            }
        }
    }

    /// `no-public-access: all`, or a list of resources.
    private mutating func readPublicAccess(_ entry: YAMLEntry) {
        if entry.value.isNull { return }
        if let text = entry.value.scalarText {
            guard text == "all" else {
                return fail("assertions.wrong-type", "`no-public-access` must be `all` or a list of resources, found `\(text)`", at: entry.value.position)
            }
            file.publicAccessRules.append(AssertionFile.PublicAccessRule(resource: nil, position: entry.value.position))
            return
        }
        guard let items = entry.value.sequence else {
            return wrongType("`no-public-access` must be `all` or a list of resources", found: entry.value)
        }
        for item in items {
            guard let resource = string(item, what: "a `no-public-access` resource") else { continue }
            file.publicAccessRules.append(AssertionFile.PublicAccessRule(resource: resource, position: item.position))
        }
    }

    private mutating func readNewAccessRule(_ node: YAMLNode) {
        guard let entries = mapping(node, what: "a `no-new-access` entry"),
              checkKeys(entries, of: "a `no-new-access` entry", known: ["principal", "policy"]) else { return }
        guard entries.count == 1, let entry = entries.first else {
            return fail("assertions.missing-key", "a `no-new-access` entry names one `principal` or one `policy`", at: node.position)
        }
        guard let name = string(entry.value, what: "`\(entry.key)`") else { return }
        let subject: AssertionFile.NewAccessRule.Subject = entry.key == "principal" ? .principal(name) : .policy(name)
        file.newAccessRules.append(AssertionFile.NewAccessRule(subject: subject, position: node.position))
    }

    private mutating func readSuppression(_ node: YAMLNode) {
        guard let entries = mapping(node, what: "a `suppress` entry"),
              checkKeys(entries, of: "a `suppress` entry", known: ["finding", "resource", "reason", "expires"]) else { return }
        var finding: FindingID?
        if let text = requiredString(entries, "finding", in: node, of: "suppress") {
            finding = FindingID(rawValue: text.value).flatMap { $0 == .expiredSuppression ? nil : $0 }
            if finding == nil {
                let known = FindingID.allCases.filter { $0 != .expiredSuppression }.map(\.rawValue).joined(separator: ", ")
                fail("assertions.unknown-finding", "unknown finding id `\(text.value)`", at: text.position, help: "finding ids: \(known)")
            }
        }
        let resource = requiredString(entries, "resource", in: node, of: "suppress")
        let reason = requiredString(entries, "reason", in: node, of: "suppress")
        if let reason, reason.value.allSatisfy(\.isWhitespace) {
            fail("assertions.wrong-type", "`reason` must say why the finding is accepted", at: reason.position)
        }
        var expires: CalendarDay?
        if let text = requiredString(entries, "expires", in: node, of: "suppress") {
            expires = CalendarDay(text.value)
            if expires == nil {
                fail("assertions.invalid-date", "`\(text.value)` is not a date", at: text.position, help: "write the day the suppression ends as YYYY-MM-DD, e.g. 2027-06-30")
            }
        }
        guard let finding, let resource, let reason, !reason.value.allSatisfy(\.isWhitespace), let expires else { return }
        file.suppressions.append(AssertionFile.Suppression(
            finding: finding, resource: resource, reason: reason.value, expires: expires, position: node.position))
    }

    // MARK: Values

    private mutating func mapping(_ node: YAMLNode, what: String) -> [YAMLEntry]? {
        guard node.mapping != nil, let entries = node.mappingEntries else {
            wrongType("\(what) must be a mapping", found: node)
            return nil
        }
        for entry in node.mapping ?? [] where entry.key.scalar == nil {
            fail("assertions.wrong-type", "a key must be a string, found \(entry.key.typeName)", at: entry.key.position)
        }
        return entries
    }

    /// False (with an error for each) when a key is not one of `known`.
    private mutating func checkKeys(_ entries: [YAMLEntry], of what: String, known: [String]) -> Bool {
        var allKnown = true
        for entry in entries where !known.contains(entry.key) {
            unknownKey(entry, in: what, known: known)
            allKnown = false
        }
        return allKnown
    }

    private mutating func string(_ node: YAMLNode, what: String) -> Located<String>? {
        guard let text = node.scalarText, !node.isNull else {
            wrongType("\(what) must be a string", found: node)
            return nil
        }
        return Located(text, at: node.position)
    }

    /// A string, or a list of strings.
    private mutating func strings(_ node: YAMLNode, what: String) -> [Located<String>]? {
        if node.scalar != nil, !node.isNull { return string(node, what: what).map { [$0] } }
        guard let items = node.sequence else {
            wrongType("\(what) must be a string or a list of strings", found: node)
            return nil
        }
        let values = items.compactMap { string($0, what: "each of \(what)") }
        return values.count == items.count ? values : nil
    }

    private mutating func requiredString(_ entries: [YAMLEntry], _ key: String, in node: YAMLNode, of section: String) -> Located<String>? {
        guard let entry = entries[key] else {
            missing(key, in: node, of: section)
            return nil
        }
        return string(entry.value, what: "`\(key)`")
    }

    // MARK: Errors

    private mutating func fail(_ code: String, _ message: String, at position: SourcePosition, help: String? = nil) {
        errors.append(Diagnostic(severity: .error, code: code, message: message, position: position, help: help))
    }

    private mutating func wrongType(_ message: String, found node: YAMLNode) {
        fail("assertions.wrong-type", "\(message), found \(node.typeName)", at: node.position)
    }

    private mutating func missing(_ key: String, in node: YAMLNode, of section: String) {
        fail("assertions.missing-key", "a `\(section)` entry needs `\(key)`", at: node.position)
    }

    private mutating func unknownKey(_ entry: YAMLEntry, in what: String, known: [String]) {
        fail("assertions.unknown-key", "unknown key `\(entry.key)` in \(what)", at: entry.keyPosition,
             help: "the keys are " + known.map { "`\($0)`" }.joined(separator: ", "))
    }
}
