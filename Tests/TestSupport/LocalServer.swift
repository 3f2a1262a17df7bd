import Foundation

/// A server a test runs as a process of its own on 127.0.0.1 (moto, the fault server), on a port
/// the system picks: ready once it prints its URL, stopped when this value goes away.
package final class LocalServer: @unchecked Sendable {
    package let url: String
    let process: Process

    /// The Python that runs the test servers: the project's venv (`.ci/run` installs moto
    /// there), else `python3` on PATH.
    package static let python: URL? = {
        let venv = Repository.url(".build/moto/bin/python")
        return FileManager.default.isExecutableFile(atPath: venv.path) ? venv : Executable.onPath("python3")
    }()

    /// Starts `arguments` with `python` and waits (30 s at most) for a `http://127.0.0.1:PORT` in
    /// what it prints.
    package init(python: URL, _ arguments: [String], environment: [String: String] = [:]) throws {
        let process = Process()
        process.executableURL = python
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        self.process = process
        var text = ""
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, process.isRunning {
            let data = pipe.fileHandleForReading.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
            if let range = text.range(of: #"http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression) {
                url = String(text[range])
                // Keep draining its log so the server never blocks on a full pipe.
                pipe.fileHandleForReading.readabilityHandler = { _ = $0.availableData }
                return
            }
        }
        process.terminate()
        throw LocalServerError.didNotStart(text)
    }

    /// Ctrl-C, which the servers handle; SIGKILL if it is still there after five seconds.
    deinit {
        process.interrupt()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning, Date() < deadline { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    package enum LocalServerError: Error {
        case unavailable
        case didNotStart(String)
    }
}
