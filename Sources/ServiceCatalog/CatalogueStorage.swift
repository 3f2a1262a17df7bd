import Foundation

/// Shared backing store of a `ServiceCatalogue`: the raw catalogue bytes, the parsed header, and
/// caches of the sections parsed so far. Sections are parsed on first use (loading everything
/// up front would cost tens of milliseconds that most runs never need).
///
/// `@unchecked Sendable`: the mutable caches are only touched while holding `lock`; everything
/// else is immutable after `init`.
final class CatalogueStorage: @unchecked Sendable {
    let bytes: [UInt8]
    let header: CatalogueHeader
    let serviceIndex: [String: Int]

    private enum Slot {
        case unparsed
        case parsed(ServiceInfo)
        case failed(CatalogueError)
    }

    private let lock = NSLock()
    private var slots: [Slot]
    private var keyTableResult: Result<ConditionKeyTable, CatalogueError>?

    static let file = CatalogueFormat.catalogueFileName

    init(bytes: [UInt8]) throws(CatalogueError) {
        let header = try bytes.withUnsafeBufferPointer { (buffer) throws(CatalogueError) -> CatalogueHeader in
            try CatalogueHeader.parse(ByteText(buffer: buffer, file: CatalogueStorage.file))
        }
        self.bytes = bytes
        self.header = header
        var serviceIndex: [String: Int] = [:]
        serviceIndex.reserveCapacity(header.services.count)
        for (index, entry) in header.services.enumerated() { serviceIndex[entry.prefix] = index }
        self.serviceIndex = serviceIndex
        self.slots = Array(repeating: .unparsed, count: header.services.count)
    }

    func keyTable() -> Result<ConditionKeyTable, CatalogueError> {
        if let cached = lock.withLock({ keyTableResult }) { return cached }
        let result = Result { () throws(CatalogueError) -> ConditionKeyTable in
            try bytes.withUnsafeBufferPointer { (buffer) throws(CatalogueError) -> ConditionKeyTable in
                try ConditionKeyTable.parse(ByteText(buffer: buffer, file: CatalogueStorage.file), range: header.keysRange)
            }
        }
        return lock.withLock {
            if let cached = keyTableResult { return cached }
            keyTableResult = result
            return result
        }
    }

    func service(at index: Int) -> Result<ServiceInfo, CatalogueError> {
        let cached: Slot = lock.withLock { slots[index] }
        switch cached {
        case .parsed(let info): return .success(info)
        case .failed(let error): return .failure(error)
        case .unparsed: break
        }
        // Parse outside the lock so other services stay available meanwhile; if two threads race
        // on the same service, the first stored result wins and the other is discarded.
        let entry = header.services[index]
        // The key table only contributes flags to a service's keys; a damaged key section should
        // not take every service down with it (validate() still reports it).
        let keys = (try? keyTable().get()) ?? ConditionKeyTable(keys: [])
        let result = Result { () throws(CatalogueError) -> ServiceInfo in
            try bytes.withUnsafeBufferPointer { (buffer) throws(CatalogueError) -> ServiceInfo in
                try ServiceSectionParser.parse(ByteText(buffer: buffer, file: CatalogueStorage.file), entry: entry, keys: keys)
            }
        }
        return lock.withLock {
            switch slots[index] {
            case .parsed(let info): return .success(info)
            case .failed(let error): return .failure(error)
            case .unparsed:
                switch result {
                case .success(let info): slots[index] = .parsed(info)
                case .failure(let error): slots[index] = .failed(error)
                }
                return result
            }
        }
    }
}
