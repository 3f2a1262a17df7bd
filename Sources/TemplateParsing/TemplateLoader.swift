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
    func load(root document: TemplateNode) throws(DiagnosticError) -> CloudFormationTemplate {
        var root = document
        guard root.mapValue != nil else {
            throw TemplateError.make("template.not-an-object", "a template must be an object, found \(root.typeName)", at: root.position)
        }
        // Transforms run before anything is resolved, as CloudFormation runs them.
        let transformed = SAMTransform.expand(root, partition: context.partition)
        var template = try resolve(transformed.root, transformErrors: transformed.diagnostics.filter { $0.severity == .error })
        let samWarnings = transformed.diagnostics.filter { $0.severity != .error }.map { $0.located(in: file) }
        template.warnings = Self.ordered(samWarnings + template.warnings)
        return template
    }

    private func resolve(_ root: TemplateNode, transformErrors: [Diagnostic]) throws(DiagnosticError) -> CloudFormationTemplate {
        var root = root
        var diagnostics = transformErrors
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
        if LogicalID.transforms(of: root).contains(LogicalID.languageExtensions) {
            root = expandingLoops(in: root, parameters: parameters, mappings: mappings, diagnostics: &diagnostics)
            // What was expanded before the limit is not worth reading.
            if diagnostics.contains(where: { $0.code == "template.too-large" }) { throw DiagnosticError(Self.ordered(diagnostics)) }
        }
        root = leavingOutIncludes(in: root, diagnostics: &diagnostics)
        diagnostics = LogicalID.diagnostics(in: root) + diagnostics
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

        // References to unknown names are reported here, for every branch of every `Fn::If`; in a
        // resource the analysis does not read, as warnings.
        var graph = DependencyGraph(parameters: Set(parameters.keys))
        let ids = raw.keys.sorted()
        for id in ids {
            guard let resource = raw[id] else { continue }
            let found = graph.unknownReferences.count
            graph.collect(from: id, in: resource.properties, resources: resourceTypes)
            var references = Array(graph.unknownReferences[found...])
            for target in resource.dependsOn {
                if resourceTypes[target] != nil {
                    graph.add(from: id, to: target, at: resource.position)
                } else {
                    references.append(TemplateError.diagnostic(
                        "template.unknown-reference", "`DependsOn` of resource `\(id)` names `\(target)`, which is not a resource", at: resource.position))
                }
            }
            diagnostics += AnalysedResourceTypes.contains(resource.type) ? references : references.map(Self.demoted)
        }
        let (order, cycles) = graph.order(ids)
        if !cycles.isEmpty {
            throw DiagnosticError(Self.ordered(diagnostics + cycles))
        }

        var resolver = TemplateResolver(
            context: context, parameters: parameters, mappings: mappings, conditions: conditions,
            resourceTypes: resourceTypes, budget: InputLimits.templateResolvedBytes(forTemplateBytes: byteCount))
        // Every condition is checked, even when nothing uses it, and before any resource: a
        // condition's errors are its own, whichever resource evaluates it first.
        for name in conditions.keys.sorted() {
            _ = resolver.condition(named: name, at: conditions[name]?.keyPosition ?? .unknown)
        }
        var included: [TemplateResource] = []
        var excluded: [String] = []
        for id in order {
            guard let resource = raw[id] else { continue }
            resolver.assumedConditions = []
            var truth = TemplateResolver.Truth.yes
            if let condition = resource.condition {
                truth = resolver.condition(named: condition, at: resource.conditionPosition)
            }
            let found = resolver.diagnostics.count
            var properties = resolver.materialize(resolver.resolve(resource.properties), at: resource.properties.position)
                ?? TemplateNode(.map([]), position: resource.properties.position)
            // What no check or graph edge reads (a type no view reads, a resource whose condition
            // is false) cannot make the analysis wrong: its unresolved values are warnings.
            if !AnalysedResourceTypes.contains(resource.type) || truth == .no { resolver.demoteDiagnostics(from: found) }
            if properties.mapValue == nil {
                if !properties.isNull {
                    resolver.report("template.invalid-resource", "`Properties` of resource `\(id)` must be an object, found \(properties.typeName)", at: properties.position)
                }
                properties = TemplateNode(.map([]), position: properties.position)
            }
            let identity = ResourceIdentity.make(logicalId: id, type: resource.type, properties: properties, context: context)
            resolver.identities[id] = identity
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
        var outputs: [String: String] = [:]
        var exports: [String: String] = [:]
        // Outputs are resolved for their imports and references, and for what a parent or other
        // stacks read from them (a string value, unless the output's condition is false; exported
        // under a known name). Nothing is analysed from them, so what cannot be resolved there is
        // a warning.
        for member in section("Outputs") ?? [] {
            let found = resolver.diagnostics.count
            let output = resolver.materialize(resolver.resolve(member.value), at: member.value.position)
            resolver.demoteDiagnostics(from: found)
            guard let value = output?["Value"]?.scalarText else { continue }
            if let condition = member.value["Condition"]?.stringValue, conditions[condition] != nil,
               resolver.condition(named: condition, at: member.value.position) == .no { continue }
            outputs[member.key] = value
            if let name = output?["Export"]?["Name"]?.scalarText, !SymbolToken.containsToken(name) { exports[name] = value }
        }
        diagnostics += resolver.diagnostics
        let ordered = Self.ordered(diagnostics)
        let errors = ordered.filter { $0.severity == .error }
        if !errors.isEmpty { throw DiagnosticError(errors) }
        let warnings = ordered.filter { $0.severity != .error }
        return CloudFormationTemplate(
            file: file, context: context, resources: included, excludedResources: excluded,
            parameterNames: Set(parameters.keys), outputs: outputs, exports: exports, importedNames: resolver.importedNames,
            nestedStacksRead: resolver.nestedStacksRead, imports: resolver.imports, warnings: warnings.map { $0.located(in: file) })
    }

    /// `root` with the `Fn::ForEach` loops of `Conditions`, `Resources` (properties included) and
    /// `Outputs` expanded; a collection may name parameters and mappings.
    private func expandingLoops(
        in root: TemplateNode, parameters: [String: TemplateParameter], mappings: TemplateNode?, diagnostics: inout [Diagnostic]
    ) -> TemplateNode {
        var resolver = TemplateResolver(
            context: context, parameters: parameters, mappings: mappings, conditions: [:], resourceTypes: [:],
            budget: InputLimits.templateResolvedBytes(forTemplateBytes: byteCount))
        // Nodes, not bytes: a node holds at least a few bytes of text, and costs far more.
        var expansion = ForEachExpansion(budget: InputLimits.templateResolvedBytes(forTemplateBytes: byteCount) / 16) { resolver.resolve($0) }
        let sections = ["Conditions", "Resources", "Outputs"]
        let members = (root.mapValue ?? []).map { member in
            guard sections.contains(member.key) else { return member }
            return TemplateMember(key: member.key, keyPosition: member.keyPosition, value: expansion.expand(member.value))
        }
        diagnostics += expansion.diagnostics + resolver.diagnostics
        return TemplateNode(.map(members), position: root.position)
    }

    /// `root` without the `Fn::Transform` members of its sections (`AWS::Include` of a snippet
    /// in S3, another macro): CloudFormation replaces them with what only it can fetch or run, so
    /// each is left out with a warning.
    private func leavingOutIncludes(in root: TemplateNode, diagnostics: inout [Diagnostic]) -> TemplateNode {
        let members = (root.mapValue ?? []).map { section -> TemplateMember in
            guard let entries = section.value.mapValue, entries.contains(where: { $0.key == "Fn::Transform" }) else { return section }
            for entry in entries where entry.key == "Fn::Transform" {
                let name = entry.value["Name"]?.stringValue.map { "`\($0)`" } ?? "a macro"
                let location = entry.value["Parameters"]?["Location"]?.stringValue.map { " of `\($0)`" } ?? ""
                diagnostics.append(Self.demoted(TemplateError.diagnostic(
                    "template.unexpanded-transform",
                    "`Fn::Transform` in `\(section.key)` adds what \(name)\(location) makes, which only CloudFormation can read; it is left out of the analysis",
                    at: entry.keyPosition, help: "to have it analysed, analyse the processed template (`aws cloudformation get-template --template-stage Processed`)")))
            }
            return TemplateMember(
                key: section.key, keyPosition: section.keyPosition,
                value: TemplateNode(.map(entries.filter { $0.key != "Fn::Transform" }), position: section.value.position))
        }
        return TemplateNode(.map(members), position: root.position)
    }

    /// An error as a warning, with the same code, place and help.
    static func demoted(_ diagnostic: Diagnostic) -> Diagnostic {
        var warning = diagnostic
        warning.severity = .warning
        return warning
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
