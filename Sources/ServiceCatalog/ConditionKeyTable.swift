import PolicyModel

/// Every condition key in the catalogue (the `@condition-keys` section), indexed for
/// case-insensitive lookup. Plain keys are a hash lookup; the ~130 templated keys
/// (`aws:PrincipalTag/${TagKey}`, `s3:ExistingObjectTag/<key>`,
/// `token.actions.${Domain}.ghe.com:actor`, `kms:EncryptionContext:${EncryptionContextKey}`) are
/// tried in turn as wildcard patterns in which each placeholder stands for one or more characters.
struct ConditionKeyTable: Sendable {
    private struct Template: Sendable {
        var pattern: ConditionKeyTemplate
        var info: ConditionKeyInfo
    }

    /// Sorted by lower-cased name.
    let all: [ConditionKeyInfo]
    private let exact: [String: ConditionKeyInfo]
    private let templates: [Template]

    init(keys: [ConditionKeyInfo]) {
        all = keys
        var exact: [String: ConditionKeyInfo] = [:]
        var templates: [Template] = []
        exact.reserveCapacity(keys.count)
        for key in keys {
            exact[key.name.lowercased()] = key
            if let pattern = ConditionKeyTemplate(key.name) {
                templates.append(Template(pattern: pattern, info: key))
            }
        }
        // Most specific first: a longer literal head wins when two templates match.
        templates.sort { $0.pattern.head.utf8.count > $1.pattern.head.utf8.count }
        self.exact = exact
        self.templates = templates
    }

    func lookup(_ name: String) -> ConditionKeyInfo? {
        let lower = name.lowercased()
        if let key = exact[lower] { return key }
        for template in templates where template.pattern.matches(lowercasedKey: lower) {
            var info = template.info
            info.template = template.info.name
            info.name = ConditionKeyTable.canonicalName(name, head: template.pattern.head, tail: template.pattern.tail)
            return info
        }
        return nil
    }

    /// The caller's key with the template's literal head and tail in canonical case; the part the
    /// placeholder matched is kept as written (tag keys are case-sensitive values).
    private static func canonicalName(_ name: String, head: String, tail: String) -> String {
        let bytes = Array(name.utf8)
        let headCount = head.utf8.count, tailCount = tail.utf8.count
        guard bytes.count >= headCount + tailCount else { return name }
        return head + String(decoding: bytes[headCount..<(bytes.count - tailCount)], as: UTF8.self) + tail
    }
}

extension ConditionKeyTable {
    /// Parses the `@condition-keys` section: `G <name> <type> <flags>` lines.
    static func parse(_ text: ByteText, range: Range<Int>) throws(CatalogueError) -> ConditionKeyTable {
        var keys: [ConditionKeyInfo] = []
        var cursor = range.lowerBound
        var first = true
        while cursor < range.upperBound {
            let end = text.lineEnd(from: cursor, limit: range.upperBound)
            defer { cursor = end + 1 }
            var fields = text.fields(cursor..<end)
            if first {
                first = false
                guard let tag = fields.next(), text.equals(tag, "S"), let name = fields.next(),
                      text.equals(name, CatalogueFormat.keySectionName) else {
                    throw text.error(at: cursor, "expected the condition-key section header")
                }
                continue
            }
            guard let tag = fields.next(), text.equals(tag, "G"), let nameField = fields.next(), !nameField.isEmpty,
                  let typeField = fields.next(), let type = ConditionKeyType(text, typeField),
                  let flagField = fields.next(), fields.next() == nil else {
                throw text.error(at: cursor, "malformed condition key record")
            }
            func flag(_ letter: Character) -> Bool {
                flagField.contains { text.buffer[$0] == letter.asciiValue }
            }
            keys.append(ConditionKeyInfo(
                name: text.string(nameField), type: type, isGlobal: flag("g"), isFromDocumentation: flag("d"),
                isIdentityProviderKey: flag("f")))
        }
        return ConditionKeyTable(keys: keys)
    }
}
