import PolicyModel

/// `Fn::ForEach` of the `AWS::LanguageExtensions` transform, expanded as CloudFormation expands
/// it before anything else reads the template:
///
/// ```yaml
/// Fn::ForEach::Topics:
///   - Name                        # the identifier
///   - [Orders, Returns]           # the collection: a list, a list parameter, a mapping entry
///   - Topic${Name}:               # the output key, with ${Name} or &{Name}
///       Type: AWS::SNS::Topic
///       Properties: {TopicName: !Ref Name}
/// ```
///
/// Each item of the collection yields the fragment with `${Name}` and `&{Name}` (the item with
/// everything but letters and digits removed, for logical ids) replaced in keys and strings, and
/// `Ref: Name` replaced by the item. Loops may nest and may stand in `Conditions`, `Resources`
/// (resource properties included) and `Outputs`. A collection the template cannot know (a list
/// parameter without a value) leaves the loop's output out, with a warning.
struct ForEachExpansion {
    /// Resolves a collection (a `Ref` to a list parameter, an `Fn::FindInMap`).
    let resolveCollection: (TemplateNode) -> TemplateResolver.Resolved
    /// Nodes that copies may add in all, so nested loops cannot multiply a small template into a
    /// huge one.
    let budget: Int
    private(set) var diagnostics: [Diagnostic] = []
    private var spent = 0
    /// Set once the budget is spent: every loop after that yields nothing, and says so once.
    private var exhausted = false

    init(budget: Int, resolveCollection: @escaping (TemplateNode) -> TemplateResolver.Resolved) {
        self.budget = budget
        self.resolveCollection = resolveCollection
    }

    /// `node` with every loop in it expanded.
    mutating func expand(_ node: TemplateNode) -> TemplateNode {
        switch node.value {
        case .map(let members):
            var expanded: [TemplateMember] = []
            expanded.reserveCapacity(members.count)
            var keys = Set(members.lazy.filter { !LogicalID.isForEachKey($0.key) }.map(\.key))
            for member in members {
                if LogicalID.isForEachKey(member.key) {
                    for generated in expandLoop(member) {
                        guard keys.insert(generated.key).inserted else {
                            report("template.invalid-foreach", "`\(member.key)` makes `\(generated.key)`, which is already there", at: generated.keyPosition,
                                   help: "each item must make its own key: write the identifier in the output key as `${…}` or `&{…}`")
                            continue
                        }
                        expanded.append(generated)
                    }
                } else {
                    expanded.append(TemplateMember(key: member.key, keyPosition: member.keyPosition, value: expand(member.value)))
                }
            }
            return TemplateNode(.map(expanded), position: node.position)
        case .list(let items):
            return TemplateNode(.list(items.map { expand($0) }), position: node.position)
        default:
            return node
        }
    }

    private mutating func report(_ code: String, _ message: String, at position: SourcePosition, help: String? = nil, severity: Severity = .error) {
        diagnostics.append(Diagnostic(severity: severity, code: code, message: message, position: position, help: help))
    }

    /// The members one loop yields, each expanded in turn (inner loops see the outer item).
    private mutating func expandLoop(_ loop: TemplateMember) -> [TemplateMember] {
        let name = "`\(loop.key)`"
        guard let arguments = loop.value.listValue, arguments.count == 3 else {
            report("template.invalid-foreach", "\(name) takes a list of an identifier, a collection and an output map", at: loop.keyPosition,
                   help: "write `[Identifier, [Item1, Item2], {\"Key${Identifier}\": {…}}]`")
            return []
        }
        guard let identifier = arguments[0].stringValue, LogicalID.problem(identifier) == nil else {
            report("template.invalid-foreach", "the identifier of \(name) must be letters and digits, found \(arguments[0].typeName == "string" ? "`\(arguments[0].stringValue ?? "")`" : arguments[0].typeName)",
                   at: arguments[0].position)
            return []
        }
        guard let fragment = arguments[2].mapValue else {
            report("template.invalid-foreach", "the output of \(name) must be a map of keys to values, found \(arguments[2].typeName)", at: arguments[2].position)
            return []
        }
        guard !exhausted, let items = collection(arguments[1], of: name) else { return [] }
        let fragmentSize = Self.size(of: arguments[2])
        var output: [TemplateMember] = []
        for item in items {
            spent += fragmentSize
            guard spent <= budget else {
                exhausted = true
                report("template.too-large", "\(name) expands to more than \(budget) values", at: loop.keyPosition,
                       help: "CloudFormation accepts at most 500 resources in a stack")
                return output
            }
            for member in fragment {
                let key = Self.substitute(member.key, identifier: identifier, item: item)
                let value = Self.substitute(member.value, identifier: identifier, item: item)
                output += expand(TemplateNode(.map([TemplateMember(key: key, keyPosition: member.keyPosition, value: value)]))).mapValue ?? []
            }
        }
        return output
    }

    /// The collection's items as text; nil (with a diagnostic) when they cannot be known.
    private mutating func collection(_ node: TemplateNode, of name: String) -> [String]? {
        let resolved = node.listValue.map { items in TemplateResolver.Resolved.value(TemplateNode(.list(items), position: node.position)) }
            ?? resolveCollection(node)
        switch resolved {
        case .value(let list):
            guard let items = list.listValue else {
                report("template.invalid-foreach", "the collection of \(name) must be a list, found \(list.typeName)", at: node.position)
                return nil
            }
            var texts: [String] = []
            for item in items {
                var value = item
                if item.mapValue != nil, case .value(let resolvedItem) = resolveCollection(item) { value = resolvedItem }
                guard let text = value.scalarText, !SymbolToken.containsToken(text) else {
                    return unknownCollection(node, of: name)
                }
                texts.append(text)
            }
            return texts
        case .symbolicList:
            return unknownCollection(node, of: name)
        case .noValue, .failed:
            return nil
        }
    }

    private mutating func unknownCollection(_ node: TemplateNode, of name: String) -> [String]? {
        report("template.unresolved-foreach", "the collection of \(name) is not known until deployment, so what the loop makes is left out of the analysis",
               at: node.position, help: "give the list parameter a `Default`, or write the items in the template", severity: .warning)
        return nil
    }

    /// `${identifier}` and `&{identifier}` replaced in keys and strings, `Ref: identifier` by the
    /// item, throughout `node`.
    static func substitute(_ node: TemplateNode, identifier: String, item: String) -> TemplateNode {
        switch node.value {
        case .string(let text):
            return TemplateNode(.string(substitute(text, identifier: identifier, item: item)), position: node.position)
        case .map(let members):
            if members.count == 1, members[0].key == "Ref", members[0].value.stringValue == identifier {
                return TemplateNode(.string(item), position: node.position)
            }
            return TemplateNode(.map(members.map { member in
                TemplateMember(key: substitute(member.key, identifier: identifier, item: item), keyPosition: member.keyPosition,
                               value: substitute(member.value, identifier: identifier, item: item))
            }), position: node.position)
        case .list(let items):
            return TemplateNode(.list(items.map { substitute($0, identifier: identifier, item: item) }), position: node.position)
        default:
            return node
        }
    }

    static func substitute(_ text: String, identifier: String, item: String) -> String {
        guard text.contains("{\(identifier)}") else { return text }
        let alphanumeric = String(String.UnicodeScalarView(item.unicodeScalars.filter(LogicalID.isAlphanumeric)))
        return text.replacing("${\(identifier)}", with: item).replacing("&{\(identifier)}", with: alphanumeric)
    }

    /// Nodes in `node`, to charge copies against the budget.
    static func size(of node: TemplateNode) -> Int {
        switch node.value {
        case .map(let members): 1 + members.reduce(0) { $0 + 1 + size(of: $1.value) }
        case .list(let items): 1 + items.reduce(0) { $0 + size(of: $1) }
        default: 1
        }
    }
}
