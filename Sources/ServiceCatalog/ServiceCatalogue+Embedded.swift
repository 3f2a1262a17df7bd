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
    /// their own names.
    private static func resourceBytes(_ fileName: String) throws(CatalogueError) -> [UInt8] {
        let bundle = Bundle.module
        let url = bundle.url(forResource: fileName, withExtension: nil)
            ?? bundle.resourceURL?.appendingPathComponent(fileName)
        guard let url, FileManager.default.fileExists(atPath: url.path) else {
            throw CatalogueError.resourceMissing(file: fileName)
        }
        do {
            return [UInt8](try Data(contentsOf: url, options: .mappedIfSafe))
        } catch {
            throw CatalogueError.unreadable(file: fileName, reason: error.localizedDescription)
        }
    }
}
