import PolicyModel

/// Prints a `PolicyDocument` as canonical JSON that `PolicyParser` reads back to an equal document
/// (equality ignores positions), so printing the re-read document gives the same bytes.
///
/// The layout is `JSONOutput`'s: two-space indentation, a final newline. Keys come in a fixed
/// order: `Version`, `Id`, `Statement`; in a statement `Sid`, `Effect`, `Principal`/`NotPrincipal`,
/// `Action`/`NotAction`, `Resource`/`NotResource`, `Condition`. Absent elements are left out.
///
/// - `Statement` is a list when the document wrote one (`statementIsList`), else a single object.
/// - Other one-entry lists print as a bare string, as the model does not record which form was
///   written; longer (and empty) lists print as lists.
/// - Principals are grouped by type, types in the order their first entry appears.
/// - Condition operators and keys keep the order they were written in, not sorted: the model keeps
///   clauses in that order, so sorting them would make the re-read document differ. Clauses
///   with the same operator spelling are grouped under it, at its first appearance.
/// - Condition values print as JSON strings (`10` and `true` become `"10"` and `"true"`), which
///   IAM and the parser read as the same values.
/// - Operators print with their spelling as written; values, actions and resources as written.
///
/// A document built in code prints the same way; it reads back equal when its statements are
/// indexed 0, 1, ... and the clauses of each operator are contiguous, as a parsed document's are.
package enum PolicyPrinter {
    /// The document as canonical JSON text with a final newline.
    package static func print(_ document: PolicyDocument) -> String {
        json(document).rendered()
    }

    /// The document as a JSON value, to embed in a larger output.
    package static func json(_ document: PolicyDocument) -> JSONOutput {
        var members: [(String, JSONOutput)] = []
        if let version = document.version { members.append(("Version", .string(version.rawValue))) }
        if let id = document.id { members.append(("Id", .string(id))) }
        let statements = document.statements.map(statement)
        if !document.statementIsList, statements.count == 1 {
            members.append(("Statement", statements[0]))
        } else {
            members.append(("Statement", .array(statements)))
        }
        return .object(members)
    }

    private static func statement(_ statement: Statement) -> JSONOutput {
        var members: [(String, JSONOutput)] = []
        if let sid = statement.sid { members.append(("Sid", .string(sid))) }
        members.append(("Effect", .string(statement.effect.rawValue)))
        if let principal = statement.principal { members.append((principal.elementName, self.principal(principal))) }
        members.append((statement.action.elementName, list(statement.action.patterns.map(\.text))))
        if let resource = statement.resource { members.append((resource.elementName, list(resource.patterns.map(\.text)))) }
        if !statement.conditions.isEmpty { members.append(("Condition", conditionBlock(statement.conditions))) }
        return .object(members)
    }

    private static func principal(_ principal: PrincipalElement) -> JSONOutput {
        if principal.isEveryone { return .string("*") }
        let byKind = principal.entries.groupedInOrder(by: \.kind)
        return .object(byKind.map { kind, entries in (kind.rawValue, list(entries.map(\.value))) })
    }

    private static func conditionBlock(_ clauses: [ConditionClause]) -> JSONOutput {
        let byOperator = clauses.groupedInOrder(by: \.operator.spelling)
        return .object(byOperator.map { spelling, clauses in
            (spelling, .object(clauses.map { ($0.key, list($0.values.map(\.text))) }))
        })
    }

    /// One entry as a bare string, otherwise a list.
    private static func list(_ texts: [String]) -> JSONOutput {
        texts.count == 1 ? .string(texts[0]) : .array(texts.map(JSONOutput.string))
    }
}
