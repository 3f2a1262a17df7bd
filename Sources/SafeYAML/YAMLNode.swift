import PolicyModel

/// A YAML node with the place it was written. Aliases are already replaced by the node they
/// refer to: the copies share storage (a repeat costs no memory) and keep the anchored node's
/// position.
package struct YAMLNode: Sendable {
    package enum Content: Sendable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        /// In file order; keys may be any node (readers decide what they accept).
        case mapping([YAMLMappingEntry])
    }

    package var content: Content
    /// The tag as written, unresolved: `!Ref` for a local tag, `tag:yaml.org,2002:str` for `!!str`
    /// (and for quoted scalars, which libyaml marks so), `!` for the non-specific tag, "" when the
    /// node has none.
    package var tag: String
    package var position: SourcePosition

    package init(_ content: Content, tag: String = "", position: SourcePosition) {
        self.content = content
        self.tag = tag
        self.position = position
    }

    package var scalar: YAMLScalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    package var sequence: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    package var mapping: [YAMLMappingEntry]? {
        if case .mapping(let entries) = content { return entries }
        return nil
    }
}

package struct YAMLScalar: Sendable, Hashable {
    package enum Style: Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    package var text: String
    package var style: Style

    package init(_ text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }
}

package struct YAMLMappingEntry: Sendable {
    package var key: YAMLNode
    package var value: YAMLNode

    package init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}
