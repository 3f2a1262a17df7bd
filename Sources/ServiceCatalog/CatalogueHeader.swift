/// One `I` line of catalogue.agcat: where a service's section is and what the index says about it.
struct ServiceEntry: Sendable {
    var prefix: String
    var displayName: String
    /// Absolute byte range of the section in the file.
    var range: Range<Int>
    var actionCount: Int
    var isRCPSupported: Bool
}

/// The parsed header of catalogue.agcat. Reading it touches only the first ~30 KB of the file.
struct CatalogueHeader: Sendable {
    var iamDataCommit: String
    var iamDataDate: String
    var managedPoliciesNewest: String
    var actionCount: Int
    var resourceTypeCount: Int
    var conditionKeyCount: Int
    /// Sorted by prefix.
    var services: [ServiceEntry]
    /// Absolute byte range of the `@condition-keys` section.
    var keysRange: Range<Int>

    static func parse(_ text: ByteText) throws(CatalogueError) -> CatalogueHeader {
        // Line 1: "AGCAT <version> key=value ...".
        let (values, firstEnd) = try text.headerFields(magic: CatalogueFormat.catalogueMagic)
        func value(_ key: String) throws(CatalogueError) -> String {
            guard let found = values[key], !found.isEmpty else { throw text.error(at: 0, "header lacks \(key)=") }
            return found
        }
        func number(_ key: String) throws(CatalogueError) -> Int {
            guard let parsed = Int(try value(key)), parsed >= 0 else { throw text.error(at: 0, "header \(key)= is not a count") }
            return parsed
        }
        let keysField = try value("keys").split(separator: "+")
        guard keysField.count == 2, let keysOffset = Int(keysField[0]), let keysLength = Int(keysField[1]),
              keysOffset >= 0, keysLength > 0 else {
            throw text.error(at: 0, "header keys= is not <offset>+<length>")
        }

        // Index lines up to ".".
        var services: [ServiceEntry] = []
        var relativeRanges: [(Range<Int>, Int)] = []   // (body-relative range, line start) per service
        var cursor = firstEnd + 1
        var bodyStart: Int?
        while cursor < text.count {
            let end = text.lineEnd(from: cursor, limit: text.count)
            defer { cursor = end + 1 }
            if text.equals(cursor..<end, ".") {
                bodyStart = end + 1
                break
            }
            if cursor < end, text.buffer[cursor] == UInt8(ascii: "#") { continue }
            var fields = text.fields(cursor..<end)
            guard let tag = fields.next(), text.equals(tag, "I"),
                  let prefixField = fields.next(), !prefixField.isEmpty,
                  let offsetField = fields.next(), let offset = text.int(offsetField),
                  let lengthField = fields.next(), let length = text.int(lengthField), length > 0,
                  let countField = fields.next(), let actionCount = text.int(countField),
                  let rcpField = fields.next(), text.equals(rcpField, "0") || text.equals(rcpField, "1"),
                  let nameField = fields.rest() else {
                throw text.error(at: cursor, "malformed service index record")
            }
            let prefix = text.string(prefixField)
            if let previous = services.last, !previous.prefix.utf8.lexicographicallyPrecedes(prefix.utf8) {
                throw text.error(at: cursor, "service index is not sorted at \(prefix)")
            }
            services.append(ServiceEntry(
                prefix: prefix, displayName: text.string(nameField), range: 0..<0, actionCount: actionCount,
                isRCPSupported: text.equals(rcpField, "1")))
            relativeRanges.append((offset..<(offset + length), cursor))
        }
        guard let bodyStart else { throw text.error(at: cursor, "header has no terminating \".\" line") }

        // Resolve offsets and check that each one lands on its section's header line.
        let bodyLength = text.count - bodyStart
        for index in services.indices {
            let (relative, lineStart) = relativeRanges[index]
            guard relative.upperBound <= bodyLength else {
                throw text.error(at: lineStart, "section of \(services[index].prefix) lies outside the file")
            }
            let absolute = (bodyStart + relative.lowerBound)..<(bodyStart + relative.upperBound)
            let expectedStart = Array("S\t\(services[index].prefix)\n".utf8)
            guard absolute.count >= expectedStart.count,
                  zip(absolute, expectedStart).allSatisfy({ text.buffer[$0] == $1 }),
                  text.buffer[absolute.upperBound - 1] == ByteText.newline else {
                throw text.error(at: lineStart, "index offset for \(services[index].prefix) does not point at its section")
            }
            services[index].range = absolute
        }
        guard keysOffset + keysLength <= bodyLength else { throw text.error(at: 0, "condition-key section lies outside the file") }
        let keysRange = (bodyStart + keysOffset)..<(bodyStart + keysOffset + keysLength)
        guard text.buffer[keysRange.upperBound - 1] == ByteText.newline else {
            throw text.error(at: keysRange.lowerBound, "condition-key section is truncated")
        }

        let serviceCount = try number("services")
        guard serviceCount == services.count else {
            throw text.error(at: 0, "header says \(serviceCount) services but the index lists \(services.count)")
        }
        return CatalogueHeader(
            iamDataCommit: try value("iam-data"), iamDataDate: try value("iam-data-date"),
            managedPoliciesNewest: try value("managed-policies-newest"), actionCount: try number("actions"),
            resourceTypeCount: try number("resource-types"), conditionKeyCount: try number("condition-keys"),
            services: services, keysRange: keysRange)
    }
}
