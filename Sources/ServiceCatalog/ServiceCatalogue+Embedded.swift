import Foundation

extension ServiceCatalogue {
    /// The catalogue bundled with AccessGraph. Loaded once per process (Swift runs a static's
    /// initializer exactly once, thread-safely); later calls return the same store.
    package static func embedded() throws(CatalogueError) -> ServiceCatalogue {
        try embeddedResult.get()
    }

    private static let embeddedResult = Result { () throws(CatalogueError) -> ServiceCatalogue in
        try ServiceCatalogue(
            catalogueData: try resourceBytes(CatalogueFormat.catalogueFileName),
            managedPolicyData: try resourceBytes(CatalogueFormat.managedPolicyFileName))
    }

    /// The resources are declared with `.copy`, so they sit at the top of the resource bundle under
    /// their own names. (SwiftPM's generated `Bundle.module` itself traps if the whole resource
    /// bundle is gone — a broken installation rather than bad data; a missing or unreadable file
    /// inside it is reported as a `CatalogueError`.)
    private static func resourceBytes(_ fileName: String) throws(CatalogueError) -> [UInt8] {
        let bundle = Bundle.module
        let url = bundle.url(forResource: fileName, withExtension: nil)
            ?? bundle.resourceURL?.appendingPathComponent(fileName)
        guard let url, FileManager.default.fileExists(atPath: url.path) else {
            throw CatalogueError.resourceMissing(file: fileName)
        }
        if let bytes = readFile(atPath: url.path) { return bytes }
        do {
            let data = try Data(contentsOf: url)
            return data.withUnsafeBytes { [UInt8]($0) }
        } catch {
            throw CatalogueError.unreadable(file: fileName, reason: error.localizedDescription)
        }
    }

    /// Reads a file straight into an array's storage. Loading time is dominated by the 4.7 MB of
    /// resources; going through `Data` first touches every page twice and costs several
    /// milliseconds more. Nil on any failure, and the caller falls back to `Data`.
    private static func readFile(atPath path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_size > 0, info.st_size < Int(Int32.max) else { return nil }
        let size = Int(info.st_size)
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            initialized = 0
            guard let base = buffer.baseAddress else { return }
            while initialized < size {
                let count = read(descriptor, base + initialized, size - initialized)
                if count > 0 {
                    initialized += count
                } else if count < 0 && errno == EINTR {
                    continue
                } else {
                    break
                }
            }
        }
        return bytes.count == size ? bytes : nil
    }
}
