/// A call that failed for good, with what the service said. Never holds credentials: messages
/// come from the service's error body and the request's operation, not from the request itself.
package struct AWSCallError: Error, Sendable, CustomStringConvertible {
    package var service: String
    package var operation: String
    /// The service's error code (`AccessDenied`, `ResourceNotFoundException`), when it gave one.
    package var code: String?
    package var message: String
    /// nil when no response arrived (timeout, connection refused).
    package var status: Int?
    package var attempts: Int

    package var description: String {
        let what = status.map { "HTTP \($0)" + (code.map { " \($0)" } ?? "") } ?? "no response"
        return "\(service) \(operation) failed (\(what)\(attempts > 1 ? " after \(attempts) attempts" : "")): \(message)"
    }
}
