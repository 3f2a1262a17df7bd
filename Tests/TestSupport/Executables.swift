import Foundation

/// Programs a test runs as a process of their own: this package's executables, which `swift test`
/// builds next to the tests, and tools found on PATH.
package enum Executable {
    /// A product of this package (`accessgraph`, `catalogue-import`) built alongside the tests; nil
    /// when it is not there.
    package static func built(_ name: String) -> URL? {
        var directories: [URL] = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        if let executable = Bundle.main.executableURL {
            directories.append(executable.deletingLastPathComponent())
            directories.append(executable.deletingLastPathComponent().deletingLastPathComponent())
        }
        // macOS runs tests inside an .xctest bundle in the products directory.
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        return directories.map { $0.appendingPathComponent(name) }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// `name` as a shell would find it on PATH; nil when it is not there.
    package static func onPath(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Runs `executable` to its end in `directory`, with the environment changed by `environment`
    /// (nil removes a variable); standard output and error together.
    package static func run(_ executable: URL, _ arguments: [String], in directory: String, environment: [String: String?] = [:]) throws
        -> (status: Int32, output: String) {
        let (status, texts) = try launch(executable, arguments, in: directory, environment: environment, logs: 1)
        return (status, texts[0])
    }

    /// Runs `executable` to its end, standard output and error apart.
    package static func runSeparately(_ executable: URL, _ arguments: [String], in directory: String, environment: [String: String?] = [:]) throws
        -> (status: Int32, stdout: String, stderr: String) {
        let (status, texts) = try launch(executable, arguments, in: directory, environment: environment, logs: 2)
        return (status, texts[0], texts[1])
    }

    /// One log file for both streams, or one each; files rather than pipes, so a chatty process
    /// never blocks on a full pipe.
    private static func launch(_ executable: URL, _ arguments: [String], in directory: String, environment: [String: String?], logs count: Int) throws
        -> (status: Int32, texts: [String]) {
        let logs = (0..<count).map { FileManager.default.temporaryDirectory.appendingPathComponent("accessgraph-run-\(UUID().uuidString)-\($0).log") }
        for log in logs { FileManager.default.createFile(atPath: log.path, contents: nil) }
        defer { for log in logs { try? FileManager.default.removeItem(at: log) } }
        let handles = try logs.map { try FileHandle(forWritingTo: $0) }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var variables = ProcessInfo.processInfo.environment
        for (name, value) in environment { variables[name] = value }
        process.environment = variables
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = handles[0]
        process.standardError = handles[count - 1]
        try process.run()
        process.waitUntilExit()
        for handle in handles { try handle.close() }
        return (process.terminationStatus, logs.map { (try? String(contentsOf: $0, encoding: .utf8)) ?? "" })
    }
}
