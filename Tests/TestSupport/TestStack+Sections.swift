import AccessInventory
import PipelineChecks
import PolicyParsing
import ServiceCatalog
import TemplateParsing

/// The template's other sections (`Parameters`, `Outputs`) and nested stacks, as CDK writes them.
extension TestStack {
    /// A member of a top-level section (`Parameters`, `Outputs`), kept in order.
    package func addingToSection(_ section: String, _ key: String, _ value: JSONOutput) -> TestStack {
        var stack = self
        if let index = stack.sections.firstIndex(where: { $0.0 == section }) {
            stack.sections[index].1[member: key] = value
        } else {
            stack.sections.append((section, .object([(key, value)])))
        }
        return stack
    }

    /// A parameter `name` of `type`, with a `Default` when given.
    package func parameter(_ name: String, type: String = "String", default value: String? = nil) -> TestStack {
        var declaration: [(String, JSONOutput)] = [("Type", .string(type))]
        if let value { declaration.append(("Default", .string(value))) }
        return addingToSection("Parameters", name, .object(declaration))
    }

    /// An output, exported under `export` when given (CDK: `Stack:ExportsOutputRef…`).
    package func output(_ logicalId: String, value: TestValue, export: String? = nil) -> TestStack {
        var output: [(String, JSONOutput)] = [("Value", value.json)]
        if let export { output.append(("Export", .object([("Name", .string(export))]))) }
        return addingToSection("Outputs", logicalId, .object(output))
    }

    /// An `AWS::CloudFormation::Stack` as CDK writes a nested stack: its template an asset in
    /// the assembly (`Metadata` `aws:asset:path`), a `TemplateURL` into the bootstrap bucket, and
    /// the values it passes as `Parameters`.
    package func nestedStack(_ logicalId: String, templateFile: String, parameters: [(String, TestValue)] = [], condition: String? = nil) -> TestStack {
        let url: JSONOutput = .object([("Fn::Join", .array([.string(""), .array([
            .string("https://s3."), TestValue.region.json, .string("."), .object([("Ref", .string("AWS::URLSuffix"))]),
            .string("/"), .object([("Fn::Sub", .string("cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}"))]),
            .string("/0b5b2d8f1c9e4a7d3f6e8a1b2c4d6e8f0a1b3c5d7e9f1a2b4c6d8e0f2a4b6c8d.json"),
        ])]))])
        var attributes: [(String, JSONOutput)] = [
            ("UpdateReplacePolicy", .string("Delete")), ("DeletionPolicy", .string("Delete")),
            ("Metadata", .object([
                ("aws:cdk:path", .string("Parent/\(logicalId).NestedStack/\(logicalId).NestedStackResource")),
                ("aws:asset:path", .string(templateFile)), ("aws:asset:property", .string("TemplateURL")),
            ])),
        ]
        if let condition { attributes.append(("Condition", .string(condition))) }
        var properties: [(String, JSONOutput)] = []
        if !parameters.isEmpty { properties.append(("Parameters", .object(parameters.map { ($0.0, $0.1.json) }))) }
        properties.append(("TemplateURL", url))
        return adding(logicalId, type: "AWS::CloudFormation::Stack", properties: properties, attributes: attributes)
    }

    /// A condition `name` that holds when `parameter` equals `value`.
    package func condition(_ name: String, parameter: String, equals value: String) -> TestStack {
        addingToSection("Conditions", name, .object([("Fn::Equals", .array([.object([("Ref", .string(parameter))]), .string(value)]))]))
    }
}

extension TestStack {
    /// Several templates as one analysis, as `--template A --template B` loads them, with the
    /// first one's context.
    package static func input(_ stacks: [TestStack], parameters: [ParameterValue] = []) -> StackInput {
        StackInput(templates: stacks.map { .bytes(Array($0.templateText.utf8), name: $0.name) }, context: stacks.first?.context ?? defaultContext,
                   parameters: parameters)
    }

    package static func inventory(_ stacks: [TestStack]) throws -> Inventory {
        try StackLoader.load(input(stacks), catalogue: try ServiceCatalogue.embedded())
    }

    package static func report(_ stacks: [TestStack]) throws -> StackReport {
        let catalogue = try ServiceCatalogue.embedded()
        return StackAnalyzer.analyze(try StackLoader.load(input(stacks), catalogue: catalogue), catalogue: catalogue)
    }
}
