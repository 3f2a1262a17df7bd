import PolicyModel
import ServiceCatalog

/// The AWS SAM transform (`Transform: AWS::Serverless-2016-10-31`), applied to the parsed template
/// before its intrinsics are resolved, as CloudFormation applies it before it creates anything.
/// It follows SAM's documented translation (the "Generated AWS CloudFormation resources" pages of
/// the SAM developer guide, and samtranslator's `sam_resources.py` and `role_constructor.py`):
///
/// - `AWS::Serverless::Function` becomes an `AWS::Lambda::Function` of the same logical id and,
///   unless it names a `Role`, an `AWS::IAM::Role` `<LogicalId>Role` that Lambda may assume, with
///   `AWSLambdaBasicExecutionRole` (`AWSXrayWriteOnlyAccess` with `Tracing`,
///   `AWSLambdaVPCAccessExecutionRole` with `VpcConfig`, the pull event sources' execution roles),
///   a `DeadLetterQueuePolicy`, and its `Policies`: inline documents and expanded policy templates
///   as `<LogicalId>RolePolicy<index>`, managed policy names turned into ARNs, ARNs and
///   intrinsics as written; `Fn::If` around any of them kept.
/// - `AWS::Serverless::StateMachine` becomes an `AWS::StepFunctions::StateMachine` and, unless it
///   names a `Role`, `<LogicalId>Role` that Step Functions may assume, with its `Policies` placed as
///   a function's are.
/// - `AWS::Serverless::SimpleTable` becomes an `AWS::DynamoDB::Table` of the same logical id.
/// - `AWS::Serverless::Api` becomes an `AWS::ApiGateway::RestApi` of the same logical id (SAM
///   creates no role for an API).
///
/// `Globals` are merged first (maps key by key, lists appended to, anything else the resource's
/// own). What SAM would reject is an error; what it accepts but this reading does not expand
/// (other serverless types, event sources that are not pull sources, deployment preferences, ...)
/// is a warning at its position, and stays out of the analysis.
struct SAMTransform {
    static let name = "AWS::Serverless-2016-10-31"

    let partition: String?
    private(set) var diagnostics: [Diagnostic] = []
    /// Logical ids the template already has, so a generated one cannot take one of them.
    private var takenIds: Set<String> = []

    init(partition: String?) {
        self.partition = partition
    }

    /// The template with its serverless resources expanded, and what the expansion has to say;
    /// the template itself when it does not name the transform.
    static func expand(_ root: TemplateNode, partition: String?) -> (root: TemplateNode, diagnostics: [Diagnostic]) {
        guard LogicalID.transforms(of: root).contains(name), var members = root.mapValue,
              let index = members.firstIndex(where: { $0.key == "Resources" }), let resources = members[index].value.mapValue else {
            return (root, [])
        }
        var transform = SAMTransform(partition: partition)
        transform.takenIds = Set(resources.map(\.key))
        let globals = root["Globals"]
        var expanded: [TemplateMember] = []
        for member in resources {
            expanded += transform.expand(member, globals: globals)
        }
        members[index].value = TemplateNode(.map(expanded), position: members[index].value.position)
        return (TemplateNode(.map(members), position: root.position), transform.diagnostics)
    }

    // MARK: Resources

    private mutating func expand(_ member: TemplateMember, globals: TemplateNode?) -> [TemplateMember] {
        guard let type = member.value["Type"]?.stringValue, type.hasPrefix("AWS::Serverless::") else { return [member] }
        let section = String(type.dropFirst("AWS::Serverless::".count))
        var properties = TemplateNode(.map([]), position: member.keyPosition)
        if let declared = member.value["Properties"], !declared.isNull {
            guard declared.mapValue != nil else {
                error("`Properties` of `\(member.key)` must be an object, found \(declared.typeName)", at: declared.position)
                return []
            }
            properties = declared
        }
        if let global = globals?[section] {
            properties = Self.merge(global: global, local: properties)
        }
        let resource = Resource(member: member, properties: properties)
        switch type {
        case "AWS::Serverless::Function": return function(resource)
        case "AWS::Serverless::StateMachine": return stateMachine(resource)
        case "AWS::Serverless::SimpleTable": return [simpleTable(resource)]
        case "AWS::Serverless::Api": return [api(resource)]
        default:
            warn("`\(type)` `\(member.key)` is not expanded: the resources and permissions SAM creates for it are not in the analysis",
                 at: member.keyPosition)
            return [member]
        }
    }

    /// A serverless resource with its `Globals` merged in.
    private struct Resource {
        var member: TemplateMember
        var properties: TemplateNode
        var id: String { member.key }
        var position: SourcePosition { member.keyPosition }
        /// `Condition`, which SAM passes to every resource it generates.
        var condition: TemplateNode? { member.value["Condition"] }
        var dependsOn: TemplateNode? { member.value["DependsOn"] }
    }

    private func resource(_ id: String, _ type: String, at position: SourcePosition, properties: [(String, TemplateNode)],
                          condition: TemplateNode?, dependsOn: TemplateNode? = nil) -> TemplateMember {
        var attributes: [(String, TemplateNode)] = [("Type", .text(type, at: position))]
        if let condition { attributes.append(("Condition", condition)) }
        if let dependsOn { attributes.append(("DependsOn", dependsOn)) }
        attributes.append(("Properties", .object(properties, at: position)))
        return TemplateMember(key: id, keyPosition: position, value: .object(attributes, at: position))
    }

    /// A logical id SAM generates, unless the template has it already (SAM refuses that).
    private mutating func generatedId(_ id: String, for resource: Resource) -> String? {
        guard takenIds.insert(id).inserted else {
            error("the SAM transform of `\(resource.id)` creates a resource `\(id)`, but the template already has a resource of that id",
                  at: resource.position)
            return nil
        }
        return id
    }

    // MARK: AWS::Serverless::Function

    private mutating func function(_ resource: Resource) -> [TemplateMember] {
        let properties = resource.properties
        let position = resource.position
        var output: [TemplateMember] = []
        let roleArn = role(of: resource, "function", into: &output) { transform, id in transform.functionRole(for: resource, id: id) }
        var lambda: [(String, TemplateNode)] = []
        for key in ["FunctionName", "Description", "Handler", "Runtime", "Timeout", "MemorySize", "Environment", "VpcConfig", "KmsKeyArn"] {
            if let value = properties[key] { lambda.append((key, value)) }
        }
        if let roleArn { lambda.append(("Role", roleArn)) }
        output.insert(self.resource(resource.id, "AWS::Lambda::Function", at: position, properties: lambda,
                                    condition: resource.condition, dependsOn: resource.dependsOn), at: 0)
        output += events(of: resource)
        for key in ["DeploymentPreference", "FunctionUrlConfig", "Connectors"] {
            if let member = properties.member(key) {
                warn("`\(key)` of `\(resource.id)` is not expanded: the resources and permissions SAM creates for it are not in the analysis",
                     at: member.keyPosition)
            }
        }
        if let destinations = properties["EventInvokeConfig"]?.member("DestinationConfig") {
            warn("`EventInvokeConfig.DestinationConfig` of `\(resource.id)` is not expanded: the permissions SAM gives its role for the destinations are not in the analysis",
                 at: destinations.keyPosition)
        }
        return output
    }

    /// The resource's `Role`; without one, the ARN of `<LogicalId>Role`, which `build` makes and
    /// `output` receives (SAM creates no role, and applies no `Policies`, when `Role` is given).
    private mutating func role(
        of resource: Resource, _ noun: String, into output: inout [TemplateMember], build: (inout SAMTransform, String) -> TemplateMember
    ) -> TemplateNode? {
        if let named = resource.properties["Role"] {
            if let policies = resource.properties.member("Policies") {
                warn("`Policies` of `\(resource.id)` is not applied: the \(noun) names its `Role`, so SAM creates no role to attach them to",
                     at: policies.keyPosition)
            }
            return named
        }
        guard let id = generatedId("\(resource.id)Role", for: resource) else { return nil }
        output.append(build(&self, id))
        let position = resource.position
        return .intrinsic("Fn::GetAtt", .list([.text(id, at: position), .text("Arn", at: position)], at: position), at: position)
    }

    /// The function's role: SAM's managed policies for Lambda, the dead-letter queue's policy,
    /// then the `Policies`, then the pull event sources' managed policies.
    private mutating func functionRole(for resource: Resource, id: String) -> TemplateMember {
        let properties = resource.properties
        let position = resource.position
        var managed: [TemplateNode] = [awsManagedPolicy("service-role/AWSLambdaBasicExecutionRole", at: position)]
        if properties["Tracing"].map(Self.isSet) == true { managed.append(awsManagedPolicy("AWSXrayWriteOnlyAccess", at: position)) }
        if properties["VpcConfig"].map(Self.isSet) == true {
            managed.append(awsManagedPolicy("service-role/AWSLambdaVPCAccessExecutionRole", at: position))
        }
        var inline: [TemplateNode] = []
        if let queue = properties["DeadLetterQueue"] {
            let action = ["SQS": "sqs:SendMessage", "SNS": "sns:Publish"][queue["Type"]?.stringValue ?? ""]
            if let action, let target = queue["TargetArn"] {
                let at = queue.position
                inline.append(.object([
                    ("PolicyName", .text("DeadLetterQueuePolicy", at: at)),
                    ("PolicyDocument", .object([
                        ("Version", .text("2012-10-17", at: at)),
                        ("Statement", .list([.object([("Action", .text(action, at: at)), ("Resource", target), ("Effect", .text("Allow", at: at))], at: at)], at: at)),
                    ], at: at)),
                ], at: at))
            } else {
                warn("`DeadLetterQueue` of `\(resource.id)` is not expanded: it needs `Type` SQS or SNS and a `TargetArn`", at: queue.position)
            }
        }
        return executionRole(for: resource, id: id, service: "lambda.amazonaws.com", managed: managed, inline: inline,
                             appended: pullEventPolicies(of: resource))
    }

    /// `<LogicalId>Role` as SAM's `construct_role_for_resource` builds it: the service's trust (or
    /// `AssumeRolePolicyDocument`), the managed and inline policies SAM adds, the `Policies` in
    /// order, then `appended` managed policies; `PermissionsBoundary` and `RolePath`.
    private mutating func executionRole(
        for resource: Resource, id: String, service: String, managed: [TemplateNode], inline: [TemplateNode], appended: [TemplateNode]
    ) -> TemplateMember {
        let properties = resource.properties
        let position = resource.position
        var managed = managed
        var inline = inline
        let policies = properties["Policies"].map { $0.listValue ?? [$0] } ?? []
        for (index, policy) in policies.enumerated() where !policy.isNull {
            place(policy, index: index, role: id, owner: resource.id, managed: &managed, inline: &inline)
        }
        for arn in appended { Self.appendUnique(arn, to: &managed) }
        var role: [(String, TemplateNode)] = [
            ("AssumeRolePolicyDocument", properties["AssumeRolePolicyDocument"] ?? Self.trust(service, at: position)),
        ]
        if !managed.isEmpty { role.append(("ManagedPolicyArns", .list(managed, at: position))) }
        if !inline.isEmpty { role.append(("Policies", .list(inline, at: position))) }
        if let boundary = properties["PermissionsBoundary"] { role.append(("PermissionsBoundary", boundary)) }
        if let path = properties["RolePath"] { role.append(("Path", path)) }
        return self.resource(id, "AWS::IAM::Role", at: position, properties: role, condition: resource.condition)
    }

    // MARK: AWS::Serverless::StateMachine

    /// An `AWS::StepFunctions::StateMachine` of the same logical id and, unless it names a
    /// `Role`, the role `<LogicalId>Role` that Step Functions may assume, with its `Policies`.
    private mutating func stateMachine(_ resource: Resource) -> [TemplateMember] {
        let properties = resource.properties
        let position = resource.position
        var output: [TemplateMember] = []
        let roleArn = role(of: resource, "state machine", into: &output) { transform, id in
            transform.executionRole(for: resource, id: id, service: "states.amazonaws.com", managed: [], inline: [], appended: [])
        }
        var machine: [(String, TemplateNode)] = []
        if let name = properties["Name"] { machine.append(("StateMachineName", name)) }
        if let roleArn { machine.append(("RoleArn", roleArn)) }
        output.insert(self.resource(resource.id, "AWS::StepFunctions::StateMachine", at: position, properties: machine,
                                    condition: resource.condition, dependsOn: resource.dependsOn), at: 0)
        for key in ["Events", "Connectors"] {
            if let member = properties.member(key) {
                warn("`\(key)` of `\(resource.id)` is not expanded: the resources and permissions SAM creates for it are not in the analysis",
                     at: member.keyPosition)
            }
        }
        return output
    }

    /// One entry of `Policies`, placed where SAM places it.
    private mutating func place(
        _ policy: TemplateNode, index: Int, role: String, owner function: String, managed: inout [TemplateNode], inline: inout [TemplateNode]
    ) {
        let policyName = TemplateNode.text("\(role)Policy\(index)", at: policy.position)
        switch classify(policy, function: function, index: index) {
        case .document(let document):
            inline.append(.object([("PolicyName", policyName), ("PolicyDocument", document)], at: policy.position))
        case .managed(let arn):
            Self.appendUnique(arn, to: &managed)
        case .conditional(let condition, let branches, let isManaged):
            if isManaged {
                Self.appendUnique(policy, to: &managed)
                return
            }
            let named = branches.map { branch in
                branch.isNoValue ? branch : TemplateNode.object([("PolicyName", policyName), ("PolicyDocument", branch)], at: branch.position)
            }
            inline.append(.intrinsic("Fn::If", .list([condition] + named, at: policy.position), at: policy.position))
        case .unexpanded(let reason):
            warn("policy \(index) of `\(function)` is not expanded: \(reason); the role takes part as holding a policy whose statements are unknown",
                 at: policy.position)
            // A managed policy ARN no input holds: every decision it could change is unknown.
            Self.appendUnique(.text(SymbolToken.make("SAM.\(function).Policies.\(index)"), at: policy.position), to: &managed)
        case .rejected:
            break
        }
    }

    private enum PolicyEntry {
        case document(TemplateNode)
        case managed(TemplateNode)
        /// `Fn::If` whose branches are documents (each named), or managed policies (kept whole).
        case conditional(condition: TemplateNode, branches: [TemplateNode], isManaged: Bool)
        case unexpanded(String)
        /// SAM refuses it; an error says why.
        case rejected
    }

    /// What an entry of `Policies` is, as SAM's `FunctionPolicies._get_type` tells: a string or an
    /// intrinsic is a managed policy, a map with `Statement` a document, a map with one key that
    /// names a policy template that template.
    private mutating func classify(_ policy: TemplateNode, function: String, index: Int) -> PolicyEntry {
        if let text = policy.stringValue { return .managed(managedPolicyARN(text, at: policy.position)) }
        guard let members = policy.mapValue else {
            error("policy \(index) of `\(function)` is not a valid policy: SAM takes a managed policy name or ARN, a policy document or a policy template, found \(policy.typeName)",
                  at: policy.position)
            return .rejected
        }
        if members.count == 1, members[0].key == "Fn::If" {
            guard let arguments = members[0].value.listValue, arguments.count == 3 else {
                error("`Fn::If` in policy \(index) of `\(function)` must list a condition and two values", at: policy.position)
                return .rejected
            }
            var branches: [TemplateNode] = []
            var kinds: Set<String> = []
            for branch in arguments[1...] {
                if branch.isNoValue {
                    branches.append(branch)
                    continue
                }
                switch classify(branch, function: function, index: index) {
                case .document(let document):
                    branches.append(document)
                    kinds.insert("document")
                case .managed:
                    branches.append(branch)
                    kinds.insert("managed")
                case .conditional, .unexpanded, .rejected:
                    return .unexpanded("an `Fn::If` branch that is not a policy document, policy template or managed policy")
                }
            }
            guard kinds.count <= 1 else {
                error("`Fn::If` in policy \(index) of `\(function)` mixes a managed policy with a policy document, which SAM refuses", at: policy.position)
                return .rejected
            }
            return .conditional(condition: arguments[0], branches: branches, isManaged: kinds == ["managed"])
        }
        if policy.isIntrinsic { return .managed(policy) }
        if policy["Statement"] != nil { return .document(policy) }
        if members.count == 1 {
            return policyTemplate(members[0], function: function, index: index)
        }
        return .unexpanded("it is neither a policy document (no `Statement`), a policy template nor a managed policy")
    }

    /// `Name: {Parameter: value}`, expanded from SAM's definition of `Name`.
    private mutating func policyTemplate(_ member: TemplateMember, function: String, index: Int) -> PolicyEntry {
        let templates: SAMPolicyTemplates
        do {
            templates = try SAMPolicyTemplates.embedded()
        } catch {
            return .unexpanded("SAM's policy templates cannot be read (\(error.diagnostics.first?.message ?? "unavailable"))")
        }
        guard let template = templates.template(named: member.key) else {
            return .unexpanded("`\(member.key)` is not one of SAM's policy templates as of the copy AccessGraph embeds")
        }
        guard let parameters = member.value.mapValue else {
            error("the parameters of policy template `\(member.key)` in `\(function)` must be a map (`{}` when it takes none), found \(member.value.typeName)",
                  at: member.value.position)
            return .rejected
        }
        var values: [String: TemplateNode] = [:]
        for parameter in parameters { values[parameter.key] = parameter.value }
        let (document, missing) = template.expanded(with: values, at: member.keyPosition)
        guard let document else {
            error("policy template `\(member.key)` in `\(function)` needs \(missing.map { "`\($0)`" }.joined(separator: ", ")), which SAM requires",
                  at: member.keyPosition)
            return .rejected
        }
        return .document(document)
    }

    /// A managed policy as SAM writes it: an ARN as written; the name of an AWS managed policy as
    /// its ARN (with its path, from the embedded catalogue: `AWSLambdaExecute` and
    /// `service-role/AWSLambdaRole` alike); anything else as written, with a warning.
    private mutating func managedPolicyARN(_ text: String, at position: SourcePosition) -> TemplateNode {
        if text.hasPrefix("arn:") { return .text(text, at: position) }
        if let record = (try? ServiceCatalogue.embedded())?.managedPolicy(named: text), record.name == text {
            return awsManagedPolicy(String((record.path + record.name).dropFirst()), at: position)
        }
        warn("`\(text)` is neither a managed policy ARN nor the name of an AWS managed policy; SAM passes it on as written", at: position)
        return .text(text, at: position)
    }

    /// `arn:<partition>:iam::aws:policy/<path and name>`, as SAM's `ArnGenerator` writes it.
    private func awsManagedPolicy(_ pathAndName: String, at position: SourcePosition) -> TemplateNode {
        if let partition { return .text("arn:\(partition):iam::aws:policy/\(pathAndName)", at: position) }
        return .intrinsic("Fn::Sub", .text("arn:${AWS::Partition}:iam::aws:policy/\(pathAndName)", at: position), at: position)
    }

    /// SAM adds a managed ARN once (`AWSLambdaBasicExecutionRole` named again is not repeated).
    private static func appendUnique(_ arn: TemplateNode, to list: inout [TemplateNode]) {
        let text = arn.jsonText()
        if !list.contains(where: { $0.jsonText() == text }) { list.append(arn) }
    }

    /// `service` may assume the role, as SAM's `IAMRolePolicies` writes it.
    private static func trust(_ service: String, at position: SourcePosition) -> TemplateNode {
        .object([
            ("Version", .text("2012-10-17", at: position)),
            ("Statement", .list([.object([
                ("Action", .list([.text("sts:AssumeRole", at: position)], at: position)),
                ("Effect", .text("Allow", at: position)),
                ("Principal", .object([("Service", .list([.text(service, at: position)], at: position))], at: position)),
            ], at: position)], at: position)),
        ], at: position)
    }

    /// SAM tests these properties for truth: absent, null, `false` and empty add nothing.
    private static func isSet(_ node: TemplateNode) -> Bool {
        switch node.value {
        case .null: false
        case .bool(let flag): flag
        case .string(let text): !text.isEmpty
        case .list(let items): !items.isEmpty
        case .map(let members): !members.isEmpty
        case .number: true
        }
    }

    // MARK: Events

    /// The pull event sources SAM gives the role a managed policy for, with the property naming
    /// the source (samtranslator's `eventsources/pull.py`).
    private static let pullSources: [String: (policy: String, property: String)] = [
        "SQS": ("service-role/AWSLambdaSQSQueueExecutionRole", "Queue"),
        "Kinesis": ("service-role/AWSLambdaKinesisExecutionRole", "Stream"),
        "DynamoDB": ("service-role/AWSLambdaDynamoDBExecutionRole", "Stream"),
        "MSK": ("service-role/AWSLambdaMSKExecutionRole", "Stream"),
    ]

    private func pullEventPolicies(of resource: Resource) -> [TemplateNode] {
        (resource.properties["Events"]?.mapValue ?? []).compactMap { event in
            event.value["Type"]?.stringValue.flatMap { Self.pullSources[$0] }.map { awsManagedPolicy($0.policy, at: event.keyPosition) }
        }
    }

    /// Pull sources become `AWS::Lambda::EventSourceMapping` `<LogicalId><EventId>`; every other
    /// event type is named in a warning.
    private mutating func events(of resource: Resource) -> [TemplateMember] {
        var mappings: [TemplateMember] = []
        for event in resource.properties["Events"]?.mapValue ?? [] {
            let type = event.value["Type"]?.stringValue ?? "?"
            guard let source = Self.pullSources[type], let arn = event.value["Properties"]?[source.property],
                  let id = generatedId("\(resource.id)\(event.key)", for: resource) else {
                warn("event `\(event.key)` (`\(type)`) of `\(resource.id)` is not expanded: the resources and permissions SAM creates for it are not in the analysis",
                     at: event.keyPosition)
                continue
            }
            mappings.append(self.resource(id, "AWS::Lambda::EventSourceMapping", at: event.keyPosition, properties: [
                ("EventSourceArn", arn), ("FunctionName", .intrinsic("Ref", .text(resource.id, at: event.keyPosition), at: event.keyPosition)),
            ], condition: resource.condition))
        }
        return mappings
    }

    // MARK: AWS::Serverless::SimpleTable and AWS::Serverless::Api

    /// A table keyed by `PrimaryKey` (`id`, a string, by default), billed per request unless it
    /// sets `ProvisionedThroughput`; no stream and no point-in-time recovery.
    private func simpleTable(_ resource: Resource) -> TemplateMember {
        let properties = resource.properties
        let position = resource.position
        let key = properties["PrimaryKey"]
        let name = key?["Name"] ?? .text("id", at: position)
        var type = key?["Type"] ?? .text("S", at: position)
        if let written = type.stringValue, let short = ["String": "S", "Number": "N", "Binary": "B"][written] {
            type = .text(short, at: type.position)
        }
        var table: [(String, TemplateNode)] = [
            ("AttributeDefinitions", .list([.object([("AttributeName", name), ("AttributeType", type)], at: position)], at: position)),
            ("KeySchema", .list([.object([("AttributeName", name), ("KeyType", .text("HASH", at: position))], at: position)], at: position)),
        ]
        if let throughput = properties["ProvisionedThroughput"] {
            table.append(("ProvisionedThroughput", throughput))
        } else {
            table.append(("BillingMode", .text("PAY_PER_REQUEST", at: position)))
        }
        for key in ["SSESpecification", "TableName"] {
            if let value = properties[key] { table.append((key, value)) }
        }
        return self.resource(resource.id, "AWS::DynamoDB::Table", at: position, properties: table, condition: resource.condition,
                             dependsOn: resource.dependsOn)
    }

    private mutating func api(_ resource: Resource) -> TemplateMember {
        warn("`AWS::Serverless::Api` `\(resource.id)` is read as its `AWS::ApiGateway::RestApi`; its deployment, stage and `Auth` (authorizers, resource policy) are not expanded",
             at: resource.position)
        let name = resource.properties["Name"].map { [("Name", $0)] } ?? []
        return self.resource(resource.id, "AWS::ApiGateway::RestApi", at: resource.position, properties: name, condition: resource.condition,
                             dependsOn: resource.dependsOn)
    }

    // MARK: Globals

    /// SAM's merge of a `Globals` section into a resource's properties: maps merge key by key,
    /// lists are the global items then the resource's, anything else (and an intrinsic) is the
    /// resource's own.
    static func merge(global: TemplateNode, local: TemplateNode) -> TemplateNode {
        switch (global.value, local.value) {
        case (.map(let globalMembers), .map(let localMembers)) where !global.isIntrinsic && !local.isIntrinsic:
            var merged = globalMembers
            for member in localMembers {
                if let index = merged.firstIndex(where: { $0.key == member.key }) {
                    merged[index] = TemplateMember(key: member.key, keyPosition: member.keyPosition, value: merge(global: merged[index].value, local: member.value))
                } else {
                    merged.append(member)
                }
            }
            return TemplateNode(.map(merged), position: local.position)
        case (.list(let globalItems), .list(let localItems)):
            return TemplateNode(.list(globalItems + localItems), position: local.position)
        default:
            return local
        }
    }

    // MARK: Diagnostics

    private mutating func warn(_ message: String, at position: SourcePosition) {
        diagnostics.append(Diagnostic(severity: .warning, code: "template.sam-not-expanded", message: message, position: position))
    }

    private mutating func error(_ message: String, at position: SourcePosition) {
        diagnostics.append(TemplateError.diagnostic("template.sam-invalid", message, at: position))
    }
}

private extension TemplateNode {
    static func text(_ text: String, at position: SourcePosition) -> TemplateNode {
        TemplateNode(.string(text), position: position)
    }

    static func list(_ items: [TemplateNode], at position: SourcePosition) -> TemplateNode {
        TemplateNode(.list(items), position: position)
    }

    static func object(_ members: [(String, TemplateNode)], at position: SourcePosition) -> TemplateNode {
        TemplateNode(.map(members.map { TemplateMember(key: $0.0, keyPosition: $0.1.position, value: $0.1) }), position: position)
    }

    static func intrinsic(_ function: String, _ argument: TemplateNode, at position: SourcePosition) -> TemplateNode {
        TemplateNode(.map([TemplateMember(key: function, keyPosition: position, value: argument)]), position: position)
    }

    /// `{"Ref": "AWS::NoValue"}`.
    var isNoValue: Bool { self["Ref"]?.stringValue == "AWS::NoValue" && mapValue?.count == 1 }

    /// A map of one key that is an intrinsic function.
    var isIntrinsic: Bool {
        guard let members = mapValue, members.count == 1 else { return false }
        return members[0].key == "Ref" || members[0].key == "Condition" || members[0].key.hasPrefix("Fn::")
    }
}
