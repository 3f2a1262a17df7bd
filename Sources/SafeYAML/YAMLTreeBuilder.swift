import PolicyModel
import Yams

/// Copies Yams's composed tree into `YAMLNode`s. An anchored node is copied once and its aliases
/// share the copy, so the work stays linear in the text however far the aliases would expand;
/// what they expand to (size and depth) is added up and refused past the limits before any reader
/// walks the tree. Keys repeated in one mapping are refused at the repetition.
struct YAMLTreeBuilder {
    private struct Copy {
        var node: YAMLNode
        /// One unit per node and per scalar byte, aliases expanded.
        var expandedSize: Int
        /// How many levels the node's deepest descendant lies below it, aliases expanded.
        var height: Int
    }

    private let maximumDepth: Int
    private let budget: Int
    private var spent = 0
    /// Copies of anchored nodes, by anchor identity (a later `&name` may reuse a name).
    private var anchored: [ObjectIdentifier: Copy] = [:]

    init(maximumDepth: Int, budget: Int) {
        self.maximumDepth = maximumDepth
        self.budget = budget
    }

    mutating func build(_ root: Node) throws(SafeYAMLError) -> YAMLNode {
        let position = root.mark.map(SourcePosition.init) ?? .unknown
        return try copy(root, depth: 0, usedAt: position).node
    }

    /// `usedAt` is where the parent holds the node (the sequence, or the key of a mapping value):
    /// an alias's node carries its anchor's position, not the alias's.
    private mutating func copy(_ node: Node, depth: Int, usedAt: SourcePosition) throws(SafeYAMLError) -> Copy {
        if let anchor = node.anchor, let earlier = anchored[ObjectIdentifier(anchor)] {
            try checkDepth(depth + earlier.height, at: usedAt, alias: anchor.rawValue)
            try spend(earlier.expandedSize, at: usedAt, alias: anchor.rawValue)
            return earlier
        }
        let spentBefore = spent
        var copied = try copyContent(node, depth: depth)
        copied.expandedSize = spent - spentBefore
        if let anchor = node.anchor { anchored[ObjectIdentifier(anchor)] = copied }
        return copied
    }

    private mutating func copyContent(_ node: Node, depth: Int) throws(SafeYAMLError) -> Copy {
        let position = node.mark.map(SourcePosition.init) ?? .unknown
        try checkDepth(depth, at: position, alias: nil)
        switch node {
        case .scalar(let scalar):
            try spend(1 + scalar.string.utf8.count, at: position, alias: nil)
            let content = YAMLNode.Content.scalar(YAMLScalar(scalar.string, style: YAMLScalar.Style(scalar.style)))
            return Copy(node: YAMLNode(content, tag: scalar.tag.rawValue, position: position), expandedSize: 0, height: 0)
        case .sequence(let sequence):
            try spend(1, at: position, alias: nil)
            var items: [YAMLNode] = []
            items.reserveCapacity(sequence.count)
            var height = 0
            for item in sequence {
                let copied = try copy(item, depth: depth + 1, usedAt: position)
                items.append(copied.node)
                height = max(height, copied.height + 1)
            }
            return Copy(node: YAMLNode(.sequence(items), tag: sequence.tag.rawValue, position: position), expandedSize: 0, height: height)
        case .mapping(let mapping):
            try spend(1, at: position, alias: nil)
            var entries: [YAMLMappingEntry] = []
            entries.reserveCapacity(mapping.count)
            var firstKeyPositions: [String: SourcePosition] = [:]
            var height = 0
            for (key, value) in mapping {
                let keyPosition = key.mark.map(SourcePosition.init) ?? position
                let copiedKey = try copy(key, depth: depth + 1, usedAt: keyPosition)
                if let text = copiedKey.node.scalar?.text {
                    // Yams finds repeats of the same resolved type; `1` and `"1"` are caught here.
                    if let first = firstKeyPositions[text] {
                        throw SafeYAMLError(
                            .duplicateKey, "duplicate key `\(text)`", at: copiedKey.node.position,
                            help: "the first `\(text)` is at \(first.line):\(first.column)"
                        )
                    }
                    firstKeyPositions[text] = copiedKey.node.position
                }
                let copiedValue = try copy(value, depth: depth + 1, usedAt: keyPosition)
                entries.append(YAMLMappingEntry(key: copiedKey.node, value: copiedValue.node))
                height = max(height, copiedKey.height + 1, copiedValue.height + 1)
            }
            return Copy(node: YAMLNode(.mapping(entries), tag: mapping.tag.rawValue, position: position), expandedSize: 0, height: height)
        case .alias:
            // Yams substitutes aliases while composing; a bare alias node never reaches here.
            throw SafeYAMLError(.syntax, "invalid YAML: unresolved alias", at: position)
        }
    }

    private func checkDepth(_ depth: Int, at position: SourcePosition, alias: String?) throws(SafeYAMLError) {
        guard depth > maximumDepth else { return }
        let through = alias.map { " through the alias `*\($0)`" } ?? ""
        throw SafeYAMLError(.tooDeep, "nesting deeper than \(maximumDepth) levels\(through)", at: position)
    }

    private mutating func spend(_ units: Int, at position: SourcePosition, alias: String?) throws(SafeYAMLError) {
        spent += units
        guard spent > budget else { return }
        throw SafeYAMLError(
            .expansionTooLarge,
            alias.map { "the alias `*\($0)` expands the document beyond its size limit" }
                ?? "aliases expand the document beyond its size limit",
            at: position,
            help: "aliases may expand the text to \(budget) nodes and characters at most; write the repeated values out instead"
        )
    }
}
