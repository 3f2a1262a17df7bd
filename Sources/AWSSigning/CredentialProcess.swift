import Foundation
import PolicyModel
import PolicyParsing

/// `credential_process`: runs the profile's command and reads the keys it prints
/// (`{"Version": 1, "AccessKeyId": …, "SecretAccessKey": …, "SessionToken": …, "Expiration": …}`).
/// What the command prints is never repeated in an error: it may hold a secret.
package enum CredentialProcess {
    /// How long the command may take before it is stopped.
    package static let timeout: TimeInterval = 60

    package static func credentials(command: String, profile: String) throws(DiagnosticError) -> AWSCredentials {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            throw problem("the credential_process of profile `\(profile)` could not start: \(error.localizedDescription)")
        }
        // Read while it runs, so a large output cannot fill the pipe and stall it.
        let data = output.fileHandleForReading.readDataToEndOfFile()
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            throw problem("the credential_process of profile `\(profile)` did not finish within \(Int(timeout)) s")
        }
        guard process.terminationStatus == 0 else {
            throw problem("the credential_process of profile `\(profile)` exited with status \(process.terminationStatus)")
        }
        return try parse(Array(data), profile: profile)
    }

    package static func parse(_ output: [UInt8], profile: String) throws(DiagnosticError) -> AWSCredentials {
        let node: JSONNode
        do {
            node = try JSONReader.parse(bytes: output)
        } catch {
            throw problem("the credential_process of profile `\(profile)` did not print a JSON object")
        }
        guard node["Version"].map({ $0.value == .number("1") }) == true else {
            throw problem("the credential_process of profile `\(profile)` printed no `\"Version\": 1`")
        }
        guard let key = node["AccessKeyId"]?.stringValue, let secret = node["SecretAccessKey"]?.stringValue, !key.isEmpty, !secret.isEmpty else {
            throw problem("the credential_process of profile `\(profile)` printed no `AccessKeyId` and `SecretAccessKey`")
        }
        return AWSCredentials(accessKeyId: key, secretAccessKey: secret, sessionToken: node["SessionToken"]?.stringValue)
    }

    static func problem(_ message: String) -> DiagnosticError {
        DiagnosticError(Diagnostic(severity: .error, code: "aws-config.credential-process", message: message))
    }
}
