import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An XML element as the Query and REST-XML protocols return it: name, text, children. Read with
/// FoundationXML's `XMLParser` (libxml2's SAX reader), which fails on a document that is not
/// well-formed, a truncated one too, where `XMLDocument` would recover a part of it; no
/// external entities are loaded.
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
        let parser = XMLParser(data: Data(bytes))
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        let builder = Builder()
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else { throw XMLTreeError.notWellFormed }
        return root
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

    /// Builds the tree from the parser's events: an element's text is kept only when it has no
    /// child elements (the whitespace between children is not text).
    private final class Builder: NSObject, XMLParserDelegate {
        var open: [XMLTree] = []
        var root: XMLTree?

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            open.append(XMLTree(name: elementName))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard !open.isEmpty else { return }
            open[open.count - 1].text += string
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            guard !open.isEmpty else { return }
            open[open.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            guard var element = open.popLast() else { return }
            if !element.children.isEmpty { element.text = "" }
            if open.isEmpty {
                root = element
            } else {
                open[open.count - 1].children.append(element)
            }
        }
    }
}

package enum XMLTreeError: Error {
    case notWellFormed
}
