/// An access key pair, with the session token of temporary credentials. Its description never
/// shows the secret or the token, so printing one by mistake leaks nothing.
package struct AWSCredentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    package var accessKeyId: String
    package var secretAccessKey: String
    package var sessionToken: String?

    package init(accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    package var description: String {
        "credentials \(accessKeyId) (secret hidden\(sessionToken == nil ? "" : ", session token hidden"))"
    }

    package var debugDescription: String { description }
}
