import AccessAssertions
import AccessInventory
import ArgumentParser
import Foundation
import PipelineChecks
import PolicyModel
import ServiceCatalog
import StackDiff

/// The assertions file `check` and `diff` read: `--config`, else `accessgraph.yaml` in the
/// working directory, else none (and nothing is said about assertions).
package struct AssertionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The assertions file (what must always hold, and suppressed findings); accessgraph.yaml in the working directory when there is one.", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("The day suppressions' expiry dates are compared with (YYYY-MM-DD); today in UTC by default.", valueName: "date"))
    var today: String?

    package init() {}

    /// `accessgraph.yaml` in `directory`, if there is one; `.` (the working directory) names it
    /// relatively, as reports then show it.
    package static func defaultFile(in directory: String) -> String? {
        let path = directory == "." ? AssertionFile.defaultName : URL(fileURLWithPath: directory).appendingPathComponent(AssertionFile.defaultName).path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// The file to read, or nil. A `--config` that does not exist is bad input, like any input.
    func file(in directory: String = ".") throws(CommandFailure) -> AssertionFile? {
        guard let path = config ?? Self.defaultFile(in: directory) else { return nil }
        do {
            return try AssertionFile.read(path: path)
        } catch {
            throw error.commandFailure
        }
    }

    /// `--today`, checked whether or not there is a file; nil when not given.
    func givenDay() throws(CommandFailure) -> CalendarDay? {
        guard let today else { return nil }
        guard let day = CalendarDay(today) else {
            throw CommandFailure("usage.invalid-date", "`\(shownEscaped(today))` is not a date", at: "--today", help: "give the day as YYYY-MM-DD")
        }
        return day
    }

    /// The day given, else the current day in UTC (read only when a file has suppressions).
    static func day(_ given: CalendarDay?) throws(CommandFailure) -> CalendarDay {
        if let given { return given }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        formatter.timeZone = TimeZone(identifier: "UTC")
        let text = formatter.string(from: Date())
        guard let day = CalendarDay(text) else {
            throw CommandFailure("clock.unreadable", "the system date reads `\(text)`, not YYYY-MM-DD", at: "accessgraph", help: "give --today")
        }
        return day
    }

    /// For `check`: the file resolved against the stack, its suppressions applied to the report,
    /// and its assertions decided; nil without a file.
    func check(_ report: inout StackReport, inventory: Inventory, catalogue: ServiceCatalogue) throws(CommandFailure) -> AssertionReport? {
        let given = try givenDay()
        guard let assertions = try resolve(inventory: inventory, base: nil, catalogue: catalogue) else { return nil }
        if assertions.hasSuppressions { assertions.suppress(&report, today: try Self.day(given)) }
        return assertions.evaluate()
    }

    /// For `diff`: the file resolved against the head (and the base), its suppressions applied to
    /// both sides' reports before they are compared; nil without a file.
    func prepare(base: inout StackDiff.Side, head: inout StackDiff.Side, catalogue: ServiceCatalogue) throws(CommandFailure) -> StackAssertions? {
        let given = try givenDay()
        guard let assertions = try resolve(inventory: head.inventory, base: base.inventory, catalogue: catalogue) else { return nil }
        if assertions.hasSuppressions {
            let day = try Self.day(given)
            assertions.suppress(&base.report, today: day)
            assertions.suppress(&head.report, today: day)
        }
        return assertions
    }

    private func resolve(inventory: Inventory, base: Inventory?, catalogue: ServiceCatalogue) throws(CommandFailure) -> StackAssertions? {
        guard let file = try file() else { return nil }
        do {
            return try StackAssertions(file, inventory: inventory, base: base, catalogue: catalogue)
        } catch {
            throw error.commandFailure
        }
    }
}
