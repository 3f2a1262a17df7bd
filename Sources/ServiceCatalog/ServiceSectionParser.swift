/// Parses one service section of catalogue.agcat (format: CatalogueFormat.swift) into a ServiceInfo.
/// Sections are parsed on first use, so this runs at most once per service per process.
enum ServiceSectionParser {
    private static let singleLevels = Dictionary(uniqueKeysWithValues: AccessLevel.allCases.map { ($0, [$0]) })

    static func parse(
        _ text: ByteText, entry: ServiceEntry, keys: ConditionKeyTable
    ) throws(CatalogueError) -> ServiceInfo {
        let range = entry.range
        var cursor = range.lowerBound
        func nextLine() -> Range<Int>? {
            guard cursor < range.upperBound else { return nil }
            let end = text.lineEnd(from: cursor, limit: range.upperBound)
            defer { cursor = end + 1 }
            return cursor..<end
        }

        guard let headerLine = nextLine() else { throw text.error(at: range.lowerBound, "empty service section") }
        var header = text.fields(headerLine)
        guard let tag = header.next(), text.equals(tag, "S"), let prefixField = header.next(),
              text.equals(prefixField, entry.prefix), header.next() == nil else {
            throw text.error(at: headerLine.lowerBound, "expected section header for service \(entry.prefix)")
        }
        let prefix = entry.prefix

        // K: this section's condition-key names, referred to by number below.
        guard let keyLine = nextLine() else { throw text.error(at: cursor, "missing key table") }
        var keyFields = text.fields(keyLine)
        guard let keyTag = keyFields.next(), text.equals(keyTag, "K") else {
            throw text.error(at: keyLine.lowerBound, "malformed key table")
        }
        var keyNames: [String] = []
        while let field = keyFields.next() {
            guard !field.isEmpty else { throw text.error(at: keyLine.lowerBound, "empty name in key table") }
            keyNames.append(text.string(field))
        }

        func keyList(_ field: Range<Int>, at line: Range<Int>) throws(CatalogueError) -> [String] {
            var result: [String] = []
            var start = field.lowerBound
            while start < field.upperBound {
                var end = start
                while end < field.upperBound, text.buffer[end] != UInt8(ascii: " ") { end += 1 }
                guard let number = text.int(start..<end), number < keyNames.count else {
                    throw text.error(at: line.lowerBound, "bad condition-key reference")
                }
                result.append(keyNames[number])
                start = end + 1
            }
            return result
        }
        func actionList(_ field: Range<Int>) -> [String] {
            guard !field.isEmpty else { return [] }
            return text.string(field).split(separator: ",").map(String.init)
        }

        var conditionKeys: [ConditionKeyInfo] = []
        var resourceTypes: [ResourceTypeInfo] = []
        var actions: [ActionInfo] = []
        // The count comes from the file; bound it by the section size so a damaged index cannot
        // request a huge allocation.
        actions.reserveCapacity(min(entry.actionCount, range.count / 8))
        var current: ActionInfo?

        while let line = nextLine() {
            var fields = text.fields(line)
            guard let tagField = fields.next(), tagField.count == 1 else {
                throw text.error(at: line.lowerBound, "malformed record")
            }
            switch text.buffer[tagField.lowerBound] {
            case UInt8(ascii: "C"):
                guard let numberField = fields.next(), let number = text.int(numberField), number < keyNames.count,
                      let typeField = fields.next(), let type = ConditionKeyType(text, typeField),
                      fields.next() == nil else {
                    throw text.error(at: line.lowerBound, "malformed condition key record")
                }
                let name = keyNames[number]
                let known = keys.lookup(name)
                conditionKeys.append(ConditionKeyInfo(
                    name: name, type: type, isGlobal: name.lowercased().hasPrefix("aws:"),
                    isFromDocumentation: false, isIdentityProviderKey: known?.isIdentityProviderKey ?? false))

            case UInt8(ascii: "R"):
                guard let nameField = fields.next(), !nameField.isEmpty, let arnField = fields.next(),
                      let keyField = fields.next(), fields.next() == nil else {
                    throw text.error(at: line.lowerBound, "malformed resource type record")
                }
                resourceTypes.append(ResourceTypeInfo(
                    service: prefix, name: text.string(nameField), arnTemplate: text.string(arnField),
                    conditionKeys: try keyList(keyField, at: line)))

            case UInt8(ascii: "A"):
                guard let nameField = fields.next(), !nameField.isEmpty, let levelField = fields.next(),
                      !levelField.isEmpty, let keyField = fields.next(), let depField = fields.next(),
                      fields.next() == nil else {
                    throw text.error(at: line.lowerBound, "malformed action record")
                }
                var levels: [AccessLevel] = []
                if levelField.count == 1, let level = AccessLevel(code: text.buffer[levelField.lowerBound]),
                   let shared = ServiceSectionParser.singleLevels[level] {
                    // Share one array per level instead of allocating 20,000 identical ones.
                    levels = shared
                } else {
                    for index in levelField {
                        guard let level = AccessLevel(code: text.buffer[index]) else {
                            throw text.error(at: line.lowerBound, "unknown access level in action record")
                        }
                        levels.append(level)
                    }
                }
                if let finished = current { actions.append(finished) }
                current = ActionInfo(
                    service: prefix, name: text.string(nameField), accessLevels: levels, resourceTypes: [],
                    conditionKeys: try keyList(keyField, at: line), dependentActions: actionList(depField))

            case UInt8(ascii: "T"):
                guard current != nil else { throw text.error(at: line.lowerBound, "resource row before any action") }
                guard let numberField = fields.next(), let number = text.int(numberField),
                      number < resourceTypes.count, let requiredField = fields.next(),
                      text.equals(requiredField, "0") || text.equals(requiredField, "1"),
                      let keyField = fields.next(), let depField = fields.next(), fields.next() == nil else {
                    throw text.error(at: line.lowerBound, "malformed action resource record")
                }
                current?.resourceTypes.append(ActionResourceType(
                    resourceType: resourceTypes[number], isRequired: text.equals(requiredField, "1"),
                    conditionKeys: try keyList(keyField, at: line), dependentActions: actionList(depField)))

            default:
                throw text.error(at: line.lowerBound, "unknown record type")
            }
        }
        if let finished = current { actions.append(finished) }

        var actionIndex: [String: Int] = [:]
        actionIndex.reserveCapacity(actions.count)
        for (index, action) in actions.enumerated() {
            guard actionIndex.updateValue(index, forKey: action.name.lowercased()) == nil else {
                throw text.error(at: range.lowerBound, "service \(prefix) lists action \(action.name) twice")
            }
        }
        return ServiceInfo(
            prefix: prefix, name: entry.displayName, isRCPSupported: entry.isRCPSupported, actions: actions,
            resourceTypes: resourceTypes, conditionKeys: conditionKeys, actionIndex: actionIndex)
    }
}
