import Yams

/// What a scalar means under Yams's default schema (YAML 1.1 style: `yes`/`on` are booleans,
/// `0x1F` is a number), for readers that take scalars the way Data Prepper's Jackson does.
package enum YAMLSchemaValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number
    case string
}

extension YAMLNode {
    /// nil for sequences and mappings. Computed on request, as resolving runs Yams's regular
    /// expressions.
    package var schemaValue: YAMLSchemaValue? {
        guard let node = yamsScalar else { return nil }
        if node.null != nil { return .null }
        if let flag = node.bool { return .bool(flag) }
        if node.int != nil || node.float != nil { return .number }
        return .string
    }

    /// `schemaValue == .null` without resolving the other types.
    package var isNull: Bool {
        yamsScalar?.null != nil
    }

    private var yamsScalar: Node? {
        guard let scalar else { return nil }
        return Node.scalar(Node.Scalar(scalar.text, Tag(Tag.Name(rawValue: tag)), scalar.style.yamsStyle))
    }
}

extension YAMLScalar.Style {
    init(_ style: Node.Scalar.Style) {
        switch style {
        case .any, .plain: self = .plain
        case .singleQuoted: self = .singleQuoted
        case .doubleQuoted: self = .doubleQuoted
        case .literal: self = .literal
        case .folded: self = .folded
        }
    }

    var yamsStyle: Node.Scalar.Style {
        switch self {
        case .plain: .plain
        case .singleQuoted: .singleQuoted
        case .doubleQuoted: .doubleQuoted
        case .literal: .literal
        case .folded: .folded
        }
    }
}
