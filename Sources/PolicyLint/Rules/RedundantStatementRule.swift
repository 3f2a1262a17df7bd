import PolicyModel

/// `lint.redundant-statement` (suggestion): a statement with the same effect, principal, actions,
/// resources and conditions as an earlier one (entries compared as sets; `Sid` ignored).
struct RedundantStatementRule: LintRule {
    let codes = ["lint.redundant-statement"]

    /// A statement without positions, order or `Sid`.
    private struct Shape: Hashable {
        var effect: Effect
        var principal: PrincipalShape?
        var actionIsNot: Bool
        var actions: Set<String>
        var resourceIsNot: Bool?
        var resources: Set<String>
        var conditions: Set<ConditionShape>
    }

    private struct PrincipalShape: Hashable {
        var isNot: Bool
        var isEveryone: Bool
        var entries: Set<String>
    }

    private struct ConditionShape: Hashable {
        var base: ConditionOperator.Base
        var qualifier: ConditionOperator.SetQualifier?
        var ifExists: Bool
        var key: String
        var values: Set<String>
    }

    func check(_ context: LintContext) -> [Diagnostic] {
        var seen: [Shape: Statement] = [:]
        var diagnostics: [Diagnostic] = []
        for statement in context.document.statements {
            let shape = Self.shape(of: statement)
            guard let earlier = seen[shape] else {
                seen[shape] = statement
                continue
            }
            diagnostics.append(context.diagnostic(
                .suggestion, "lint.redundant-statement",
                "\(context.name(of: statement)) repeats \(context.name(of: earlier))"
                    + (earlier.position.isKnown ? " at line \(earlier.position.line)" : ""),
                at: statement.position, help: "remove one of them"))
        }
        return diagnostics
    }

    private static func shape(of statement: Statement) -> Shape {
        Shape(
            effect: statement.effect,
            principal: statement.principal.map { principal in
                PrincipalShape(
                    isNot: principal.isNot, isEveryone: principal.isEveryone,
                    entries: Set(principal.entries.map { "\($0.kind.rawValue)\u{0}\($0.value)" }))
            },
            actionIsNot: statement.action.isNot,
            actions: Set(statement.action.patterns.map { $0.text.lowercased() }),
            resourceIsNot: statement.resource?.isNot,
            resources: Set(statement.resource?.patterns.map(\.text) ?? []),
            conditions: Set(statement.conditions.map { clause in
                ConditionShape(
                    base: clause.operator.base, qualifier: clause.operator.qualifier, ifExists: clause.operator.ifExists,
                    key: clause.lookupKey, values: Set(clause.values.map(\.text)))
            }))
    }
}
