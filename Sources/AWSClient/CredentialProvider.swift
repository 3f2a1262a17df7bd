import AWSSigning
import Foundation

/// Turns the settings' credential source into keys: given keys as they are, a
/// `credential_process` run, a role assumed through STS with its source's credentials.
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
            let result = try await client.query(.sts, "AssumeRole", parameters)
            let path = ["AssumeRoleResult", "Credentials"]
            guard let key = result.text(at: path + ["AccessKeyId"]), let secret = result.text(at: path + ["SecretAccessKey"]) else {
                throw AWSCallError(service: "STS", operation: "AssumeRole", code: nil, message: "the answer holds no credentials", status: 200, attempts: 1)
            }
            return AWSCredentials(accessKeyId: key, secretAccessKey: secret, sessionToken: result.text(at: path + ["SessionToken"]))
        }
    }
}
