import Foundation

/// A moto server (a stand-in for AWS, from PyPI) on 127.0.0.1 for the live audit's tests,
/// stopped when this value goes away. `.ci/run` installs moto into `.build/moto` when the
/// machine's Python lacks it.
package final class MotoServer: @unchecked Sendable {
    let server: LocalServer
    package var url: String { server.url }

    /// Whether moto imports is checked when a server starts, not while tests are discovered.
    package static var isAvailable: Bool { LocalServer.python != nil }

    package init() throws {
        guard let python = LocalServer.python, try Executable.run(python, ["-c", "import moto.server, boto3"], in: NSTemporaryDirectory()).status == 0 else {
            throw LocalServer.LocalServerError.unavailable
        }
        // Through moto_server.py, so the reference account can join an organization.
        server = try LocalServer(python: python, [Repository.url("Tests/AccountFixtures/moto_server.py").path, "-H", "127.0.0.1", "-p", "0"],
                                 environment: ["MOTO_IAM_LOAD_MANAGED_POLICIES": "true", "MOTO_MEMBER_ACCOUNT_IDS": "123456789012"])
    }
}
