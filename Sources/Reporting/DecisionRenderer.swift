import PolicyEvaluation
import PolicyModel
import PolicyParsing

/// Renders one authorization decision with its explanation. Decides nothing. In text, everything
/// that comes from the request or the policies is escaped (`DisplayText`): one line per item.
package enum DecisionRenderer {
    package static func text(_ result: AuthorizationResult, request: AuthorizationRequest) -> String {
        var lines: [String] = []
        lines.append("\(decisionWord(result)): " + DisplayText.escaped("\(request.principal) → \(request.action) on \(request.wildcardOnlyAction ? "*" : request.resource)"))
        if let undetermined = result.undetermined {
            lines.append("  possible decisions: " + undetermined.possibleDecisions.map(\.rawValue).joined(separator: ", ")
                + " (\(result.decision.rawValue) with the unknown values as written)")
            lines.append("  why, as written: \(DisplayText.escaped(result.reason))")
            for residual in undetermined.residuals {
                lines.append("  depends on: " + DisplayText.escaped(residual.subject))
            }
            for fact in undetermined.facts {
                lines.append("  depends on: \(DisplayText.escaped(fact))")
            }
        } else {
            lines.append("  why: \(DisplayText.escaped(result.reason))")
        }
        for ref in result.matched {
            lines.append("  \(ref.effect == .deny ? "denied" : "allowed") by: \(DisplayText.escaped(ref.description))")
        }
        for ref in result.guardrails {
            lines.append("  permitted by: \(DisplayText.escaped(ref.description))")
        }
        for miss in result.nearMisses {
            lines.append("  nearest miss: \(DisplayText.escaped(miss.statement.description))")
            for mismatch in miss.mismatches {
                lines.append("    - \(DisplayText.escaped(mismatch.detail))")
            }
        }
        if !result.missingContextKeys.isEmpty {
            lines.append("  missing context keys: " + DisplayText.escaped(result.missingContextKeys.map { "`\($0)`" }.joined(separator: ", ")))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    package static func json(_ result: AuthorizationResult, request: AuthorizationRequest) -> JSONOutput {
        guard case .object(let members) = explanation(result) else { return explanation(result) }
        return .object([
            ("decision", .string(decisionWord(result))),
            ("request", .object([
                ("principal", .string(request.principal.description)),
                ("action", .string(request.action)),
                ("resource", .string(request.wildcardOnlyAction ? "*" : request.resource)),
            ])),
        ] + members)
    }

    /// The explanation part of a decision, shared by single requests and case runs.
    package static func explanation(_ result: AuthorizationResult) -> JSONOutput {
        .object([
            ("determined", .bool(result.isDetermined)),
            ("decisionAsWritten", .string(result.decision.rawValue)),
            ("reason", .string(result.reason)),
            ("deniedBy", .optional(result.deniedBy?.description)),
            ("undetermined", result.undetermined.map(undetermined) ?? .null),
            ("matched", .array(result.matched.map(statement))),
            ("guardrails", .array(result.guardrails.map(statement))),
            ("nearMisses", .array(result.nearMisses.map { miss in
                .object([
                    ("statement", statement(miss.statement)),
                    ("mismatches", .array(miss.mismatches.map { mismatch in
                        .object([
                            ("element", .string(mismatch.element.rawValue)),
                            ("key", .optional(mismatch.key)),
                            ("detail", .string(mismatch.detail)),
                            ("line", .int(mismatch.position.line)),
                            ("column", .int(mismatch.position.column)),
                        ])
                    })),
                ])
            })),
            ("missingContextKeys", .array(result.missingContextKeys.map(JSONOutput.string))),
        ])
    }

    /// `Undetermined` when unknown values could change the decision, else the decision.
    package static func decisionWord(_ result: AuthorizationResult) -> String {
        result.isDetermined ? result.decision.rawValue : "Undetermined"
    }

    static func undetermined(_ undetermined: Undetermined) -> JSONOutput {
        .object([
            ("possibleDecisions", .array(undetermined.possibleDecisions.map { .string($0.rawValue) })),
            ("residuals", .array(undetermined.residuals.map { residual in
                .object([
                    ("statement", statement(residual.statement)),
                    ("layer", .string(residual.layer.description)),
                    ("unknownPolicy", .bool(residual.isUnknownPolicy)),
                    ("appliesAsWritten", .bool(residual.appliesLiterally)),
                    ("comparisons", .array(residual.comparisons.map(JSONOutput.string))),
                    ("unknownKeys", .array(residual.unknownKeys.map(JSONOutput.string))),
                ])
            })),
            ("facts", .array(undetermined.facts.map(JSONOutput.string))),
        ])
    }

    package static func statement(_ ref: StatementRef) -> JSONOutput {
        .object([
            ("policy", .string(ref.policy)),
            ("index", .int(ref.index)),
            ("sid", .optional(ref.sid)),
            ("effect", .string(ref.effect.rawValue)),
            ("line", .int(ref.position.line)),
            ("column", .int(ref.position.column)),
        ])
    }
}
