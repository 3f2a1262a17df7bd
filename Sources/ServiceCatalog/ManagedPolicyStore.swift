/// managed-policies.agmp loaded: the index is parsed up front (about 1,600 short lines); a
/// document's text is only decoded when that policy is asked for.
struct ManagedPolicyStore: Sendable {
    struct Entry: Sendable {
        var name: String
        var path: String
        var defaultVersionId: String
        var createDate: String
        var updateDate: String
        /// Absolute byte range of the minified document.
        var document: Range<Int>
    }

    let bytes: [UInt8]
    /// Sorted by name.
    let entries: [Entry]
    let newestUpdate: String
    private let byName: [String: Int]
    private let byLowercasedName: [String: Int]

    static let file = CatalogueFormat.managedPolicyFileName

    init(bytes: [UInt8]) throws(CatalogueError) {
        let parsed = try bytes.withUnsafeBufferPointer { (buffer) throws(CatalogueError) -> ([Entry], String) in
            try ManagedPolicyStore.parseIndex(ByteText(buffer: buffer, file: ManagedPolicyStore.file))
        }
        self.bytes = bytes
        self.entries = parsed.0
        self.newestUpdate = parsed.1
        var byName: [String: Int] = [:]
        var byLowercasedName: [String: Int] = [:]
        byName.reserveCapacity(entries.count)
        byLowercasedName.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() {
            byName[entry.name] = index
            // IAM policy names are unique case-insensitively, so this cannot collide in real data;
            // if it ever does, the first (sorted) name wins.
            if byLowercasedName[entry.name.lowercased()] == nil { byLowercasedName[entry.name.lowercased()] = index }
        }
        self.byName = byName
        self.byLowercasedName = byLowercasedName
    }

    func index(named name: String) -> Int? {
        byName[name] ?? byLowercasedName[name.lowercased()]
    }

    func record(at index: Int, partition: String = "aws") -> ManagedPolicyRecord {
        let entry = entries[index]
        let document = bytes[entry.document]
        return ManagedPolicyRecord(
            name: entry.name, arn: "arn:\(partition):iam::aws:policy\(entry.path)\(entry.name)", path: entry.path,
            defaultVersionId: entry.defaultVersionId, createDate: entry.createDate, updateDate: entry.updateDate,
            documentJSON: String(decoding: document, as: UTF8.self))
    }

    private static func parseIndex(_ text: ByteText) throws(CatalogueError) -> ([Entry], String) {
        let (values, firstEnd) = try text.headerFields(magic: CatalogueFormat.managedPolicyMagic)
        guard let countText = values["policies"], let declaredCount = Int(countText),
              let newest = values["newest-update"], !newest.isEmpty else {
            throw text.error(at: 0, "header lacks policies= or newest-update=")
        }

        var entries: [Entry] = []
        entries.reserveCapacity(min(max(declaredCount, 0), text.count / 64))   // bounded: the count is file data
        var pending: [(Range<Int>, Int)] = []   // body-relative document range, line start
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
            guard let tag = fields.next(), text.equals(tag, "P"),
                  let name = fields.next(), !name.isEmpty, let path = fields.next(), !path.isEmpty,
                  let version = fields.next(), let created = fields.next(), let updated = fields.next(),
                  let offsetField = fields.next(), let offset = text.int(offsetField),
                  let lengthField = fields.next(), let length = text.int(lengthField), length > 0,
                  fields.next() == nil else {
                throw text.error(at: cursor, "malformed managed policy record")
            }
            let entryName = text.string(name)
            if let previous = entries.last, !previous.name.utf8.lexicographicallyPrecedes(entryName.utf8) {
                throw text.error(at: cursor, "managed policy index is not sorted at \(entryName)")
            }
            entries.append(Entry(
                name: entryName, path: text.string(path), defaultVersionId: text.string(version),
                createDate: text.string(created), updateDate: text.string(updated), document: 0..<0))
            pending.append((offset..<(offset + length), cursor))
        }
        guard let bodyStart else { throw text.error(at: cursor, "header has no terminating \".\" line") }
        guard entries.count == declaredCount else {
            throw text.error(at: 0, "header says \(declaredCount) policies but the index lists \(entries.count)")
        }
        // Each document must sit inside the file and be followed by its newline; checking the two
        // boundary bytes catches truncation and shifted offsets without scanning 3 MB.
        for index in entries.indices {
            let (relative, lineStart) = pending[index]
            let absolute = (bodyStart + relative.lowerBound)..<(bodyStart + relative.upperBound)
            guard absolute.upperBound < text.count, text.buffer[absolute.upperBound] == ByteText.newline,
                  text.buffer[absolute.lowerBound] == UInt8(ascii: "{") else {
                throw text.error(at: lineStart, "document offset for \(entries[index].name) is wrong")
            }
            entries[index].document = absolute
        }
        return (entries, newest)
    }
}
