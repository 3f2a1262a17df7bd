import Foundation

/// `Tests/AccountFixtures/fault_server.py` on 127.0.0.1: checks every request's SigV4 signature
/// (secret `testing` for key `testing`), answers the scripted faults, and passes everything else
/// to `upstream` (a moto server). Stopped when this value goes away.
package final class FaultServer: @unchecked Sendable {
    /// One scripted answer: `fault` for the first `times` requests of `operation` (all of them
    /// when nil). Faults: throttle, too-many-requests, internal-error, access-denied, slow
    /// (`seconds`), truncated, html, bad-gateway.
    package struct Fault: Sendable {
        package var operation: String
        package var fault: String
        package var times: Int?
        package var seconds: Double?

        package init(_ operation: String, _ fault: String, times: Int? = nil, seconds: Double? = nil) {
            self.operation = operation
            self.fault = fault
            self.times = times
            self.seconds = seconds
        }
    }

    /// A request as the server logged it.
    package struct Answer: Sendable, Hashable {
        package var operation: String
        package var status: Int
        package var fault: String?
    }

    let server: LocalServer
    let log: String
    package var url: String { server.url }

    package init(upstream: String, faults: [Fault], in directory: TemporaryDirectory) throws {
        guard let python = LocalServer.python else { throw LocalServer.LocalServerError.unavailable }
        let name = UUID().uuidString
        let entries = faults.map { fault -> [String: Any] in
            var entry: [String: Any] = ["operation": fault.operation, "fault": fault.fault]
            if let times = fault.times { entry["times"] = times }
            if let seconds = fault.seconds { entry["seconds"] = seconds }
            return entry
        }
        let script = try directory.write("faults-\(name).json", String(decoding: try JSONSerialization.data(withJSONObject: entries), as: UTF8.self))
        log = directory.path + "/requests-\(name).jsonl"
        server = try LocalServer(python: python, [Repository.url("Tests/AccountFixtures/fault_server.py").path, "--faults", script, "--log", log, "--upstream", upstream])
    }

    /// Every request so far, in the order they were answered.
    package var answers: [Answer] {
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            guard let entry = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let operation = entry["operation"] as? String, let status = entry["status"] as? Int else { return nil }
            return Answer(operation: operation, status: status, fault: entry["fault"] as? String)
        }
    }

    /// The statuses `operation` was answered with, in order.
    package func statuses(of operation: String) -> [Int] {
        answers.filter { $0.operation == operation }.map(\.status)
    }
}
