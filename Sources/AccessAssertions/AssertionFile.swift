import PipelineChecks
import PolicyModel

/// A team's assertions file (`accessgraph.yaml`) as written: what must always hold about its
/// stack, and the findings it accepts for now. Names (principals, resources, actions, policies)
/// are kept as written, with their positions; `StackReferences` resolves them against a stack.
package struct AssertionFile: Sendable {
    /// `must-allow` and `must-not-allow`: one request pattern and what the evaluator must say.
    package struct AccessRule: Sendable {
        package var kind: AssertionResult.Kind
        package var principal: Located<String>
        package var actions: [Located<String>]
        package var resource: Located<String>
        package var context: [ContextEntry]
        /// The list item.
        package var position: SourcePosition
    }

    /// One `context` key with its values (several make it multivalued).
    package struct ContextEntry: Sendable {
        package var key: Located<String>
        package var values: [Located<String>]
    }

    /// `no-public-access`: one named resource, or every resource (`all`).
    package struct PublicAccessRule: Sendable {
        /// nil for `all`.
        package var resource: Located<String>?
        package var position: SourcePosition
    }

    /// `no-new-access`: what the head must not grant beyond the base.
    package struct NewAccessRule: Sendable {
        package enum Subject: Sendable {
            case principal(Located<String>)
            case policy(Located<String>)
        }

        package var subject: Subject
        package var position: SourcePosition
    }

    /// `suppress`: a finding on a resource, accepted for a reason until a date.
    package struct Suppression: Sendable {
        package var finding: FindingID
        package var resource: Located<String>
        package var reason: String
        package var expires: CalendarDay
        package var position: SourcePosition
    }

    /// The file's name as diagnostics and reports show it.
    package var file: String
    package var accessRules: [AccessRule] = []
    package var publicAccessRules: [PublicAccessRule] = []
    package var newAccessRules: [NewAccessRule] = []
    package var suppressions: [Suppression] = []

    package init(file: String) {
        self.file = file
    }

    /// The name the file has when nothing else is given: looked for in the working directory.
    package static let defaultName = "accessgraph.yaml"

    package func location(_ position: SourcePosition) -> SourceLocation {
        SourceLocation(file: file, position: position)
    }
}
