import PolicyModel
import PolicyParsing

/// Positions the parsed model does not keep (the `Version` value, each statement's `Sid`), read
/// from the JSON the document came from. Empty when a document was built in code, in which case
/// diagnostics fall back to the statement's or document's position.
package struct SourceMap: Sendable, Hashable {
    /// Position of the `Version` value; nil when the document has none.
    package var version: SourcePosition?
    /// Position of the `Sid` value, by statement index.
    package var sids: [Int: SourcePosition]

    /// An empty map, or one built by hand.
    package init(version: SourcePosition? = nil, sids: [Int: SourcePosition] = [:]) {
        self.version = version
        self.sids = sids
    }

    /// Reads the positions from the node a `PolicyDocument` was parsed from; statement indexes
    /// follow the parser's (the place in the `Statement` list, 0 for a single object).
    package init(node: JSONNode) {
        self.init()
        version = node["Version"]?.position
        guard let statementNode = node["Statement"] else { return }
        let statements = statementNode.arrayValue ?? [statementNode]
        for (index, statement) in statements.enumerated() {
            if let sid = statement["Sid"] { sids[index] = sid.position }
        }
    }
}
