import PolicyModel
import ServiceCatalog

/// What a rule sees: the document, its type, the catalogue, positions the model does not keep,
/// and each statement's actions resolved against the catalogue (computed once for all rules).
package struct LintContext: Sendable {
    package let document: PolicyDocument
    /// The type the document is linted as (given, or guessed by the caller).
    package let type: PolicyType
    package let catalogue: ServiceCatalogue
    /// `resolvedActions[i]` belongs to `document.statements[i]`, entry by entry.
    package let resolvedActions: [[ResolvedAction]]

    /// Resolves every action entry once, for all rules.
    package init(document: PolicyDocument, type: PolicyType, catalogue: ServiceCatalogue) {
        self.document = document
        self.type = type
        self.catalogue = catalogue
        self.resolvedActions = document.statements.map { statement in
            statement.action.patterns.map { ResolvedAction($0, catalogue: catalogue) }
        }
    }

    /// Statements paired with their resolved actions.
    package var statements: Zip2Sequence<[Statement], [[ResolvedAction]]> {
        zip(document.statements, resolvedActions)
    }

    /// The known actions of a statement's `Action` element when every entry is an exact, known
    /// name; nil when the statement uses `NotAction`, wildcards or unknown actions, so rules that
    /// reason about "all the statement's actions" stay silent rather than guess.
    package func exactActions(_ actions: [ResolvedAction], of statement: Statement) -> [ActionInfo]? {
        guard !statement.action.isNot else { return nil }
        var infos: [ActionInfo] = []
        for action in actions {
            guard let info = action.info else { return nil }
            infos.append(info)
        }
        return infos.isEmpty ? nil : infos
    }

    /// How messages name a statement: by `Sid` when it has one, else by its place, counted from
    /// 0 as everywhere else (explanations, reports, case files).
    package func name(of statement: Statement) -> String {
        if let sid = statement.sid, !sid.isEmpty { return "statement `\(sid)`" }
        return "statement \(statement.index)"
    }

    /// A diagnostic at `position`; the rule supplies the wording.
    package func diagnostic(
        _ severity: Severity, _ code: String, _ message: String, at position: SourcePosition, help: String? = nil
    ) -> Diagnostic {
        Diagnostic(severity: severity, code: code, message: message, position: position, help: help)
    }
}
