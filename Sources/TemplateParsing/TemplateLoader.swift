import PolicyModel

/// Turns a parsed template into resolved resources: validates the sections, orders resources by
/// their references, evaluates conditions and resolves each resource's properties.
struct TemplateLoader {
    let file: String
    let context: TemplateContext
    let byteCount: Int

    private struct RawResource {
        var logicalId: String
        var position: SourcePosition
        var type: String
        var properties: TemplateNode
        var condition: String?
        var conditionPosition: SourcePosition
        var dependsOn: [String]
    }

    func load(_ bytes: [UInt8]) throws(DiagnosticError) -> CloudFormationTemplate {
        try load(root: CloudFormationTemplate.parseDocument(bytes: bytes))
    }

    /// Resolves a parsed document (one parse serves every round of a multi-stack load).
    func load(root: TemplateNode) throws(DiagnosticError) -> CloudFormationTemplate {
        guard root.mapValue != nil else {
            throw TemplateError.make("template.not-an-object", "a template must be an object, found \(root.typeName)", at: root.position)
        }
        // Transforms run before anything is resolved, as CloudFormation runs them.
        let transformed = SAMTransform.expand(root, partition: context.partition)
        var template = try resolve(transformed.root, transformErrors: transformed.diagnostics.filter { $0.severity == .error })
        template.warnings = transformed.diagnostics.filter { $0.severity != .error }.map { $0.located(in: file) }
        return template
    }

    private func resolve(_ root: TemplateNode, transformErrors: [Diagnostic]) throws(DiagnosticError) -> CloudFormationTemplate {
        var diagnostics = transformErrors + LogicalID.diagnostics(in: root)
        func report(_ code: String, _ message: String, at position: SourcePosition) {
            diagnostics.append(TemplateError.diagnostic(code, message, at: position))
        }
        func section(_ name: String) -> [TemplateMember]? {
            guard let node = root[name] else { return nil }
            guard let members = node.mapValue else {
                report("template.invalid-section", "`\(name)` must be an object, found \(node.typeName)", at: node.position)
                return nil
            }
            return members
        }

        var parameters: [String: TemplateParameter] = [:]
        for member in section("Parameters") ?? [] {
            var type = "String"
            if let declared = member.value["Type"]?.stringValue {
                type = declared
            } else {
                report("template.invalid-parameter", "parameter `\(member.key)` must be an object with a string `Type`", at: member.keyPosition)
            }
            parameters[member.key] = TemplateParameter(name: member.key, type: type, defaultValue: member.value["Default"], position: member.keyPosition)
        }
        let mappings = section("Mappings").map { TemplateNode(.map($0), position: root["Mappings"]?.position ?? .unknown) }
        var conditions: [String: TemplateMember] = [:]
        for member in section("Conditions") ?? [] { conditions[member.key] = member }

        guard let resourcesNode = root["Resources"] else {
            diagnostics.append(TemplateError.diagnostic("template.missing-resources", "the template has no `Resources` section", at: root.position))
            throw DiagnosticError(diagnostics)
        }
        guard let resourceMembers = resourcesNode.mapValue else {
            diagnostics.append(TemplateError.diagnostic(
                "template.invalid-section", "`Resources` must be an object, found \(resourcesNode.typeName)", at: resourcesNode.position))
            throw DiagnosticError(diagnostics)
        }
        guard resourceMembers.count <= InputLimits.templateResources else {
            throw TemplateError.make(
                "template.too-large",
                "the template has \(resourceMembers.count) resources, more than the limit of \(InputLimits.templateResources)",
                at: resourcesNode.position, help: "CloudFormation accepts at most 500 resources in a stack")
        }

        var raw: [String: RawResource] = [:]
        var resourceTypes: [String: String] = [:]
        for member in resourceMembers {
            let node = member.value
            guard node.mapValue != nil else {
                report("template.invalid-resource", "resource `\(member.key)` must be an object, found \(node.typeName)", at: node.position)
                continue
            }
            guard let type = node["Type"]?.stringValue else {
                report("template.invalid-resource", "resource `\(member.key)` needs a string `Type`", at: member.keyPosition)
                continue
            }
            if parameters[member.key] != nil {
                report("template.duplicate-name", "`\(member.key)` is both a parameter and a resource", at: member.keyPosition)
            }
            var properties = TemplateNode(.map([]), position: member.keyPosition)
            if let declared = node["Properties"] {
                if declared.mapValue != nil || declared.isNull {
                    properties = declared.isNull ? TemplateNode(.map([]), position: declared.position) : declared
                } else {
                    report("template.invalid-resource", "`Properties` of resource `\(member.key)` must be an object, found \(declared.typeName)", at: declared.position)
                }
            }
            var condition: String?
            var conditionPosition = SourcePosition.unknown
            if let declared = node["Condition"] {
                conditionPosition = declared.position
                if let name = declared.stringValue {
                    if conditions[name] == nil {
                        report("template.unknown-condition", "resource `\(member.key)` names condition `\(name)`, which is not defined", at: declared.position)
                    } else {
                        condition = name
                    }
                } else {
                    report("template.invalid-resource", "`Condition` of resource `\(member.key)` must be a condition name, found \(declared.typeName)", at: declared.position)
                }
            }
            var dependsOn: [String] = []
            if let declared = node["DependsOn"] {
                let items = declared.listValue ?? [declared]
                for item in items {
                    guard let name = item.stringValue else {
                        report("template.invalid-resource", "`DependsOn` of resource `\(member.key)` must list logical ids, found \(item.typeName)", at: item.position)
                        continue
                    }
                    dependsOn.append(name)
                }
            }
            resourceTypes[member.key] = type
            raw[member.key] = RawResource(
                logicalId: member.key, position: member.keyPosition, type: type, properties: properties,
                condition: condition, conditionPosition: conditionPosition, dependsOn: dependsOn)
        }

        // References to unknown names are reported here, for every branch of every `Fn::If`.
        var graph = DependencyGraph(parameters: Set(parameters.keys))
        let ids = raw.keys.sorted()
        for id in ids {
            guard let resource = raw[id] else { continue }
            graph.collect(from: id, in: resource.properties, resources: resourceTypes)
            for target in resource.dependsOn {
                if resourceTypes[target] != nil {
                    graph.add(from: id, to: target, at: resource.position)
                } else {
                    report("template.unknown-reference", "`DependsOn` of resource `\(id)` names `\(target)`, which is not a resource", at: resource.position)
                }
            }
        }
        diagnostics += graph.unknownReferences
        let (order, cycles) = graph.order(ids)
        if !cycles.isEmpty {
            throw DiagnosticError(Self.ordered(diagnostics + cycles))
        }

        var resolver = TemplateResolver(
            context: context, parameters: parameters, mappings: mappings, conditions: conditions,
            resourceTypes: resourceTypes, budget: InputLimits.templateResolvedBytes(forTemplateBytes: byteCount))
        var included: [TemplateResource] = []
        var excluded: [String] = []
        for id in order {
            guard let resource = raw[id] else { continue }
            resolver.assumedConditions = []
            var properties = resolver.materialize(resolver.resolve(resource.properties), at: resource.properties.position)
                ?? TemplateNode(.map([]), position: resource.properties.position)
            if properties.mapValue == nil {
                if !properties.isNull {
                    resolver.report("template.invalid-resource", "`Properties` of resource `\(id)` must be an object, found \(properties.typeName)", at: properties.position)
                }
                properties = TemplateNode(.map([]), position: properties.position)
            }
            let identity = ResourceIdentity.make(logicalId: id, type: resource.type, properties: properties, context: context)
            resolver.identities[id] = identity
            var truth = TemplateResolver.Truth.yes
            if let condition = resource.condition {
                truth = resolver.condition(named: condition, at: resource.conditionPosition)
            }
            if truth == .no {
                excluded.append(id)
                continue
            }
            included.append(TemplateResource(
                logicalId: id, label: context.label(of: id), type: resource.type, position: resource.position, file: file, properties: properties,
                condition: resource.condition, conditionUnknown: truth == .unknown,
                assumedConditions: resolver.assumedConditions.sorted(), ref: identity.ref, arn: identity.arn,
                identity: identity, dependsOn: resource.dependsOn))
        }
        // Every condition and output is checked, even when nothing uses it.
        for name in conditions.keys.sorted() {
            _ = resolver.condition(named: name, at: conditions[name]?.keyPosition ?? .unknown)
        }
        var outputs: [String: String] = [:]
        var exports: [String: String] = [:]
        for member in section("Outputs") ?? [] {
            let output = resolver.materialize(resolver.resolve(member.value), at: member.value.position)
            // What a parent or other stacks can read: a string value, unless the output's
            // condition is false; exported under a known name.
            guard let value = output?["Value"]?.scalarText else { continue }
            if let condition = member.value["Condition"]?.stringValue, conditions[condition] != nil,
               resolver.condition(named: condition, at: member.value.position) == .no { continue }
            outputs[member.key] = value
            if let name = output?["Export"]?["Name"]?.scalarText, !SymbolToken.containsToken(name) { exports[name] = value }
        }
        diagnostics += resolver.diagnostics
        if !diagnostics.isEmpty { throw DiagnosticError(Self.ordered(diagnostics)) }
        return CloudFormationTemplate(
            file: file, context: context, resources: included, excludedResources: excluded,
            parameterNames: Set(parameters.keys), outputs: outputs, exports: exports, importedNames: resolver.importedNames,
            nestedStacksRead: resolver.nestedStacksRead, imports: resolver.imports)
    }

    /// Diagnostics in file order, each reported once (a reference can be seen twice: by the
    /// dependency walk and by resolution).
    private static func ordered(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen: Set<Diagnostic> = []
        let unique = diagnostics.filter { seen.insert($0).inserted }
        return unique.enumerated().sorted { left, right in
            left.element.position != right.element.position
                ? left.element.position < right.element.position
                : left.offset < right.offset
        }.map(\.element)
    }
}
