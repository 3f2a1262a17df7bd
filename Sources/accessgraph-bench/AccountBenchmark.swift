// `accessgraph-bench account N [N...]`: the access graph of generated accounts (issue 11, "Speed
// and memory"). Each size runs in a child process of this executable, so its peak memory is its
// own; the child prints one line of figures that the parent gathers into a table.
import AccessGraph
import AccessInventory
import Foundation
import ServiceCatalog
import TestSupport

enum AccountBenchmark {
    /// The generator's seed; the file names say it, so the peers' script (`SEED=3`) reads the
    /// same accounts.
    static let seed = 3
    /// The pipeline role every generated account holds (`gen_account.py`'s core).
    static let pipelineRole = "arn:aws:iam::123456789012:role/OpenSearchIngestionRole-ZeroETL"
    /// The subcommand the parent runs in each child.
    static let childCommand = "account-child"

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct UsageError: Error, Equatable {
        var message: String
    }

    struct Options: Equatable {
        var sizes: [Int] = []
        var generator: String?
        /// Seconds a child may run before it is killed; nil: no limit.
        var timeout: Double?

        /// `N [N...] [--generator PATH] [--timeout S]`, the subcommand itself left out.
        static func parse(_ arguments: [String]) throws(UsageError) -> Options {
            var options = Options()
            var rest = arguments[...]
            while let argument = rest.popFirst() {
                switch argument {
                case "--generator":
                    guard let path = rest.popFirst(), !path.isEmpty else { throw UsageError(message: "--generator needs a path") }
                    options.generator = path
                case "--timeout":
                    guard let text = rest.popFirst(), let seconds = Double(text), seconds > 0, seconds.isFinite else {
                        throw UsageError(message: "--timeout needs a positive number of seconds")
                    }
                    options.timeout = seconds
                default:
                    guard let size = Int(argument), size > 0 else { throw UsageError(message: "`\(argument)` is not a number of roles") }
                    options.sizes.append(size)
                }
            }
            if options.sizes.isEmpty { throw UsageError(message: "give one or more numbers of roles") }
            return options
        }
    }

    /// What one child measured.
    struct Measurement: Equatable {
        var roles: Int
        var principals: Int
        var nodes: Int
        var edges: Int
        /// Milliseconds, as every time below.
        var load: Double
        var graph: Double
        /// `graph.paths(to:)` toward the pipeline role; nil when the graph has no such node.
        var pathsQuery: Double?
        var whoCan: Double?
        var escalations: Double?
        /// VmHWM in kB; nil where /proc is not there.
        var peakKilobytes: Int?

        /// The one line a child prints: the fields in order, tab-separated, `-` for none.
        var line: String {
            let optionals: [String] = [pathsQuery.map { "\($0)" }, whoCan.map { "\($0)" }, escalations.map { "\($0)" }, peakKilobytes.map { "\($0)" }]
                .map { $0 ?? "-" }
            return (["\(roles)", "\(principals)", "\(nodes)", "\(edges)", "\(load)", "\(graph)"] + optionals).joined(separator: "\t")
        }
    }

    enum Outcome: Equatable {
        case measured(Measurement)
        case timedOut(seconds: Double)
        case failed(String)
    }

    // MARK: The table

    static let columns = ["size", "roles", "principals", "nodes", "edges", "load", "graph", "paths to pipeline role", "who-can", "escalations", "peak RSS"]

    /// One row per size, columns right-aligned; a size that did not finish says why.
    static func table(_ rows: [(size: Int, outcome: Outcome)]) -> String {
        let cells: [[String]] = rows.map { size, outcome in
            switch outcome {
            case .measured(let m):
                ["\(size)", "\(m.roles)", "\(m.principals)", "\(m.nodes)", "\(m.edges)", formatSeconds(m.load), formatSeconds(m.graph),
                 m.pathsQuery.map(formatMilliseconds) ?? "no node", m.whoCan.map(formatMilliseconds) ?? "—",
                 m.escalations.map(formatMilliseconds) ?? "—",
                 m.peakKilobytes.map { String(format: "%.0f MB", Double($0) / 1024) } ?? "—"]
            case .timedOut(let limit):
                ["\(size)", "not done in \(String(format: "%g", limit)) s"]
            case .failed(let reason):
                ["\(size)", "failed: \(reason)"]
            }
        }
        let measured = cells.filter { $0.count == columns.count }
        let widths = columns.indices.map { column in ([columns[column]] + measured.map { $0[column] }).map(\.count).max() ?? 0 }
        func format(_ row: [String]) -> String {
            guard row.count == columns.count else { return row.joined(separator: "  ") }
            return zip(row, widths).map { String(repeating: " ", count: $1 - $0.count) + $0 }.joined(separator: "  ")
        }
        return ([format(columns)] + cells.map(format)).joined(separator: "\n") + "\n"
    }

    static func formatSeconds(_ milliseconds: Double) -> String { String(format: "%.2f s", milliseconds / 1000) }
    static func formatMilliseconds(_ milliseconds: Double) -> String { String(format: "%.1f ms", milliseconds) }

    // MARK: The parent

    static func run(_ arguments: [String]) -> Int32 {
        let options: Options
        do { options = try Options.parse(arguments) } catch {
            progress("usage: accessgraph-bench account N [N...] [--generator PATH] [--timeout S]: \(error.message)")
            return 2
        }
        let generator = options.generator.map { URL(fileURLWithPath: $0) }
            ?? packageRoot.deletingLastPathComponent().appendingPathComponent("shared/bench/gen_account.py")
        guard let python3 = Executable.onPath("python3") else {
            progress("python3 is not on PATH: it runs the account generator \(generator.path)")
            return 1
        }
        guard FileManager.default.fileExists(atPath: generator.path) else {
            progress("the account generator \(generator.path) is missing (give --generator PATH)")
            return 1
        }
        guard let executable = Bundle.main.executableURL else {
            progress("cannot find this executable to run each size in a child process")
            return 1
        }
        let cache = packageRoot.appendingPathComponent(".build/bench-accounts")
        var rows: [(size: Int, outcome: Outcome)] = []
        for size in options.sizes {
            let file = cache.appendingPathComponent("acct-\(size)-seed\(seed).json")
            if let problem = generate(size, into: file, python3: python3, generator: generator) {
                rows.append((size, .failed(problem)))
                continue
            }
            progress("\(size) roles: loading and building the graph in a child process" + (options.timeout.map { " (limit \(String(format: "%g", $0)) s)" } ?? ""))
            rows.append((size, measure(file, executable: executable, timeout: options.timeout)))
        }
        print("AccessGraph at account scale: gen_account.py --roles N --seed \(seed), one child process per size (release build expected)")
        print(table(rows), terminator: "")
        return rows.allSatisfy { if case .measured = $0.outcome { true } else { false } } ? 0 : 1
    }

    /// Writes the account of `size` roles unless the cache has it; the problem when it cannot.
    static func generate(_ size: Int, into file: URL, python3: URL, generator: URL) -> String? {
        if FileManager.default.fileExists(atPath: file.path) {
            progress("\(size) roles: \(file.path) (cached)")
            return nil
        }
        progress("\(size) roles: generating \(file.path)")
        // Written beside the cache and renamed, so an interrupted run leaves no partial account.
        let partial = file.appendingPathExtension("partial")
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            let process = Process()
            process.executableURL = python3
            process.arguments = [generator.path, "--roles", "\(size)", "--seed", "\(seed)", "-o", partial.path]
            process.standardOutput = FileHandle.standardError
            process.standardError = FileHandle.standardError
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { return "the generator exited with status \(process.terminationStatus)" }
            try FileManager.default.moveItem(at: partial, to: file)
            return nil
        } catch {
            return "generating the account: \(error.localizedDescription)"
        }
    }

    /// Runs the child on `file`, killing it after `timeout` seconds.
    static func measure(_ file: URL, executable: URL, timeout: Double?) -> Outcome {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("accessgraph-bench-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: output) }
        let finished = DispatchSemaphore(value: 0)
        let process = Process()
        do {
            _ = FileManager.default.createFile(atPath: output.path, contents: nil)
            let handle = try FileHandle(forWritingTo: output)
            defer { try? handle.close() }
            process.executableURL = executable
            process.arguments = [childCommand, file.path]
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = handle
            process.standardError = FileHandle.standardError
            process.terminationHandler = { _ in finished.signal() }
            try process.run()
        } catch {
            return .failed("the child did not start: \(error.localizedDescription)")
        }
        if let timeout, finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            finished.wait()
            return .timedOut(seconds: timeout)
        } else if timeout == nil {
            finished.wait()
        }
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            return .failed("the child ended with status \(process.terminationStatus)")
        }
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        guard let line = text.split(separator: "\n").last, let measurement = Measurement(line: line) else {
            return .failed("the child printed no figures")
        }
        return .measured(measurement)
    }

    // MARK: The child

    /// Loads the snapshot as `accessgraph graph --account-snapshot FILE` does, builds the graph,
    /// runs the queries, and prints one `Measurement` line.
    static func child(_ arguments: [String]) -> Int32 {
        guard arguments.count == 1, let path = arguments.first else {
            progress("usage: accessgraph-bench \(childCommand) FILE")
            return 2
        }
        let clock = ContinuousClock()
        do {
            let catalogue = try ServiceCatalogue.embedded()
            var start = clock.now
            let inventory = try StackLoader.load(StackInput(snapshot: .file(path), context: .unknown), catalogue: catalogue)
            let load = milliseconds(clock.now - start)
            progress("  loaded \(inventory.roles.count) roles in \(formatSeconds(load)); building the graph")
            start = clock.now
            let graph = AccessGraphBuilder.build(inventory, catalogue: catalogue)
            let build = milliseconds(clock.now - start)
            progress("  \(graph.nodes.count) nodes, \(graph.edges.count) edges in \(formatSeconds(build)); querying")
            let measurement = Measurement(
                roles: inventory.roles.count, principals: inventory.principals.count, nodes: graph.nodes.count, edges: graph.edges.count,
                load: load, graph: build, pathsQuery: pathsTiming(graph), whoCan: whoCanTiming(graph, inventory: inventory),
                escalations: escalationsTiming(graph, inventory: inventory), peakKilobytes: peakResidentKilobytes())
            print(measurement.line)
            return 0
        } catch {
            progress("\(path): \(error)")
            return 1
        }
    }

    /// Milliseconds of `graph.paths(to:)` toward the pipeline role; nil when the graph has no such node.
    static func pathsTiming(_ graph: AccessGraph) -> Double? {
        guard graph.nodes.contains(where: { $0.id == pipelineRole }) else { return nil }
        let clock = ContinuousClock()
        let start = clock.now
        let paths = graph.paths(to: pipelineRole)
        let elapsed = milliseconds(clock.now - start)
        progress("  \(paths.count) paths to the pipeline role")
        return elapsed
    }

    // MARK: Queries

    /// Milliseconds of one `who-can` on the built graph: who can pass the pipeline role (its
    /// `AccessQuery`, the graph's indexes, is built first and not counted: `who-can` builds it once).
    static func whoCanTiming(_ graph: AccessGraph, inventory: Inventory) -> Double? {
        let clock = ContinuousClock()
        let indexing = clock.now
        let query = AccessQuery(graph: graph, inventory: inventory)
        progress("  query indexes in \(formatSeconds(milliseconds(clock.now - indexing)))")
        // The indexes stay alive until the clock is read: freeing them is no part of the query.
        let (answers, elapsed) = withExtendedLifetime(query) {
            let start = clock.now
            let answers = query.whoCan("iam:PassRole", on: pipelineRole)
            return (answers, milliseconds(clock.now - start))
        }
        progress("  who-can iam:PassRole on the pipeline role: \(answers.count) principals")
        return elapsed
    }

    /// Milliseconds of `escalations` as the command runs it without `--to`: the administrators
    /// found, then who can become one of them or the pipeline role.
    static func escalationsTiming(_ graph: AccessGraph, inventory: Inventory) -> Double? {
        let query = AccessQuery(graph: graph, inventory: inventory)
        let clock = ContinuousClock()
        let (administrators, answers, elapsed) = withExtendedLifetime(query) {
            let start = clock.now
            let administrators = query.administrators()
            let answers = query.escalations(to: (administrators + [pipelineRole]).uniqued())
            return (administrators, answers, milliseconds(clock.now - start))
        }
        progress("  escalations: \(administrators.count) administrators, \(answers.count) principals reach one or the pipeline role")
        return elapsed
    }

    // MARK: Helpers

    /// The process's peak resident size (`VmHWM` in /proc/self/status), in kB.
    static func peakResidentKilobytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        return line.split(whereSeparator: \.isWhitespace).dropFirst().first.flatMap { Int($0) }
    }

    static func progress(_ message: String) {
        FileHandle.standardError.write(Data("accessgraph-bench: \(message)\n".utf8))
    }
}

// Read back in an extension, so `Measurement` keeps its memberwise initializer.
extension AccountBenchmark.Measurement {
    /// The measurement a child's line holds; nil for any other line.
    init?(line: Substring) {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 10, let roles = Int(fields[0]), let principals = Int(fields[1]), let nodes = Int(fields[2]),
              let edges = Int(fields[3]), let load = Double(fields[4]), let graph = Double(fields[5]) else { return nil }
        self.init(roles: roles, principals: principals, nodes: nodes, edges: edges, load: load, graph: graph,
                  pathsQuery: Double(fields[6]), whoCan: Double(fields[7]), escalations: Double(fields[8]), peakKilobytes: Int(fields[9]))
    }
}
