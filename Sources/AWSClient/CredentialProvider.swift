import AWSSigning
import Foundation
import PolicyModel

/// Turns the settings' credential source into keys: given keys as they are, a
/// `credential_process` run, a role assumed through STS with its source's credentials or with a
/// web identity token.
package enum CredentialProvider {
    package static func credentials(_ source: AWSSettings.CredentialSource, settings: AWSSettings, region: String,
                                    transport: any HTTPTransport, retry: RetryPolicy) async throws -> AWSCredentials {
        switch source {
        case .keys(let credentials, _):
            return credentials
        case .process(let command, let profile):
            return try CredentialProcess.credentials(command: command, profile: profile)
        case .assumeRole(let role, let sessionName, let externalId, let sourceCredentials, _):
            let keys = try await credentials(sourceCredentials, settings: settings, region: region, transport: transport, retry: retry)
            let client = AWSClient(settings: settings, credentials: keys, region: region, transport: transport, retry: retry)
            var parameters: [SigningRequest.QueryParameter] = [.init("RoleArn", role), .init("RoleSessionName", sessionName)]
            if let externalId { parameters.append(.init("ExternalId", externalId)) }
            return try temporaryCredentials(try await client.query(.sts, "AssumeRole", parameters), operation: "AssumeRole")
        case .webIdentity(let role, let sessionName, let tokenFile, let origin):
            let token = try webIdentityToken(tokenFile, role: role, origin: origin)
            // AWS takes this call unsigned: the token is the proof, so no keys are needed.
            let client = AWSClient(settings: settings, credentials: AWSCredentials(accessKeyId: "", secretAccessKey: ""), region: region, transport: transport, retry: retry)
            let parameters: [SigningRequest.QueryParameter] = [.init("RoleArn", role), .init("RoleSessionName", sessionName), .init("WebIdentityToken", token)]
            do {
                return try temporaryCredentials(try await client.query(.sts, "AssumeRoleWithWebIdentity", parameters, signed: false), operation: "AssumeRoleWithWebIdentity")
            } catch var error as AWSCallError {
                // Whatever the service says, the token is not repeated.
                error.message = error.message.replacingOccurrences(of: token, with: "(the token)")
                throw error
            }
        }
    }

    /// The keys of an STS `<Operation>Result`.
    static func temporaryCredentials(_ result: XMLTree, operation: String) throws -> AWSCredentials {
        let path = [operation + "Result", "Credentials"]
        guard let key = result.text(at: path + ["AccessKeyId"]), let secret = result.text(at: path + ["SecretAccessKey"]) else {
            throw AWSCallError(service: "STS", operation: operation, code: nil, message: "the answer holds no credentials", status: 200, attempts: 1)
        }
        return AWSCredentials(accessKeyId: key, secretAccessKey: secret, sessionToken: result.text(at: path + ["SessionToken"]))
    }

    /// The token in `file`, without the line break a tool may end it with; errors name the file,
    /// never its text.
    static func webIdentityToken(_ file: String, role: String, origin: String) throws(DiagnosticError) -> String {
        let problem = { (what: String) in
            DiagnosticError(Diagnostic(severity: .error, code: "aws-config.web-identity-token", message: "the web identity token file `\(file)` (\(origin), for role \(role)) \(what)"))
        }
        guard let data = FileManager.default.contents(atPath: file) else { throw problem("cannot be read") }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw problem("is empty") }
        return token
    }
}
