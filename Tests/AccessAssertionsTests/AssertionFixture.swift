import AccessAssertions
import AccessGraph
import PipelineChecks
import PolicyModel
import ServiceCatalog
import StackDiff
import TestSupport

/// An assertions file decided on a `TestStack`, as `check` and `diff` decide it.
enum AssertionFixture {
    static let file = "accessgraph.yaml"
    /// The file parsed and resolved against the stack.
    static func assertions(_ yaml: String, on stack: TestStack, base: TestStack? = nil) throws -> StackAssertions {
        let catalogue = try ServiceCatalogue.embedded()
        return try StackAssertions(try AssertionFile.parse(text: yaml, file: file), inventory: try stack.inventory(),
                                   base: try base?.inventory(), catalogue: catalogue)
    }

    /// `check`: the report with the file's suppressions, and the assertions decided.
    static func check(_ yaml: String, on stack: TestStack, today: String = "2026-12-05") throws -> (report: StackReport, assertions: AssertionReport) {
        let assertions = try assertions(yaml, on: stack)
        var report = try stack.report()
        guard let day = CalendarDay(today) else { throw FixtureError(description: "`\(today)` is not a day") }
        assertions.suppress(&report, today: day)
        return (report, assertions.evaluate())
    }

    /// `diff`: the change from `base` to `head` and the assertions decided on it.
    static func diff(_ yaml: String, base: TestStack, head: TestStack) throws -> (diff: StackDiff, assertions: AssertionReport) {
        let assertions = try assertions(yaml, on: head, base: base)
        let diff = StackDiff.compare(base: try side(base), head: try side(head), catalogue: try ServiceCatalogue.embedded())
        return (diff, assertions.evaluate(diff: diff))
    }

    static func side(_ stack: TestStack) throws -> StackDiff.Side {
        let catalogue = try ServiceCatalogue.embedded()
        let inventory = try stack.inventory()
        return StackDiff.Side(name: stack.name, inventory: inventory, report: try stack.report(), graph: AccessGraphBuilder.build(inventory, catalogue: catalogue))
    }

    /// The diagnostics (`file:line:column: error[code]: message`) the file gets, parsing and
    /// resolving it against the stack; empty when it is valid.
    static func errors(_ yaml: String, on stack: TestStack = PipelineStack.stack()) -> [String] {
        do {
            _ = try assertions(yaml, on: stack)
            return []
        } catch let error as DiagnosticError {
            return error.diagnostics.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
}
