import PolicyEvaluation
import PolicyModel
import PolicyParsing

/// One generated policy document: what it is for, its statements with the requirements they
/// serve, and the document as the evaluator reads it.
package struct GeneratedPolicy: Sendable {
    /// Where the document goes.
    package enum Kind: Sendable, Hashable {
        /// The permission policy of a role (by logical id or name; `GeneratedStack.rolesOutsideInputs`
        /// says which the inputs only name).
        case rolePermissions(role: String)
        /// The trust policy of a role.
        case roleTrust(role: String)
        /// The access policy of an OpenSearch domain of the inputs.
        case domainAccess(domain: String)
        /// The policy of an S3 bucket of the inputs.
        case bucketPolicy(bucket: String)
        /// The identity-based policy of whoever deploys the pipeline (not in the inputs).
        case deployer
        /// The identity-based policy of whoever runs `audit` live (not in the inputs, never in a
        /// generated stack).
        case auditor
    }

    /// The file name without `.json`, such as `pipeline-role-policy`.
    package var name: String
    /// One line saying what it is, such as "Permission policy of the pipeline role `PipelineRole`".
    package var title: String
    package var kind: Kind
    package var statements: [GeneratedStatement]

    package init(name: String, title: String, kind: Kind, statements: [GeneratedStatement]) {
        self.name = name
        self.title = title
        self.kind = kind
        self.statements = statements
    }

    /// The document as IAM JSON, tokens kept.
    package var json: JSONOutput {
        .object([("Version", .string("2012-10-17")), ("Statement", .array(statements.map(\.json)))])
    }

    /// The document as the evaluator reads it, named as reports name it.
    package func namedPolicy() throws(DiagnosticError) -> NamedPolicy {
        NamedPolicy(id: name, document: try PolicyParser.parse(json.rendered()))
    }

    /// The same policy without one entry of a statement's `Action` or `Resource`, or without the
    /// statement when that was its last.
    func removing(_ entry: Int, of element: WritableKeyPath<GeneratedStatement, [String]>, fromStatement index: Int) -> GeneratedPolicy {
        var copy = self
        copy.statements[index][keyPath: element].remove(at: entry)
        if copy.statements[index][keyPath: element].isEmpty { copy.statements.remove(at: index) }
        return copy
    }
}
