import Foundation
import PolicyModel

/// The reference stack bundled with the tool (`Resources/seed-stack`): what `accessgraph` checks
/// when it is given no input.
enum ReferenceStack {
    static let account = "123456789012"
    static let region = "us-east-1"
    static let fileName = "DashboardStack.123456789012-us-east-1.template.json"
    /// What a report of the reference stack says first, so that it is never mistaken for the
    /// user's stack.
    static let note = "no input given: analysing the embedded reference stack (DashboardStack, account \(account), \(region))"

    static func template() throws(DiagnosticError) -> ([UInt8], String) {
        guard let url = Bundle.module.url(forResource: "seed-stack/\(fileName)", withExtension: nil)
                ?? Bundle.module.resourceURL?.appendingPathComponent("seed-stack/\(fileName)"),
              let data = FileManager.default.contents(atPath: url.path) else {
            throw DiagnosticError(Diagnostic(severity: .error, code: "io.not-found", message: "the embedded reference stack is missing", file: fileName))
        }
        return ([UInt8](data), "seed-stack/\(fileName)")
    }
}
