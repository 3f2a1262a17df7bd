import AccessInventory
import PolicyGeneration
import ServiceCatalog
import TestSupport
import Testing

/// Generates for a stack and proves the result, as `accessgraph generate` does.
enum GenerationFixture {
    static func generate(_ stack: TestStack, name: String = "Stack") throws -> (GeneratedStack, GenerationProof.Summary, [GenerationProof.Failure], Inventory) {
        let inventory = try stack.inventory()
        let generated = try PolicyGenerator.generate(inventory, stackName: name)
        let (summary, failures) = try GenerationProof.prove(generated, inventory: inventory, catalogue: try ServiceCatalogue.embedded())
        return (generated, summary, failures, inventory)
    }

    /// The stack's template patched with the documents, loaded again and checked: what
    /// `--patch-template` proves before it writes.
    static func patchedFailures(_ stack: TestStack, _ generated: GeneratedStack) throws -> [GenerationProof.Failure] {
        var input = stack.input
        let text = try TemplatePatcher.patch(bytes: Array(stack.templateText.utf8), file: stack.name, context: input.context, stack: generated)
        input.template = .bytes(Array(text.utf8), name: "patched.json")
        let catalogue = try ServiceCatalogue.embedded()
        return GenerationProof.checksPass(generated, on: try StackLoader.load(input, catalogue: catalogue), catalogue: catalogue).1
    }

    static func prove(_ generated: GeneratedStack, _ inventory: Inventory) throws -> [GenerationProof.Failure] {
        try GenerationProof.prove(generated, inventory: inventory, catalogue: try ServiceCatalogue.embedded()).1
    }
}

extension GeneratedStack {
    /// Each document's statements as `Sid: actions on resources`, for compact expectations.
    func outline(_ name: String) -> [String] {
        (policy(named: name)?.statements ?? []).map { "\($0.sid): \($0.actions.joined(separator: ",")) on \($0.resources.joined(separator: ","))" }
    }

    /// The same stack with one document changed.
    func changing(_ name: String, _ change: (inout GeneratedPolicy) -> Void) -> GeneratedStack {
        var copy = self
        if let index = copy.policies.firstIndex(where: { $0.name == name }) { change(&copy.policies[index]) }
        return copy
    }
}
