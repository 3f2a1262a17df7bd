import PolicyModel
import PolicyParsing
import TemplateParsing

/// The templates of one analysis, loaded as one application: every template given, every stack
/// of every cloud assembly given (or those `--stack` names), and the nested stacks CDK wrote
/// beside them. Each stack gets its environment from its assembly's manifest, its parameter
/// values, the values the other stacks export (`Fn::ImportValue`), and, when there are several
/// stacks, a scope that qualifies its labels and tokens (`StackA/Role`).
struct StackTemplates {
    /// One stack to load.
    struct Unit {
        /// Its name among the others (the artifact id, or the template file's stem), before
        /// being made unique.
        var name: String
        var source: StackInput.Source
        /// Where nested stacks' templates are looked for: the assembly, or the template's directory.
        var directory: String?
        /// True when the stack comes from a cloud assembly, whose nested templates must be there.
        var inAssembly = false
        var environment: CloudAssembly.Stack?
        /// A nested stack: the parent's index and the `AWS::CloudFormation::Stack` resource.
        var parent: (index: Int, logicalId: String)?
        var document = TemplateNode(.null)
        var byteCount = 0
        var scope = ""
    }

    var units: [Unit] = []
    /// What the analysis is called when it has several stacks: the inputs as given.
    var inputNames: [String] = []

    /// The stacks `input` names, parsed, with their nested stacks.
    static func gather(_ input: StackInput) throws(DiagnosticError) -> StackTemplates {
        var templates = StackTemplates()
        var selected = Set<String>()
        var assemblies: [CloudAssembly] = []
        for source in input.templates {
            templates.inputNames.append(source.name)
            guard case .file(let path) = source else {
                templates.units.append(Unit(name: stem(of: source.name), source: source))
                continue
            }
            switch SourceFile.kind(of: path) {
            case .directory:
                let found = try assemblyStacks(in: path, depth: 0)
                assemblies.append(contentsOf: found.assemblies)
                let chosen = input.stacks.isEmpty ? found.stacks : found.stacks.filter { input.stacks.contains($0.id) || input.stacks.contains($0.stackName) }
                selected.formUnion(found.stacks.filter { chosen.contains($0) }.flatMap { [$0.id, $0.stackName] })
                if found.stacks.isEmpty {
                    throw DiagnosticError(Diagnostic(severity: .error, code: "assembly.no-stacks", message: "the cloud assembly lists no CloudFormation stack",
                                                     file: CloudAssembly.manifestPath(in: path)))
                }
                for stack in chosen {
                    templates.units.append(Unit(name: stack.id, source: .file(stack.templatePath), directory: directory(of: stack.templatePath),
                                                inAssembly: true, environment: stack))
                }
            case .file, .missing:
                // A template inside an assembly takes its environment from the manifest beside it.
                let directory = directory(of: path)
                var environment: CloudAssembly.Stack?
                if SourceFile.kind(of: CloudAssembly.manifestPath(in: directory)) == .file {
                    let assembly = try CloudAssembly.parse(bytes: try SourceFile.bytes(CloudAssembly.manifestPath(in: directory)), directory: directory)
                    environment = assembly.stack(withTemplateFile: fileName(of: path))
                }
                templates.units.append(Unit(name: environment?.id ?? stem(of: path), source: source, directory: directory,
                                            inAssembly: environment != nil, environment: environment))
            }
        }
        try checkStackNames(input.stacks, selected: selected, assemblies: assemblies)
        try templates.parse()
        templates.assignScopes()
        return templates
    }

    /// `--stack` names only stacks of the assemblies given.
    static func checkStackNames(_ names: [String], selected: Set<String>, assemblies: [CloudAssembly]) throws(DiagnosticError) {
        guard !names.isEmpty else { return }
        guard !assemblies.isEmpty else {
            throw DiagnosticError(Diagnostic(severity: .error, code: "assembly.stack-without-assembly", message: "a stack is selected, but no cloud assembly is given",
                                             file: "--stack", help: "give the assembly's directory (`cdk.out`) as the template"))
        }
        let known = assemblies.flatMap(\.stacks).map(\.id).uniqued()
        let unknown = names.uniqued().filter { !selected.contains($0) }
        if !unknown.isEmpty {
            throw DiagnosticError(unknown.map { name in
                Diagnostic(severity: .error, code: "assembly.unknown-stack",
                           message: "no stack `\(name)` in \(assemblies.map { "`\($0.directory)`" }.joined(separator: ", "))",
                           file: "--stack", help: "its stacks: " + known.map { "`\($0)`" }.joined(separator: ", "))
            })
        }
    }

    /// The stacks of an assembly and of its stages' assemblies, in the manifests' order.
    static func assemblyStacks(in directory: String, depth: Int) throws(DiagnosticError) -> (stacks: [CloudAssembly.Stack], assemblies: [CloudAssembly]) {
        let manifest = CloudAssembly.manifestPath(in: directory)
        guard SourceFile.kind(of: manifest) == .file else {
            throw DiagnosticError(Diagnostic(severity: .error, code: "assembly.no-manifest", message: "the directory has no `manifest.json`", file: directory,
                                             help: "give a template file, or a CDK cloud assembly (the `cdk.out` directory `cdk synth` writes)"))
        }
        let assembly = try CloudAssembly.parse(bytes: try SourceFile.bytes(manifest), directory: directory)
        var stacks = assembly.stacks
        var assemblies = [assembly]
        for nested in assembly.nestedAssemblies {
            guard depth < InputLimits.stackNesting else {
                throw DiagnosticError(Diagnostic(severity: .error, code: "assembly.too-deep", message: "stage assemblies nest deeper than \(InputLimits.stackNesting) levels",
                                                 file: nested.location.file, position: nested.location.position))
            }
            let inner = try assemblyStacks(in: nested.directory, depth: depth + 1)
            stacks += inner.stacks
            assemblies += inner.assemblies
        }
        return (stacks, assemblies)
    }

    /// Parses every template once, and adds the nested stacks whose templates are assets beside
    /// their parent, each after its parent.
    mutating func parse() throws(DiagnosticError) {
        var index = 0
        var diagnostics: [Diagnostic] = []
        while index < units.count {
            let unit = units[index]
            do {
                let bytes = try unit.source.read()
                units[index].byteCount = bytes.count
                units[index].document = try Self.located(unit.source.name) { () throws(DiagnosticError) in try CloudFormationTemplate.parseDocument(bytes: bytes) }
                if let directory = unit.directory {
                    let assets = try Self.located(unit.source.name) { () throws(DiagnosticError) in try CloudAssembly.nestedStackAssets(in: units[index].document) }
                    for asset in assets {
                        try addNested(asset, of: index, in: directory)
                    }
                }
            } catch {
                diagnostics += error.diagnostics
            }
            index += 1
        }
        if !diagnostics.isEmpty { throw DiagnosticError(diagnostics) }
    }

    mutating func addNested(_ asset: CloudAssembly.NestedStackAsset, of parent: Int, in directory: String) throws(DiagnosticError) {
        let unit = units[parent]
        let path = CloudAssembly.joined(directory, asset.path)
        var ancestors: [Int] = [parent]
        while let next = units[ancestors[ancestors.count - 1]].parent?.index { ancestors.append(next) }
        func failure(_ code: String, _ message: String) -> DiagnosticError {
            DiagnosticError(Diagnostic(severity: .error, code: code, message: message, file: unit.source.name, position: asset.position))
        }
        guard SourceFile.kind(of: path) == .file else {
            // A template copied out of its assembly: its nested stacks stay resources, as any
            // nested stack whose template is elsewhere (an S3 URL).
            guard unit.inAssembly else { return }
            throw failure("assembly.missing-nested-template", "the template of nested stack `\(asset.logicalId)`, `\(asset.path)`, is not in the cloud assembly")
        }
        if ancestors.contains(where: { units[$0].source.name == path }) {
            throw failure("assembly.nested-cycle", "nested stack `\(asset.logicalId)` contains the stack that contains it (`\(asset.path)`)")
        }
        guard ancestors.count < InputLimits.stackNesting else {
            throw failure("assembly.too-deep", "nested stacks nest deeper than \(InputLimits.stackNesting) levels")
        }
        guard units.count < InputLimits.stacksPerAnalysis else { throw Self.tooMany(file: unit.source.name) }
        units.append(Unit(name: asset.logicalId, source: .file(path), directory: directory, inAssembly: unit.inAssembly, parent: (parent, asset.logicalId)))
    }

    static func tooMany(file: String) -> DiagnosticError {
        DiagnosticError(Diagnostic(severity: .error, code: "assembly.too-many-stacks",
                                   message: "the analysis has more than \(InputLimits.stacksPerAnalysis) stacks", file: file))
    }

    /// Scopes only when there are several stacks, so one template reads as it always has.
    /// Top-level stacks keep their names (a repeated name gets `-2`, `-3`); a nested stack is
    /// `Parent/LogicalId`.
    mutating func assignScopes() {
        guard units.count > 1 else { return }
        var used = Set<String>()
        for index in units.indices {
            if let parent = units[index].parent {
                units[index].scope = "\(units[parent.index].scope)/\(parent.logicalId)"
                continue
            }
            let base = Self.scopeName(units[index].name)
            var scope = base
            var counter = 2
            while used.contains(scope) {
                scope = "\(base)-\(counter)"
                counter += 1
            }
            used.insert(scope)
            units[index].scope = scope
        }
    }

    /// Letters, digits and `-`: a scope must not hold `/` or `_`, which tokens use to qualify
    /// logical ids (`SymbolToken.referencedLogicalIds`).
    static func scopeName(_ name: String) -> String {
        let cleaned = String(name.unicodeScalars.map { scalar -> Character in
            ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" ? Character(scalar) : "-"
        })
        return cleaned.isEmpty ? "stack" : cleaned
    }

    // MARK: Loading

    /// Resolves every stack: each with the values the others export and its nested stacks'
    /// outputs, until they no longer change (a stack is loaded again only when a value it reads
    /// changed, a nested stack with its parent; bounded by the number of stacks, as CloudFormation
    /// forbids cycles). A nested stack whose resource is left out by its condition is not loaded.
    func load(context base: TemplateContext, parameters: [ParameterValue]) throws(DiagnosticError) -> [(unit: Unit, template: CloudFormationTemplate)] {
        var contexts: [TemplateContext] = []
        for unit in units where unit.parent == nil {
            contexts.append(try Self.context(of: unit, base: base, parameters: parameters))
        }
        var templates: [CloudFormationTemplate?] = Array(repeating: nil, count: units.count)
        var exports: [String: String] = [:]
        let children = Dictionary(grouping: units.indices.compactMap { index in units[index].parent.map { (parent: $0.index, child: index, logicalId: $0.logicalId) } },
                                  by: \.parent)
        var pending = Set(units.indices)
        var round = 0
        while !pending.isEmpty, round <= units.count {
            var diagnostics: [Diagnostic] = []
            var topLevel = 0
            let outputsBefore = templates.map { $0?.outputs }
            for index in units.indices {
                let unit = units[index]
                var context: TemplateContext
                if let parent = unit.parent {
                    // A nested stack is loaded with its parent, from the parameters the parent passes.
                    if pending.contains(parent.index) { pending.insert(index) }
                    guard pending.contains(index) else { continue }
                    guard let parentTemplate = templates[parent.index], let resource = parentTemplate.resource(parent.logicalId) else {
                        templates[index] = nil
                        continue
                    }
                    context = parentTemplate.context
                    context.stackName = nil
                    context.parameters = Self.nestedParameters(resource)
                    context.unknownParameters = []
                } else {
                    context = contexts[topLevel]
                    topLevel += 1
                    guard pending.contains(index) else { continue }
                }
                context.scope = units.count > 1 ? unit.scope : nil
                context.exports = exports
                context.nestedStackOutputs = [:]
                for child in children[index] ?? [] {
                    if let outputs = templates[child.child]?.outputs { context.nestedStackOutputs[child.logicalId] = outputs }
                }
                do {
                    templates[index] = try CloudFormationTemplate.load(document: unit.document, byteCount: unit.byteCount, file: unit.source.name, context: context)
                } catch {
                    diagnostics += error.diagnostics
                }
            }
            if !diagnostics.isEmpty { throw DiagnosticError(diagnostics) }
            let updated = Self.exports(of: templates.compactMap { $0 })
            let changed = Set(updated.keys).union(exports.keys).filter { updated[$0] != exports[$0] }
            exports = updated
            pending = Set(units.indices.filter { index in templates[index].map { !$0.importedNames.isDisjoint(with: changed) } ?? false })
            for (parent, nested) in children {
                for child in nested where templates[child.child]?.outputs != outputsBefore[child.child]
                    && templates[parent]?.nestedStacksRead.contains(child.logicalId) == true {
                    pending.insert(parent)
                }
            }
            round += 1
        }
        try Self.checkParameters(parameters, declaredBy: zip(units, templates).compactMap { $0.parent == nil ? $1 : nil })
        return zip(units, templates).compactMap { unit, template in template.map { (unit, $0) } }
    }

    /// What every stack exports; a name two stacks export is left out, so its imports stay
    /// symbolic (CloudFormation refuses the second in one region, and which one is meant is not known).
    static func exports(of templates: [CloudFormationTemplate]) -> [String: String] {
        var values: [String: String] = [:]
        var repeated = Set<String>()
        for template in templates {
            for (name, value) in template.exports {
                if values.updateValue(value, forKey: name) != nil { repeated.insert(name) }
            }
        }
        for name in repeated { values[name] = nil }
        return values
    }

    /// The values a parent passes in its `AWS::CloudFormation::Stack` resource's `Parameters`,
    /// resolved in the parent; a list is passed comma-separated, as CloudFormation passes it.
    static func nestedParameters(_ resource: TemplateResource) -> [String: String] {
        var values: [String: String] = [:]
        for member in resource.properties["Parameters"]?.mapValue ?? [] {
            if let text = member.value.scalarText {
                values[member.key] = text
            } else if let items = member.value.listValue?.compactMap(\.scalarText) {
                values[member.key] = items.joined(separator: ",")
            }
        }
        return values
    }

    /// A top-level stack's context: its manifest's environment, which the one given must agree
    /// with where both are known, and its parameter values (the manifest's, then the user's).
    static func context(of unit: Unit, base: TemplateContext, parameters: [ParameterValue]) throws(DiagnosticError) -> TemplateContext {
        var context = base
        if let stack = unit.environment {
            var problems: [Diagnostic] = []
            func agree(_ synthesized: String?, _ given: String?, _ noun: String) -> String? {
                guard let synthesized else { return given }
                if let given, given != synthesized {
                    problems.append(Diagnostic(
                        severity: .error, code: "assembly.environment-mismatch",
                        message: "stack `\(stack.id)` is synthesized for \(noun) `\(synthesized)`, not `\(given)` as given",
                        file: stack.location.file, position: stack.location.position,
                        help: "CDK wrote the stack's \(noun) into its template; leave out the option, or give the stack's"))
                }
                return synthesized
            }
            context.account = agree(stack.account, base.account, "account")
            context.region = agree(stack.region, base.region, "region")
            _ = agree(stack.region.map(AWSPartition.named(forRegion:)), base.explicitPartition, "partition")
            if !problems.isEmpty { throw DiagnosticError(problems) }
            context.stackName = stack.stackName
            context.parameters = stack.parameters.merging(base.parameters) { $1 }
        }
        for value in parameters {
            if let text = value.value {
                context.parameters[value.key] = text
                context.unknownParameters.remove(value.key)
            } else {
                context.unknownParameters.insert(value.key)
            }
        }
        return context
    }

    /// Every parameter the user gives must be one a stack declares: a misspelt key would
    /// otherwise leave the `Default` in place unnoticed.
    static func checkParameters(_ parameters: [ParameterValue], declaredBy templates: [CloudFormationTemplate]) throws(DiagnosticError) {
        let declared = templates.reduce(into: Set<String>()) { $0.formUnion($1.parameterNames) }
        let unknown = parameters.filter { !declared.contains($0.key) }
        guard !unknown.isEmpty else { return }
        let help = declared.isEmpty ? "the templates declare no parameters"
            : "the templates declare " + declared.sorted().map { "`\($0)`" }.joined(separator: ", ")
        throw DiagnosticError(unknown.map { value in
            Diagnostic(severity: .error, code: "parameter.unknown", message: "no template declares parameter `\(value.key)`",
                       file: value.location.file, position: value.location.position, help: help)
        })
    }

    // MARK: Paths

    static func located<Value>(_ file: String, _ body: () throws(DiagnosticError) -> Value) throws(DiagnosticError) -> Value {
        do {
            return try body()
        } catch {
            throw error.located(in: file)
        }
    }

    /// The directory part of a path (`cdk.out` for `cdk.out/A.template.json`; empty for a bare name).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return path[..<slash].isEmpty ? "/" : String(path[..<slash])
    }

    static func fileName(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
    }

    /// `StackA` for `cdk.out/StackA.template.json`.
    static func stem(of path: String) -> String {
        let name = fileName(of: path)
        return name.split(separator: ".").first.map(String.init) ?? name
    }
}
