import AccessGraph
import PolicyEvaluation
import PolicyModel
import PolicyParsing

/// `who-can`, `can` and `escalations` answers as text (one block per principal: the chain, each
/// step with its statements, then the access itself) and JSON.
package enum AccessQueryRenderer {
    /// What was asked, for headings and JSON.
    package enum Question {
        case access(action: String, resource: String)
        /// `can`: one principal's answer.
        case principal(String, action: String, resource: String)
        case escalation(targets: [String])
    }

    package static func text(_ answers: [AccessQuery.Answer], question: Question, graph: AccessGraph) -> String {
        let labels = Dictionary(graph.nodes.map { ($0.id, $0.label) }, uniquingKeysWith: { first, _ in first })
        func name(_ id: String) -> String { labels[id].map { $0 == id ? id : "\($0) (\(id))" } ?? id }
        let allowed = answers.filter { $0.status == .allowed }.count
        var lines: [String] = []
        switch question {
        case .access(let action, let resource):
            lines.append("who can `\(action)` on `\(resource)`: \(count(answers.count, "principal")) (\(allowed) allowed, \(answers.count - allowed) undetermined)")
        case .principal(let principal, let action, let resource):
            let verdict = answers.first.map { $0.status == .allowed ? "can" : "may (undetermined)" } ?? "cannot"
            lines.append("\(labels[principal] ?? principal) \(verdict) `\(action)` on `\(resource)`")
            if answers.isEmpty { lines.append("no policy of it allows it, and no principal it can become is allowed") }
        case .escalation(let targets):
            lines.append("who can become \(targets.map { "`\(labels[$0] ?? $0)`" }.joined(separator: ", ")): "
                + "\(count(answers.count, "principal")) (\(allowed) allowed, \(answers.count - allowed) undetermined)")
        }
        for answer in answers {
            let mark = answer.status == .allowed ? "✓" : "?"
            let through = answer.path.isEmpty ? "" : ", through \(count(answer.path.count, "step"))"
            lines.append("")
            lines.append("\(mark) \(name(answer.principal))\(through)")
            for step in answer.path {
                let via = step.edge.to == step.reached ? "" : " (member of \(labels[step.edge.to] ?? step.edge.to))"
                let what = step.edge.technique ?? step.edge.actions.joined(separator: ", ")
                lines.append("    \(labels[step.from] ?? step.from) --\(step.edge.kind.rawValue): \(what)--> \(labels[step.reached] ?? step.reached)\(via)"
                    + (step.edge.status == .undetermined ? " (undetermined)" : ""))
                lines.append("      \(step.edge.reason)")
                lines.append(contentsOf: step.edge.evidence.map { "      - \($0.description)" })
            }
            if let access = answer.access {
                let who = answer.path.isEmpty ? "" : "as \(labels[answer.actor] ?? answer.actor): "
                lines.append("    \(who)\(access.reason)")
                lines.append(contentsOf: access.evidence.map { "      - \($0.description)" })
            }
        }
        if answers.isEmpty, case .principal = question {} else if answers.isEmpty { lines.append("no principal of the inputs can") }
        return lines.map { DisplayText.escaped($0) }.joined(separator: "\n") + "\n"
    }

    package static func json(_ answers: [AccessQuery.Answer], question: Question, graph: AccessGraph) -> String {
        let labels = Dictionary(graph.nodes.map { ($0.id, $0.label) }, uniquingKeysWith: { first, _ in first })
        var asked: [(String, JSONOutput)]
        switch question {
        case .access(let action, let resource): asked = [("action", .string(action)), ("resource", .string(resource))]
        case .principal(let principal, let action, let resource):
            asked = [("principal", .string(principal)), ("action", .string(action)), ("resource", .string(resource))]
        case .escalation(let targets): asked = [("targets", .array(targets.map(JSONOutput.string)))]
        }
        asked.append(("answers", .array(answers.map { answer in
            .object([
                ("principal", .string(answer.principal)),
                ("label", .string(labels[answer.principal] ?? answer.principal)),
                ("status", .string(answer.status.rawValue)),
                ("path", .array(answer.path.map { step in
                    .object([
                        ("from", .string(step.from)), ("to", .string(step.reached)),
                        ("via", .optional(step.edge.to == step.reached ? nil : step.edge.to)),
                        ("kind", .string(step.edge.kind.rawValue)), ("actions", .array(step.edge.actions.map(JSONOutput.string))),
                        ("technique", .optional(step.edge.technique)), ("status", .string(step.edge.status.rawValue)),
                        ("reason", .string(step.edge.reason)), ("evidence", .array(step.edge.evidence.map(DecisionRenderer.statement))),
                    ])
                })),
                ("actor", .string(answer.actor)),
                ("access", answer.access.map { access in
                    .object([("status", .string(access.status.rawValue)), ("reason", .string(access.reason)),
                             ("evidence", .array(access.evidence.map(DecisionRenderer.statement)))])
                } ?? .null),
            ])
        })))
        return JSONOutput.object(asked).rendered() + "\n"
    }

    static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
}
