import PolicyEvaluation
import PolicyModel

/// What a finding points at: a statement of a policy (with what it grants), or a setting.
package struct Evidence: Sendable, Hashable, CustomStringConvertible {
    package var statement: StatementRef?
    package var detail: String?
    package var location: SourceLocation?

    package init(statement: StatementRef?, detail: String? = nil, location: SourceLocation?) {
        self.statement = statement
        self.detail = detail
        self.location = location
    }

    /// `policy statement N (Sid): detail`.
    package var description: String {
        [statement?.label, detail].compactMap { $0 }.joined(separator: ": ")
    }
}
