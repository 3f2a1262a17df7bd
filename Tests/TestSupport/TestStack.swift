import Foundation
import AccessInventory
import PipelineChecks
import PolicyModel
import PolicyParsing
import ServiceCatalog
import TemplateParsing

/// A CloudFormation stack written in a few labelled lines, loaded exactly as the CLI loads a
/// user's file (template JSON through `StackLoader`):
///
/// ```swift
/// let stack = TestStack()
///     .role("PipelineRole", trust: .service("osis-pipelines.amazonaws.com"), policies: [.allow(["dynamodb:DescribeTable"], on: "*")])
///     .table("Orders", pointInTimeRecovery: true, stream: .newImage)
/// let inventory = try stack.inventory()
/// ```
///
/// Builders (`role`, `table`, `bucket`, … in `TestStack+Resources.swift`) add resources; labelled
/// edits (`replacingTrust(of:with:)`, `settingPointInTimeRecovery(_:on:)`, … in
/// `TestStack+Edits.swift`) change them, on a new stack or on `ReferenceStack.stack()`.
package struct TestStack: Sendable {
    /// One resource of the template.
    struct Resource: Sendable {
        var logicalId: String
        var type: String
        /// `Properties`, an object.
        var properties: JSONOutput
        /// The resource's other members (`Metadata`, `DeletionPolicy`, `Condition`, …), kept as read.
        var attributes: [(String, JSONOutput)]
    }

    /// The account and region the reference stack was synthesized for.
    package static let defaultContext = TemplateContext(account: "123456789012", region: "us-east-1")

    /// The template's file name, as reports and locations show it.
    package var name: String
    package var context: TemplateContext
    private(set) var resources: [Resource] = []
    /// Top-level members other than `Resources` (`Parameters`, `Conditions`, `Rules`, …).
    var sections: [(String, JSONOutput)] = []
    /// A pipeline configuration given on its own (`--pipeline`), replacing the template's.
    var pipelineFile: (name: String, text: String)?

    package init(name: String = "stack.template.json", context: TemplateContext = TestStack.defaultContext) {
        self.name = name
        self.context = context
    }

    /// A stack read from template JSON, to be varied with the labelled edits.
    package init(templateJSON text: String, name: String, context: TemplateContext = TestStack.defaultContext) throws {
        self.init(name: name, context: context)
        let template = JSONOutput(try JSONReader.parse(text))
        guard case .object(let members) = template else { return }
        for (key, value) in members {
            guard key == "Resources" else {
                sections.append((key, value))
                continue
            }
            guard case .object(let entries) = value else { continue }
            for (logicalId, entry) in entries {
                guard case .object(let fields) = entry else { continue }
                resources.append(Resource(
                    logicalId: logicalId, type: entry[member: "Type"]?.text ?? "", properties: entry[member: "Properties"] ?? .object([]),
                    attributes: fields.filter { $0.0 != "Type" && $0.0 != "Properties" }))
            }
        }
    }

    /// A template parameter without a default: its `Ref` stays symbolic (`⟦Ref.Name⟧`) unless
    /// the context gives it a value.
    package func parameter(_ name: String, type: String = "String") -> TestStack {
        var stack = self
        var parameters: [(String, JSONOutput)] = []
        if let index = stack.sections.firstIndex(where: { $0.0 == "Parameters" }), case .object(let members) = stack.sections[index].1 {
            parameters = members
            stack.sections.remove(at: index)
        }
        parameters.append((name, .object([("Type", .string(type))])))
        stack.sections.append(("Parameters", .object(parameters)))
        return stack
    }

    /// A top-level section (`Outputs`, `Rules`, `Transform`, …), replacing one of that name.
    package func section(_ name: String, _ value: JSONOutput) -> TestStack {
        var stack = self
        stack.sections.removeAll { $0.0 == name }
        stack.sections.append((name, value))
        return stack
    }

    // MARK: Resources

    /// Any resource, for types without a labelled builder, with its other members (`Metadata`,
    /// `Condition`, …). A resource with the same logical id is replaced where it stands.
    package func adding(_ logicalId: String, type: String, properties: [(String, JSONOutput)], attributes: [(String, JSONOutput)] = []) -> TestStack {
        var stack = self
        let resource = Resource(logicalId: logicalId, type: type, properties: .object(properties), attributes: attributes)
        if let index = stack.resources.firstIndex(where: { $0.logicalId == logicalId }) {
            stack.resources[index] = resource
        } else {
            stack.resources.append(resource)
        }
        return stack
    }

    /// The stack with one resource's properties changed.
    /// - Throws: when the template has no such resource, or it is of another type, so a
    ///   mistyped logical id fails the test instead of leaving the stack unbroken.
    func editingProperties(of logicalId: String, expecting type: String? = nil, _ change: (inout JSONOutput) throws -> Void) throws -> TestStack {
        guard let index = resources.firstIndex(where: { $0.logicalId == logicalId }) else {
            throw TestStackError("the stack has no resource `\(logicalId)`")
        }
        if let type, resources[index].type != type {
            throw TestStackError("`\(logicalId)` is a `\(resources[index].type)`, not a `\(type)`")
        }
        var stack = self
        try change(&stack.resources[index].properties)
        return stack
    }

    /// The stack with a resource under a new logical id and every reference to it following
    /// (`Ref`, `Fn::GetAtt`, `${Id}` and `${Id.Attribute}` in `Fn::Sub`, `DependsOn`), as CDK
    /// writes the same stack when a construct moves in its tree.
    /// - Throws: when the stack has no `logicalId`, or already has `newId`.
    package func renamingResource(_ logicalId: String, to newId: String) throws -> TestStack {
        guard let index = resources.firstIndex(where: { $0.logicalId == logicalId }) else {
            throw TestStackError("the stack has no resource `\(logicalId)`")
        }
        guard !resources.contains(where: { $0.logicalId == newId }) else { throw TestStackError("the stack already has a resource `\(newId)`") }
        func renamed(_ value: JSONOutput) -> JSONOutput {
            switch value {
            case .object(let members) where members.count == 1:
                let (key, argument) = members[0]
                switch (key, argument) {
                case ("Ref", .string(logicalId)): return .object([(key, .string(newId))])
                case ("Fn::GetAtt", .array(let parts)) where parts.first == .string(logicalId):
                    return .object([(key, .array([.string(newId)] + parts.dropFirst()))])
                case ("Fn::GetAtt", .string(let text)) where text.hasPrefix(logicalId + "."):
                    return .object([(key, .string(newId + text.dropFirst(logicalId.count)))])
                case ("Fn::Sub", .string(let text)): return .object([(key, .string(renamedInSub(text)))])
                case ("Fn::Sub", .array(let parts)) where !parts.isEmpty:
                    let text = parts[0].text.map { JSONOutput.string(renamedInSub($0)) } ?? parts[0]
                    return .object([(key, .array([text] + parts.dropFirst().map(renamed)))])
                default: return .object([(key, renamed(argument))])
                }
            case .object(let members): return .object(members.map { ($0.0, renamed($0.1)) })
            case .array(let items): return .array(items.map(renamed))
            default: return value
            }
        }
        func renamedDependency(_ value: JSONOutput) -> JSONOutput {
            switch value {
            case .string(logicalId): .string(newId)
            case .array(let items): .array(items.map(renamedDependency))
            default: value
            }
        }
        func renamedInSub(_ text: String) -> String {
            text.replacingOccurrences(of: "${\(logicalId)}", with: "${\(newId)}").replacingOccurrences(of: "${\(logicalId).", with: "${\(newId).")
        }
        var stack = self
        stack.resources[index].logicalId = newId
        for position in stack.resources.indices {
            stack.resources[position].properties = renamed(stack.resources[position].properties)
            stack.resources[position].attributes = stack.resources[position].attributes.map { name, value in
                (name, name == "DependsOn" ? renamedDependency(value) : renamed(value))
            }
        }
        stack.sections = sections.map { ($0.0, renamed($0.1)) }
        return stack
    }

    /// Sets (or, with nil, removes) one top-level property of a resource, for a change no
    /// labelled edit names.
    package func settingProperty(_ property: String, of logicalId: String, to value: JSONOutput?) throws -> TestStack {
        try editingProperties(of: logicalId) { $0[member: property] = value }
    }

    // MARK: Pipeline file

    /// The stack checked with a separate pipeline configuration (`--pipeline`), whose references
    /// to the template are written as `{{GetAtt:X.Arn}}` markers.
    package func withPipelineFile(_ configuration: TestPipeline, name: String = "pipeline.yaml") -> TestStack {
        withPipelineFile(text: configuration.fileText, name: name)
    }

    package func withPipelineFile(text: String, name: String = "pipeline.yaml") -> TestStack {
        var stack = self
        stack.pipelineFile = (name, text)
        return stack
    }

    // MARK: Loading

    var templateJSON: JSONOutput {
        let resources = JSONOutput.object(resources.map { resource in
            (resource.logicalId, .object([("Type", .string(resource.type)), ("Properties", resource.properties)] + resource.attributes))
        })
        return .object([("Resources", resources)] + sections)
    }

    /// The template as the file a user would give (pretty-printed, so positions have lines).
    package var templateText: String { templateJSON.rendered() }

    /// What `accessgraph check --template … [--pipeline …]` would load.
    package var input: StackInput {
        StackInput(
            template: .bytes(Array(templateText.utf8), name: name),
            pipeline: pipelineFile.map { .bytes(Array($0.text.utf8), name: $0.name) },
            context: context)
    }

    package func inventory() throws -> Inventory {
        try StackLoader.load(input, catalogue: try ServiceCatalogue.embedded())
    }

    package func report() throws -> StackReport {
        let catalogue = try ServiceCatalogue.embedded()
        return StackAnalyzer.analyze(try StackLoader.load(input, catalogue: catalogue), catalogue: catalogue)
    }

    /// Where `snippet` first stands in `templateText`, as the inventory and findings record a
    /// location: a string value is at its opening quote (`"\"arn:…\""`), a resource at its
    /// logical id (`"\"Orders\":"`). Position 0:0 when the snippet is not there.
    package func location(of snippet: String) -> SourceLocation {
        let text = templateText
        return location(text.range(of: snippet)?.lowerBound, in: text)
    }

    /// Where `snippet` first stands after `anchor`: the list of an `Fn::GetAtt`, say.
    package func location(of snippet: String, after anchor: String) -> SourceLocation {
        let text = templateText
        return location(text.range(of: anchor).flatMap { text.range(of: snippet, range: $0.upperBound..<text.endIndex)?.lowerBound }, in: text)
    }

    /// Where the object that holds `snippet` opens: an intrinsic (`{"Ref": "X"}`) or an inline
    /// policy (`{"PolicyName": "Read", …}`).
    package func location(ofObjectHolding snippet: String) -> SourceLocation {
        let text = templateText
        return location(text.range(of: snippet).flatMap { text[..<$0.lowerBound].lastIndex(of: "{") }, in: text)
    }

    func location(_ index: String.Index?, in text: String) -> SourceLocation {
        guard let index else { return SourceLocation(file: name, position: .unknown) }
        let before = text[..<index]
        let lineStart = before.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
        return SourceLocation(file: name, position: SourcePosition(line: before.count(where: { $0 == "\n" }) + 1, column: text[lineStart..<index].count + 1))
    }
}

/// A labelled edit that cannot apply: the test named a resource the stack does not have.
package struct TestStackError: Error, CustomStringConvertible {
    package var description: String

    init(_ description: String) {
        self.description = description
    }
}

extension StackReport {
    /// The first check with this id (every report has each id; several pipelines or domains repeat one).
    package func check(_ id: CheckID) -> CheckResult? {
        checks.first { $0.id == id }
    }

    /// The check with this id about this pipeline or domain (its label).
    package func check(_ id: CheckID, of subject: String) -> CheckResult? {
        checks.first { $0.id == id && $0.subject?.label == subject }
    }
}
