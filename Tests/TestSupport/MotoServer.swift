import Foundation

/// A moto server (a stand-in for AWS, from PyPI) on 127.0.0.1 for the live audit's tests, on a
/// port the system picks, stopped when this value goes away. `.ci/run` installs moto into
/// `.build/moto` when the machine's Python lacks it.
package final class MotoServer: @unchecked Sendable {
    package let url: String
    let process: Process

    /// The Python that can run `moto.server`: the project's venv (`.ci/run` installs moto there),
    /// else `python3` on PATH. Whether moto imports is checked when a server starts, not while
    /// tests are discovered.
    package static let python: URL? = {
        let venv = Repository.url(".build/moto/bin/python")
        return FileManager.default.isExecutableFile(atPath: venv.path) ? venv : Executable.onPath("python3")
    }()

    package static var isAvailable: Bool { python != nil }

    package init() throws {
        guard let python = Self.python, try Executable.run(python, ["-c", "import moto.server, boto3"], in: NSTemporaryDirectory()).status == 0 else {
            throw MotoError.unavailable
        }
        let process = Process()
        process.executableURL = python
        process.arguments = ["-m", "moto.server", "-H", "127.0.0.1", "-p", "0"]
        var environment = ProcessInfo.processInfo.environment
        environment["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true"
        process.environment = environment
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        self.process = process
        // Werkzeug prints ` * Running on http://127.0.0.1:PORT` once it listens.
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
        throw MotoError.didNotStart(text)
    }

    /// Ctrl-C, which the server handles; SIGKILL if it is still there after five seconds.
    deinit {
        process.interrupt()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning, Date() < deadline { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    package enum MotoError: Error {
        case unavailable
        case didNotStart(String)
    }
}
