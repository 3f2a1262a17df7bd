import AccessInventory
import PipelineChecks
import PolicyGeneration
import ServiceCatalog
import TestSupport
import Testing

@Suite struct ReferenceStackGenerationTests {
    @Test func theReferenceStacksDocumentsProveThemselves() throws {
        let stack = try ReferenceStack.stack().withPipelineFile(text: SeedStack.File.concretePipeline.text)
        let inventory = try stack.inventory()
        let generated = try PolicyGenerator.generate(inventory, stackName: "DashboardStack")
        for policy in generated.policies {
            print("== \(policy.name): \(policy.title)")
            print(policy.json.rendered())
        }
        print(generated.notes)
        let (summary, failures) = try GenerationProof.prove(generated, inventory: inventory, catalogue: try ServiceCatalogue.embedded())
        print(summary.requestsAllowed, summary.requestsRefused, summary.removalsRefused)
        for failure in failures { print("FAIL", failure) }
        #expect(failures.isEmpty)
    }
}
