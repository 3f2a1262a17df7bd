import PolicyModel

/// References between resources (`Ref`, `Fn::GetAtt`, `Fn::Sub`, `DependsOn`), as CloudFormation
/// sees them: every branch of every `Fn::If` counts. Used to reject cycles and to resolve
/// resources in dependency order, so a resource's name is known before anything refers to it,
/// without recursion.
struct DependencyGraph {
    struct Edge {
        var target: String
        var position: SourcePosition
    }

    private(set) var edges: [String: [Edge]] = [:]
    /// References to names that are neither resources, parameters nor pseudo parameters. The
    /// messages match the resolver's, so duplicates collapse.
    private(set) var unknownReferences: [Diagnostic] = []
    let parameters: Set<String>

    init(parameters: Set<String>) {
        self.parameters = parameters
    }

    mutating func add(from source: String, to target: String, at position: SourcePosition) {
        edges[source, default: []].append(Edge(target: target, position: position))
    }

    /// Adds the references found in `node` (a resource's raw properties).
    mutating func collect(from source: String, in node: TemplateNode, resources: [String: String]) {
        switch node.value {
        case .map(let members):
            if members.count == 1 {
                let member = members[0]
                switch member.key {
                case "Ref":
                    if let name = member.value.stringValue {
                        if resources[name] != nil {
                            add(from: source, to: name, at: member.value.position)
                        } else if !parameters.contains(name), !name.hasPrefix("AWS::") {
                            unknownReferences.append(TemplateError.diagnostic(
                                "template.unknown-reference", "`Ref` to `\(name)`, which is not a parameter, resource or pseudo parameter",
                                at: member.value.position))
                        }
                    }
                case "Fn::GetAtt":
                    let name: String? = member.value.listValue?.first?.stringValue
                        ?? member.value.stringValue.map { String($0.prefix { $0 != "." }) }
                    if let name {
                        if resources[name] != nil {
                            add(from: source, to: name, at: member.value.position)
                        } else {
                            unknownReferences.append(TemplateError.diagnostic(
                                "template.unknown-reference", "`Fn::GetAtt` names `\(name)`, which is not a resource", at: member.value.position))
                        }
                    }
                case "Fn::Sub":
                    let template: String?
                    var variables: Set<String> = []
                    if let text = member.value.stringValue {
                        template = text
                    } else if let items = member.value.listValue, items.count == 2 {
                        template = items[0].stringValue
                        variables = Set(items[1].mapValue?.map(\.key) ?? [])
                    } else {
                        template = nil
                    }
                    for name in Self.subReferences(template ?? "") where !variables.contains(name) && !name.hasPrefix("AWS::") {
                        let logicalId = String(name.prefix { $0 != "." })
                        if resources[logicalId] != nil {
                            add(from: source, to: logicalId, at: member.value.position)
                        } else if !parameters.contains(name) {
                            unknownReferences.append(TemplateError.diagnostic(
                                "template.unknown-reference", "`Fn::Sub` refers to `\(name)`, which is not a parameter, resource or variable",
                                at: member.value.position))
                        }
                    }
                default:
                    break
                }
            }
            for member in members { collect(from: source, in: member.value, resources: resources) }
        case .list(let items):
            for item in items { collect(from: source, in: item, resources: resources) }
        default:
            break
        }
    }

    /// The names in `${…}` of an `Fn::Sub` template, without the `${!…}` literals.
    static func subReferences(_ template: String) -> [String] {
        SubTemplate.parts(template).compactMap { part in
            if case .reference(let name) = part { return name }
            return nil
        }
    }

    /// Resources in dependency order (dependencies first), and a diagnostic per cycle. Iterative
    /// depth-first search: a long chain of resources cannot overflow the stack.
    func order(_ nodes: [String]) -> (order: [String], cycles: [Diagnostic]) {
        enum Mark { case visiting, done }
        var marks: [String: Mark] = [:]
        var order: [String] = []
        var cycles: [Diagnostic] = []
        for root in nodes where marks[root] == nil {
            // Each frame: a node and the index of its next edge to follow.
            var stack: [(node: String, next: Int)] = [(root, 0)]
            marks[root] = .visiting
            while let top = stack.last {
                let outgoing = edges[top.node] ?? []
                if top.next < outgoing.count {
                    stack[stack.count - 1].next += 1
                    let edge = outgoing[top.next]
                    switch marks[edge.target] {
                    case nil:
                        marks[edge.target] = .visiting
                        stack.append((edge.target, 0))
                    case .visiting?:
                        let start = stack.firstIndex { $0.node == edge.target } ?? 0
                        let path = (stack[start...].map(\.node) + [edge.target]).map { "`\($0)`" }.joined(separator: " -> ")
                        cycles.append(TemplateError.diagnostic(
                            "template.circular-reference", "circular reference between resources: \(path)", at: edge.position))
                    case .done?:
                        break
                    }
                } else {
                    marks[top.node] = .done
                    order.append(top.node)
                    stack.removeLast()
                }
            }
        }
        return (order, cycles)
    }
}
