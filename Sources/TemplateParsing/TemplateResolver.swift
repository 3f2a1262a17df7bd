import PolicyModel

/// A template parameter as declared under `Parameters`.
struct TemplateParameter: Sendable {
    var name: String
    var type: String
    var defaultValue: TemplateNode?
    var position: SourcePosition

    /// `List<…>`, `CommaDelimitedList` and their SSM forms resolve to lists.
    var isList: Bool { type == "CommaDelimitedList" || type.contains("List<") }

    /// An SSM-typed parameter's `Default` is the name of an SSM parameter, not its value.
    var isSSM: Bool { type.hasPrefix("AWS::SSM::Parameter::Value<") }
}

/// Resolves intrinsic functions against a template's parameters, mappings, conditions and
/// resource identities. Errors are collected, not thrown, so one run reports them all; a failed
/// intrinsic yields `.failed`, which its callers pass on silently to avoid follow-on errors.
struct TemplateResolver {
    enum Resolved {
        case value(TemplateNode)
        /// `Ref AWS::NoValue`: the enclosing property or list item disappears.
        case noValue
        /// A list whose items are unknown until deployment (`Fn::GetAZs`, a list parameter
        /// without a value), named by a token.
        case symbolicList(String, SourcePosition)
        case failed
    }

    /// Kleene logic: a condition on an unsupplied region is neither true nor false.
    enum Truth: Sendable {
        case yes, no, unknown

        init(_ flag: Bool) { self = flag ? .yes : .no }

        static prefix func ! (value: Truth) -> Truth {
            switch value {
            case .yes: .no
            case .no: .yes
            case .unknown: .unknown
            }
        }
    }

    let context: TemplateContext
    let parameters: [String: TemplateParameter]
    let mappings: TemplateNode?
    let conditions: [String: TemplateMember]
    let resourceTypes: [String: String]
    var identities: [String: ResourceIdentity] = [:]
    private(set) var diagnostics: [Diagnostic] = []
    /// Conditions of `Fn::If`s that could not be decided and were taken as true, for the
    /// resource being resolved.
    var assumedConditions: Set<String> = []
    /// Export names `Fn::ImportValue` asked for, whether another stack of the analysis exports
    /// them or not.
    private(set) var importedNames: Set<String> = []
    /// Nested stacks (their resources' logical ids) whose outputs `Fn::GetAtt` read.
    private(set) var nestedStacksRead: Set<String> = []
    /// Each `Fn::ImportValue` token with the export name as written: token bodies replace the
    /// `:` CDK puts in export names, and writing the import back needs the name itself.
    private(set) var imports: [String: String] = [:]
    private var conditionValues: [String: Truth] = [:]
    private var conditionStack: [String] = []
    /// Bytes of text and nodes produced by intrinsics; joins over long parameter defaults could
    /// otherwise multiply the input's size.
    private let budget: Int
    private var spent = 0
    private var exhausted = false

    static let maximumConditionNesting = InputLimits.templateConditionNesting

    init(
        context: TemplateContext, parameters: [String: TemplateParameter], mappings: TemplateNode?,
        conditions: [String: TemplateMember], resourceTypes: [String: String], budget: Int
    ) {
        self.context = context
        self.parameters = parameters
        self.mappings = mappings
        self.conditions = conditions
        self.resourceTypes = resourceTypes
        self.budget = budget
    }

    // Condition state lives here because `TemplateResolver+Conditions.swift` cannot see
    // private members.
    func cachedCondition(_ name: String) -> Truth? { conditionValues[name] }
    mutating func storeCondition(_ name: String, _ value: Truth) { conditionValues[name] = value }
    func conditionStackIndex(of name: String) -> Int? { conditionStack.firstIndex(of: name) }
    func conditionStackSuffix(from index: Int) -> [String] { Array(conditionStack[index...]) }
    var conditionStackDepth: Int { conditionStack.count }
    mutating func pushCondition(_ name: String) { conditionStack.append(name) }
    mutating func popCondition() { conditionStack.removeLast() }

    // MARK: - Diagnostics and budget

    mutating func report(_ code: String, _ message: String, at position: SourcePosition, help: String? = nil) {
        diagnostics.append(TemplateError.diagnostic(code, message, at: position, help: help))
    }

    private mutating func fail(_ code: String, _ message: String, at position: SourcePosition, help: String? = nil) -> Resolved {
        report(code, message, at: position, help: help)
        return .failed
    }

    /// Charges `units` against the budget; false (and one error) once it is exceeded.
    private mutating func spend(_ units: Int, at position: SourcePosition) -> Bool {
        spent += units
        if spent > budget, !exhausted {
            exhausted = true
            report("template.too-large", "resolved values exceed the size limit of \(budget) bytes", at: position)
        }
        return !exhausted
    }

    // MARK: - Values

    static func isIntrinsic(_ key: String) -> Bool {
        key == "Ref" || key.hasPrefix("Fn::")
    }

    /// Resolves every intrinsic in `node`.
    mutating func resolve(_ node: TemplateNode) -> Resolved {
        if exhausted { return .failed }
        switch node.value {
        case .map(let members):
            if members.count == 1, Self.isIntrinsic(members[0].key) {
                return intrinsic(members[0], at: node.position)
            }
            var resolved: [TemplateMember] = []
            resolved.reserveCapacity(members.count)
            for member in members {
                guard let value = materialize(resolve(member.value), at: member.value.position) else { continue }
                resolved.append(TemplateMember(key: member.key, keyPosition: member.keyPosition, value: value))
            }
            return .value(TemplateNode(.map(resolved), position: node.position))
        case .list(let items):
            var resolved: [TemplateNode] = []
            resolved.reserveCapacity(items.count)
            for item in items {
                if let value = materialize(resolve(item), at: item.position) { resolved.append(value) }
            }
            return .value(TemplateNode(.list(resolved), position: node.position))
        default:
            return .value(node)
        }
    }

    /// A resolved value as a node: nil for `AWS::NoValue`; a failure becomes null (the load
    /// throws anyway); a symbolic list becomes a one-item list holding its token.
    func materialize(_ resolved: Resolved, at position: SourcePosition) -> TemplateNode? {
        switch resolved {
        case .value(let node): node
        case .noValue: nil
        case .symbolicList(let token, let tokenPosition):
            TemplateNode(.list([TemplateNode(.string(token), position: tokenPosition)]), position: tokenPosition)
        case .failed: TemplateNode(.null, position: position)
        }
    }

    /// The text of a scalar result; nil after reporting when it is not one (or already failed).
    private mutating func text(_ resolved: Resolved, for function: String, what: String, at position: SourcePosition) -> String? {
        switch resolved {
        case .value(let node):
            if let text = node.scalarText { return text }
            report("template.invalid-intrinsic", "\(what) of `\(function)` must be a string, found \(node.typeName)", at: node.position)
            return nil
        case .symbolicList(let token, _):
            // An unknown list used as a string: the token stands for it.
            return token
        case .noValue:
            report("template.invalid-intrinsic", "\(what) of `\(function)` must be a string, found `AWS::NoValue`", at: position)
            return nil
        case .failed:
            return nil
        }
    }

    private func string(_ text: String, at position: SourcePosition) -> Resolved {
        .value(TemplateNode(.string(text), position: position))
    }

    // MARK: - Intrinsic functions

    private mutating func intrinsic(_ member: TemplateMember, at position: SourcePosition) -> Resolved {
        let argument = member.value
        switch member.key {
        case "Ref": return ref(argument, at: position, keyPosition: member.keyPosition)
        case "Fn::GetAtt": return getAtt(argument, at: position, keyPosition: member.keyPosition)
        case "Fn::Join": return join(argument, at: position, keyPosition: member.keyPosition)
        case "Fn::Sub": return sub(argument, at: position, keyPosition: member.keyPosition)
        case "Fn::Select": return select(argument, at: position, keyPosition: member.keyPosition)
        case "Fn::Split": return split(argument, at: position, keyPosition: member.keyPosition)
        case "Fn::If": return ifFunction(argument, at: position, keyPosition: member.keyPosition)
        case "Fn::ImportValue":
            guard let name = text(resolve(argument), for: "Fn::ImportValue", what: "the export name", at: position) else { return .failed }
            importedNames.insert(name)
            // Another stack of the analysis exports it (CDK: `Stack:ExportsOutputRef…`).
            if let value = context.exports[name] { return string(value, at: position) }
            let token = SymbolToken.make("ImportValue.\(name)")
            imports[token] = name
            return string(token, at: position)
        case "Fn::FindInMap": return findInMap(argument, at: position, keyPosition: member.keyPosition)
        case "Fn::Base64":
            guard let text = text(resolve(argument), for: "Fn::Base64", what: "the argument", at: position) else { return .failed }
            if SymbolToken.containsToken(text) { return string(SymbolToken.make("Base64.\(SymbolToken.stableHash(text))"), at: position) }
            return string(Base64.encode(Array(text.utf8)), at: position)
        case "Fn::GetAZs":
            let resolved = resolve(argument)
            let region: String
            if case .value(let node) = resolved, node.isNull {
                region = ""
            } else {
                guard let text = text(resolved, for: "Fn::GetAZs", what: "the region", at: position) else { return .failed }
                region = text
            }
            let effective = region.isEmpty ? (context.region ?? SymbolToken.make("AWS.Region")) : region
            return .symbolicList(SymbolToken.make("GetAZs.\(effective)"), position)
        case "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or":
            // Condition functions used as a value: a boolean, or a token when undecided.
            switch evaluateCondition(TemplateNode(.map([member]), position: position)) {
            case .yes: return .value(TemplateNode(.bool(true), position: position))
            case .no: return .value(TemplateNode(.bool(false), position: position))
            case .unknown:
                return string(SymbolToken.make("Condition.\(SymbolToken.stableHash(TemplateNode(.map([member])).jsonText()))"), at: position)
            }
        case "Fn::Length":
            switch resolve(argument) {
            case .value(let node):
                guard let items = node.listValue else {
                    return fail("template.invalid-intrinsic", "`Fn::Length` takes a list, found \(node.typeName)", at: node.position)
                }
                return .value(TemplateNode(.number(String(items.count)), position: position))
            case .symbolicList(let token, _):
                return string(SymbolToken.make("Length.\(token)"), at: position)
            case .noValue, .failed:
                return .failed
            }
        case "Fn::ToJsonString":
            guard let node = materialize(resolve(argument), at: argument.position) else {
                return fail("template.invalid-intrinsic", "`Fn::ToJsonString` needs a value", at: member.keyPosition)
            }
            let json = node.jsonText()
            guard spend(json.utf8.count, at: position) else { return .failed }
            return string(json, at: position)
        case "Fn::Cidr":
            guard let node = materialize(resolve(argument), at: argument.position) else { return .failed }
            return .symbolicList(SymbolToken.make("Cidr.\(SymbolToken.stableHash(node.jsonText()))"), position)
        case "Fn::Transform":
            // Macros run in CloudFormation; their output is unknown here.
            let name = argument["Name"]?.stringValue ?? "Transform"
            return string(SymbolToken.make("Transform.\(name)"), at: position)
        default:
            return fail("template.unknown-intrinsic", "unknown intrinsic function `\(member.key)`", at: member.keyPosition,
                        help: "CloudFormation supports `Ref`, `Fn::GetAtt`, `Fn::Join`, `Fn::Sub`, `Fn::Select`, `Fn::Split`, `Fn::If`, `Fn::ImportValue`, `Fn::FindInMap`, `Fn::Base64`, `Fn::GetAZs` and a few others")
        }
    }

    // MARK: Ref, GetAtt, pseudo parameters

    /// The value of a pseudo parameter (`AWS::Region`), or nil when `name` is not one.
    func pseudoParameter(_ name: String, at position: SourcePosition) -> Resolved? {
        func known(_ value: String?, _ body: String) -> Resolved {
            .value(TemplateNode(.string(value ?? SymbolToken.make(body)), position: position))
        }
        switch name {
        case "AWS::AccountId": return known(context.account, "AWS.AccountId")
        case "AWS::Region": return known(context.region, "AWS.Region")
        case "AWS::Partition": return known(context.partition, "AWS.Partition")
        case "AWS::URLSuffix": return known(context.urlSuffix, "AWS.URLSuffix")
        // Each stack of several has its own name and id.
        case "AWS::StackName": return known(context.stackName, context.scope.map { "\($0)/AWS.StackName" } ?? "AWS.StackName")
        // A stack id holds a generated UUID, so it stays symbolic even with a full context.
        case "AWS::StackId": return known(nil, context.scope.map { "\($0)/AWS.StackId" } ?? "AWS.StackId")
        case "AWS::NotificationARNs": return .symbolicList(SymbolToken.make("AWS.NotificationARNs"), position)
        case "AWS::NoValue": return .noValue
        default: return nil
        }
    }

    private mutating func ref(_ argument: TemplateNode, at position: SourcePosition, keyPosition: SourcePosition) -> Resolved {
        guard let name = argument.stringValue else {
            return fail("template.invalid-intrinsic", "`Ref` takes a logical id or parameter name, found \(argument.typeName)", at: argument.position)
        }
        if let pseudo = pseudoParameter(name, at: position) { return pseudo }
        if let parameter = parameters[name] { return parameterValue(parameter, at: position) }
        if resourceTypes[name] != nil { return string(identity(of: name).ref, at: position) }
        return fail("template.unknown-reference", "`Ref` to `\(name)`, which is not a parameter, resource or pseudo parameter", at: argument.position)
    }

    mutating func parameterValue(_ parameter: TemplateParameter, at position: SourcePosition) -> Resolved {
        var value = context.parameters[parameter.name]
        if value == nil, !parameter.isSSM { value = parameter.defaultValue?.scalarText }
        if context.unknownParameters.contains(parameter.name) { value = nil }
        let token = SymbolToken.resource(context.label(of: parameter.name))
        if parameter.isList {
            guard let value else { return .symbolicList(token, position) }
            guard spend(value.utf8.count, at: position) else { return .failed }
            let items = value.split(separator: ",", omittingEmptySubsequences: false).map {
                TemplateNode(.string(String($0.trimmingSpaces)), position: position)
            }
            return .value(TemplateNode(.list(items), position: position))
        }
        guard let value else { return string(token, at: position) }
        guard spend(value.utf8.count, at: position) else { return .failed }
        return string(value, at: position)
    }

    /// The identity of a resource; before it is computed (only inside a reported cycle), the
    /// plain tokens.
    func identity(of logicalId: String) -> ResourceIdentity {
        identities[logicalId] ?? ResourceIdentity(ref: SymbolToken.resource(context.label(of: logicalId)), arn: nil, attributes: [:])
    }

    mutating func attribute(_ name: String, of logicalId: String) -> String {
        let identity = identity(of: logicalId)
        if let value = identity.attributes[name] { return value }
        if name == "Arn", let arn = identity.arn { return arn }
        // A nested stack's output, when the nested stack is loaded with this one (CDK's
        // references from a parent into its nested stack).
        if name.hasPrefix("Outputs."), resourceTypes[logicalId] == "AWS::CloudFormation::Stack" {
            nestedStacksRead.insert(logicalId)
            if let value = context.nestedStackOutputs[logicalId]?[String(name.dropFirst(8))] { return value }
        }
        return SymbolToken.resource(context.label(of: logicalId), attribute: name)
    }

    private mutating func getAtt(_ argument: TemplateNode, at position: SourcePosition, keyPosition: SourcePosition) -> Resolved {
        let logicalId: String
        let attributeName: String
        if let text = argument.stringValue, let dot = text.firstIndex(of: ".") {
            logicalId = String(text[..<dot])
            attributeName = String(text[text.index(after: dot)...])
        } else if let items = argument.listValue, items.count == 2, let name = items[0].stringValue {
            logicalId = name
            // The attribute name may itself be an intrinsic (a `Ref` to a parameter).
            guard let attribute = text(resolve(items[1]), for: "Fn::GetAtt", what: "the attribute name", at: items[1].position) else { return .failed }
            attributeName = attribute
        } else {
            return fail("template.invalid-intrinsic", "`Fn::GetAtt` takes a list of a logical id and an attribute name", at: keyPosition)
        }
        guard resourceTypes[logicalId] != nil else {
            return fail("template.unknown-reference", "`Fn::GetAtt` names `\(logicalId)`, which is not a resource", at: argument.position)
        }
        return string(attribute(attributeName, of: logicalId), at: position)
    }

    // MARK: Join, Sub, Select, Split

    private mutating func join(_ argument: TemplateNode, at position: SourcePosition, keyPosition: SourcePosition) -> Resolved {
        guard let arguments = argument.listValue, arguments.count == 2 else {
            return fail("template.invalid-intrinsic", "`Fn::Join` takes a list of a delimiter and a list of values", at: keyPosition)
        }
        guard let delimiter = text(resolve(arguments[0]), for: "Fn::Join", what: "the delimiter", at: arguments[0].position) else { return .failed }
        // A literal list is resolved item by item, so a failed item does not cause a second error.
        let items: [Resolved]
        if let literal = arguments[1].listValue {
            items = literal.map { resolve($0) }
        } else {
            switch resolve(arguments[1]) {
            case .value(let node):
                guard let list = node.listValue else {
                    return fail("template.invalid-intrinsic", "the values of `Fn::Join` must be a list, found \(node.typeName)", at: node.position)
                }
                items = list.map { .value($0) }
            case .symbolicList(let token, _):
                return string(token, at: position)
            case .noValue:
                return fail("template.invalid-intrinsic", "the values of `Fn::Join` must be a list, found `AWS::NoValue`", at: arguments[1].position)
            case .failed:
                return .failed
            }
        }
        var pieces: [String] = []
        pieces.reserveCapacity(items.count)
        var failed = false
        for item in items {
            switch item {
            case .value(let node):
                guard let piece = node.scalarText else {
                    report("template.invalid-intrinsic", "the values of `Fn::Join` must be strings, found \(node.typeName)", at: node.position)
                    failed = true
                    continue
                }
                pieces.append(piece)
            case .symbolicList(let token, _):
                pieces.append(token)
            case .noValue:
                continue
            case .failed:
                failed = true
            }
        }
        if failed { return .failed }
        let joined = pieces.joined(separator: delimiter)
        guard spend(joined.utf8.count, at: position) else { return .failed }
        return string(joined, at: position)
    }

    private mutating func sub(_ argument: TemplateNode, at position: SourcePosition, keyPosition: SourcePosition) -> Resolved {
        let template: String
        var variables: [String: Resolved] = [:]
        if let text = argument.stringValue {
            template = text
        } else if let items = argument.listValue, items.count == 2, let text = items[0].stringValue, let members = items[1].mapValue {
            template = text
            for member in members {
                variables[member.key] = resolve(member.value)
            }
        } else {
            return fail("template.invalid-intrinsic", "`Fn::Sub` takes a string, or a list of a string and a map of variables", at: keyPosition)
        }
        var output = ""
        var failed = false
        for part in SubTemplate.parts(template) {
            switch part {
            case .text(let text):
                output += text
            case .reference(let name):
                if let value = subVariable(name, variables: variables, at: argument.position) {
                    output += value
                } else {
                    failed = true
                }
            }
        }
        if failed { return .failed }
        guard spend(output.utf8.count, at: position) else { return .failed }
        return string(output, at: position)
    }

    private mutating func subVariable(_ name: String, variables: [String: Resolved], at position: SourcePosition) -> String? {
        if let value = variables[name] {
            return text(value, for: "Fn::Sub", what: "variable `\(name)`", at: position)
        }
        if name.hasPrefix("AWS::") {
            switch pseudoParameter(name, at: position) {
            case .value(let node)?: return node.stringValue
            case .symbolicList(let token, _)?: return token
            case .noValue?, .failed?, nil:
                report("template.unknown-reference", "`Fn::Sub` refers to `\(name)`, which is not a pseudo parameter usable in a string", at: position)
                return nil
            }
        }
        if let dot = name.firstIndex(of: "."), resourceTypes[String(name[..<dot])] != nil {
            return attribute(String(name[name.index(after: dot)...]), of: String(name[..<dot]))
        }
        if let parameter = parameters[name] {
            if parameter.isList {
                report("template.invalid-intrinsic", "list parameter `\(name)` cannot be used in `Fn::Sub`", at: position)
                return nil
            }
            return text(parameterValue(parameter, at: position), for: "Fn::Sub", what: "parameter `\(name)`", at: position)
        }
        if resourceTypes[name] != nil { return identity(of: name).ref }
        report("template.unknown-reference", "`Fn::Sub` refers to `\(name)`, which is not a parameter, resource or variable", at: position)
        return nil
    }

    private mutating func select(_ argument: TemplateNode, at position: SourcePosition, keyPosition: SourcePosition) -> Resolved {
        guard let arguments = argument.listValue, arguments.count == 2 else {
            return fail("template.invalid-intrinsic", "`Fn::Select` takes a list of an index and a list", at: keyPosition)
        }
        guard let indexText = text(resolve(arguments[0]), for: "Fn::Select", what: "the index", at: arguments[0].position) else { return .failed }
        let list = resolve(arguments[1])
        guard let index = Int(indexText), index >= 0 else {
            if SymbolToken.containsToken(indexText) {
                return string(SymbolToken.make("Select.\(indexText)"), at: position)
            }
            return fail("template.invalid-intrinsic", "the index of `Fn::Select` must be a non-negative integer, found `\(indexText)`", at: arguments[0].position)
        }
        switch list {
        case .value(let node):
            guard let items = node.listValue else {
                return fail("template.invalid-intrinsic", "`Fn::Select` takes a list, found \(node.typeName)", at: node.position)
            }
            guard index < items.count else {
                return fail("template.invalid-intrinsic", "index \(index) of `Fn::Select` is out of range for a list of \(items.count)", at: arguments[0].position)
            }
            return .value(items[index])
        case .symbolicList(let token, _):
            return string(SymbolToken.make("\(SymbolToken.body(of: token) ?? token).\(index)"), at: position)
        case .noValue:
            return fail("template.invalid-intrinsic", "`Fn::Select` takes a list, found `AWS::NoValue`", at: arguments[1].position)
        case .failed:
            return .failed
        }
    }

    private mutating func split(_ argument: TemplateNode, at position: SourcePosition, keyPosition: SourcePosition) -> Resolved {
        guard let arguments = argument.listValue, arguments.count == 2 else {
            return fail("template.invalid-intrinsic", "`Fn::Split` takes a list of a delimiter and a string", at: keyPosition)
        }
        guard let delimiter = text(resolve(arguments[0]), for: "Fn::Split", what: "the delimiter", at: arguments[0].position) else { return .failed }
        guard !delimiter.isEmpty else {
            return fail("template.invalid-intrinsic", "the delimiter of `Fn::Split` must not be empty", at: arguments[0].position)
        }
        guard let source = text(resolve(arguments[1]), for: "Fn::Split", what: "the source", at: arguments[1].position) else { return .failed }
        let parts = Self.split(source, by: delimiter)
        guard spend(parts.count * 32, at: position) else { return .failed }
        return .value(TemplateNode(.list(parts.map { TemplateNode(.string($0), position: position) }), position: position))
    }

    /// Splits at `delimiter`, never inside a token: a token stands for one unknown value, which
    /// is assumed not to contain the delimiter (it sits within one ARN segment).
    static func split(_ text: String, by delimiter: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var insideToken = false
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == SymbolToken.open { insideToken = true }
            if character == SymbolToken.close { insideToken = false }
            if !insideToken, text[index...].hasPrefix(delimiter) {
                parts.append(current)
                current = ""
                index = text.index(index, offsetBy: delimiter.count)
                continue
            }
            current.append(character)
            index = text.index(after: index)
        }
        parts.append(current)
        return parts
    }

    // MARK: If, FindInMap

    private mutating func ifFunction(_ argument: TemplateNode, at position: SourcePosition, keyPosition: SourcePosition) -> Resolved {
        guard let arguments = argument.listValue, arguments.count == 3, let name = arguments[0].stringValue else {
            return fail("template.invalid-intrinsic", "`Fn::If` takes a list of a condition name and two values", at: keyPosition)
        }
        guard conditions[name] != nil else {
            return fail("template.unknown-condition", "`Fn::If` names condition `\(name)`, which is not defined", at: arguments[0].position)
        }
        switch condition(named: name, at: arguments[0].position) {
        case .yes: return resolve(arguments[1])
        case .no: return resolve(arguments[2])
        case .unknown:
            // Undecided (it depends on an unsupplied region, say): the true branch is taken and
            // the assumption recorded on the resource.
            assumedConditions.insert(name)
            return resolve(arguments[1])
        }
    }

    private mutating func findInMap(_ argument: TemplateNode, at position: SourcePosition, keyPosition: SourcePosition) -> Resolved {
        guard let arguments = argument.listValue, arguments.count == 3 || arguments.count == 4 else {
            return fail("template.invalid-intrinsic", "`Fn::FindInMap` takes a list of a map name and two keys", at: keyPosition)
        }
        var keys: [String] = []
        for (index, item) in arguments.prefix(3).enumerated() {
            let what = ["the map name", "the top-level key", "the second-level key"][index]
            guard let key = text(resolve(item), for: "Fn::FindInMap", what: what, at: item.position) else { return .failed }
            keys.append(key)
        }
        // The fourth item is the `DefaultValue` of the language extensions.
        let defaultValue = arguments.count == 4 ? arguments[3]["DefaultValue"] : nil
        guard let map = mappings?[keys[0]] else {
            return fail("template.unknown-mapping", "`Fn::FindInMap` names mapping `\(keys[0])`, which is not defined", at: arguments[0].position)
        }
        if keys.contains(where: SymbolToken.containsToken) {
            return string(SymbolToken.make("FindInMap.\(keys.joined(separator: "."))"), at: position)
        }
        guard let value = map[keys[1]]?[keys[2]] else {
            if let defaultValue { return resolve(defaultValue) }
            return fail("template.unknown-mapping-key", "mapping `\(keys[0])` has no entry `\(keys[1])`.`\(keys[2])`", at: arguments[1].position)
        }
        var result = value
        result.position = position
        return .value(result)
    }
}
