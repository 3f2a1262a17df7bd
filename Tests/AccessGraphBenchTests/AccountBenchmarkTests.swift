@testable import accessgraph_bench
import Testing

/// `accessgraph-bench account`: its arguments, the line a child prints and the table. Nothing
/// here is timed; the figures come from the benchmark itself.
@Suite struct AccountBenchmarkTests {
    typealias Options = AccountBenchmark.Options

    @Test func sizesAndOptionsInAnyOrder() throws {
        #expect(try Options.parse(["500", "1000"]) == Options(sizes: [500, 1000]))
        #expect(try Options.parse(["--timeout", "600", "5000", "--generator", "/tmp/gen.py", "500"])
            == Options(sizes: [5000, 500], generator: "/tmp/gen.py", timeout: 600))
    }

    @Test(arguments: [
        ([], "give one or more numbers of roles"),
        (["--timeout", "600"], "give one or more numbers of roles"),
        (["abc"], "`abc` is not a number of roles"),
        (["0"], "`0` is not a number of roles"),
        (["500", "--timeout"], "--timeout needs a positive number of seconds"),
        (["500", "--timeout", "-1"], "--timeout needs a positive number of seconds"),
        (["500", "--generator"], "--generator needs a path"),
    ])
    func badArgumentsSayWhatIsWrong(arguments: [String], message: String) {
        #expect(throws: AccountBenchmark.UsageError(message: message)) { try Options.parse(arguments) }
    }

    static let measured = AccountBenchmark.Measurement(
        roles: 1000, principals: 1105, nodes: 1200, edges: 114_217, load: 412.5, graph: 90_000, pathsQuery: 3.25, whoCan: nil, escalations: nil,
        peakKilobytes: 280_576)

    @Test func aChildsLineReadsBackAsItsMeasurement() throws {
        let line = Self.measured.line
        #expect(AccountBenchmark.Measurement(line: line[...]) == Self.measured)
        #expect(AccountBenchmark.Measurement(line: "1000\t1105") == nil)
    }

    @Test func theTableAlignsFiguresAndSaysWhatDidNotFinish() {
        let table = AccountBenchmark.table([(1000, .measured(Self.measured)), (5000, .timedOut(seconds: 600)), (20, .failed("the child ended with status 1"))])
        #expect(table == """
        size  roles  principals  nodes   edges    load    graph  paths to pipeline role  who-can  escalations  peak RSS
        1000   1000        1105   1200  114217  0.41 s  90.00 s                  3.2 ms        —            —    274 MB
        5000  not done in 600 s
        20  failed: the child ended with status 1

        """)
    }
}
