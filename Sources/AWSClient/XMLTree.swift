import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An XML element as the Query and REST-XML protocols return it: name, text, children. Read with
/// FoundationXML (libxml2); no external entities are loaded.
package struct XMLTree: Sendable, Hashable {
    package var name: String
    package var text: String
    package var children: [XMLTree]

    package init(name: String, text: String = "", children: [XMLTree] = []) {
        self.name = name
        self.text = text
        self.children = children
    }

    package static func parse(_ bytes: [UInt8]) throws -> XMLTree {
        let document = try XMLDocument(data: Data(bytes), options: [])
        guard let root = document.rootElement() else { throw XMLTreeError.empty }
        return XMLTree(root)
    }

    init(_ element: XMLElement) {
        name = element.localName ?? element.name ?? ""
        let elements = (element.children ?? []).compactMap { $0 as? XMLElement }
        children = elements.map(XMLTree.init)
        text = elements.isEmpty ? (element.stringValue ?? "") : ""
    }

    /// The first child named `name`.
    package subscript(name: String) -> XMLTree? {
        children.first { $0.name == name }
    }

    /// The text of the element at `path` (`["AssumeRoleResult", "Credentials", "AccessKeyId"]`).
    package func text(at path: [String]) -> String? {
        var node = self
        for name in path {
            guard let child = node[name] else { return nil }
            node = child
        }
        return node.text
    }
}

package enum XMLTreeError: Error {
    case empty
}
