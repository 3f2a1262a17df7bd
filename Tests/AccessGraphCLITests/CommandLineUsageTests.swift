import Foundation
import TestSupport
import Testing

/// An invalid command line is exit 64 (README, "Exit codes"), and an unknown option is reported as
/// an unknown option by every command, even when the rest of the line would be incomplete too.
@Suite struct CommandLineUsageTests {
    @Test(arguments: [
        ([], "check"),
        (["check"], "check"),
        (["check", "--format", "json"], "check"),
        (["graph"], "graph"),
        // `graph --action` without `--to`, `simulate` without `--action` and `lint` without files
        // are incomplete as well; the unknown option is still what is reported.
        (["graph", "--action", "s3:GetObject"], "graph"),
        (["simulate"], "simulate"),
        (["simulate", "--cases", "Tests/Corpus"], "simulate"),
        (["lint"], "lint"),
        (["lint", "policy.json"], "lint"),
    ])
    func anUnknownOptionIsNamed(_ arguments: [String], _ command: String) {
        let run = accessgraph(arguments + ["--bogus"])
        #expect(run.status == 64, "\(run.output)")
        #expect(run.stderr.hasPrefix("Error: Unknown option '--bogus'\nUsage: accessgraph \(command) "), "\(run.stderr)")
        #expect(run.stderr.contains("See 'accessgraph \(command) --help'"))
        #expect(run.stdout.isEmpty)
    }

    @Test func anUnknownShortOptionAndAnOptionWithAValueAreNamedToo() {
        let short = accessgraph(["simulate", "-x"])
        #expect(short.status == 64)
        #expect(short.stderr.hasPrefix("Error: Unknown option '-x'"), "\(short.stderr)")
        let withValue = accessgraph(["lint", "--bogus=1"])
        #expect(withValue.status == 64)
        #expect(withValue.stderr.hasPrefix("Error: Unknown option '--bogus'"), "\(withValue.stderr)")
    }

    @Test(arguments: [
        (["simulate"], "--action: error[usage.invalid]: give --action (and the policies) for one request, or --cases DIR",
         "see `accessgraph simulate --help`"),
        (["simulate", "--cases", "Tests/Corpus", "--action", "s3:GetObject"],
         "--cases: error[usage.invalid]: --cases runs case files; it cannot be combined with a single request's options",
         "see `accessgraph simulate --help`"),
        (["graph", "--action", "s3:GetObject"], "--action: error[usage.invalid]: --action selects chains; give --to as well",
         "see `accessgraph graph --help`"),
        (["lint"], "accessgraph lint: error[usage.invalid]: give at least one policy file", "see `accessgraph lint --help`"),
    ])
    func anIncompleteCommandLineIsAUsageError(_ arguments: [String], _ error: String, _ help: String) {
        let run = accessgraph(arguments)
        #expect(run.status == 64, "\(run.output)")
        #expect(run.stderr == "\(error)\n  help: \(help)\n")
        #expect(run.stdout.isEmpty)
    }
}
