import AccessAssertions
import PipelineChecks
import PolicyModel
import PolicyParsing
import StackDiff

/// Renders a `StackDiff`: text for a terminal, JSON, and Markdown written to be posted as one
/// pull-request comment (a summary line, tables, the unchanged findings collapsed). Decides nothing.
package enum StackDiffRenderer {
    package enum Format: String, CaseIterable, Sendable {
        case text, json, markdown, sarif
    }

    /// - Parameters:
    ///   - head: the head's report, for SARIF (its results, marked new, unchanged or absent).
    ///   - failOn: what the command refuses, so SARIF levels agree with the exit code.
    ///   - assertions: the results of an assertions file, when there is one (after the diff).
    package static func render(_ diff: StackDiff, as format: Format, head: StackReport, failOn: Set<StackDiff.FailOn> = [],
                               toolVersion: String = "", paths: SARIFPaths, assertions: AssertionReport? = nil) -> String {
        switch format {
        case .text: text(diff) + AssertionRenderer.text(assertions)
        case .json: AssertionRenderer.attach(assertions, to: json(diff)).rendered()
        case .markdown: markdown(diff) + AssertionRenderer.markdown(assertions)
        case .sarif: sarif(diff, head: head, failOn: failOn, toolVersion: toolVersion, paths: paths, assertions: assertions).rendered()
        }
    }

    /// The head's SARIF with `baselineState` on every result, the base's vanished findings as
    /// `absent`, each access gained as a `new` result of rule `access.gained`, and each policy
    /// document whose grants changed as a `new` note of rule `policy.changed`.
    static func sarif(_ diff: StackDiff, head: StackReport, failOn: Set<StackDiff.FailOn>, toolVersion: String, paths: SARIFPaths,
                      assertions: AssertionReport? = nil) -> JSONOutput {
        let gained = diff.gained.map { change in
            StackReportRenderer.Baseline.Result(
                rule: "access.gained", description: "access the change grants that the base did not", help: accessHelp, severity: .securityWarning,
                level: failOn.contains(.newAccess) ? "error" : "warning",
                message: "`\(change.from)` gains \(changeLine(change, sign: "").dropFirst())",
                location: change.evidence.first.map { SourceLocation(file: diff.head, position: $0.position) },
                key: ["access.gained", change.from, change.to, change.kind.rawValue, change.service ?? ""].joined(separator: "\u{1F}"))
        }
        let policies = diff.policies.map { change in
            StackReportRenderer.Baseline.Result(
                rule: "policy.changed", description: "a policy document whose grants the change alters", help: policyHelp, severity: .suggestion,
                level: "note",
                message: policyTitle(change) + ": " + change.grants.flatMap { grantLines($0) }.joined(separator: "; "),
                location: change.location,
                key: ["policy.changed", change.holder, change.kind.rawValue, change.policy].joined(separator: "\u{1F}"))
        }
        let baseline = StackReportRenderer.Baseline(newFindingKeys: Set(diff.findingsAdded.map(\.key)), absentFindings: diff.findingsRemoved,
                                                    extraResults: gained + policies)
        return StackReportRenderer.sarif(head, toolVersion: toolVersion, paths: paths, baseline: baseline, findingKey: \.key, assertions: assertions)
    }

    static let accessHelp = "Access the head of a change grants that its base did not, from the access graph "
        + "(`accessgraph diff` lists the statements that grant it); it fails the gate with `--fail-on new-access`."

    static let policyHelp = "A policy document whose statements grant other actions after the change: the actions added and "
        + "removed in each scope (effect, principal, resource, condition), after wildcard expansion. Informational: what the "
        + "documents grant in the end is the access graph's `access.gained`."

    static func summary(_ diff: StackDiff) -> String {
        let regressions = diff.checks.filter(\.isRegression).count
        return "access gained: \(diff.gained.count), lost: \(diff.lost.count); checks changed: \(diff.checks.count) (\(regressions) regression\(regressions == 1 ? "" : "s")); "
            + "findings: \(diff.findingsAdded.count) new, \(diff.findingsRemoved.count) removed, \(diff.findingsUnchanged.count) unchanged; "
            + "policies changed: \(diff.policies.count)" + (diff.renames.isEmpty ? "" : "; renamed: \(diff.renames.count)")
    }

    /// `Holder: trust policy `Name`` and whether the head added or removed it.
    static func policyTitle(_ change: PolicyChange) -> String {
        let presence = change.presence == .changed ? "" : " (\(change.presence.rawValue))"
        let unknown = change.isUnknown ? " (statements unknown: not in the inputs)" : ""
        return "\(change.holder): \(change.kind.rawValue) `\(change.policy)`\(presence)\(unknown)"
    }

    /// `+ Allow a, b on r` and `- Allow c on r`: what one scope gains and loses.
    static func grantLines(_ change: GrantChange, code: (String) -> String = { $0 }) -> [String] {
        let scope = change.scope
        let principal = scope.principal.map { " by " + code($0) } ?? ""
        let resource = scope.resource.map { " on " + code($0) } ?? ""
        let condition = scope.condition.map { " when " + code($0) } ?? ""
        let effect = scope.effect.rawValue + (scope.notAction ? " NotAction" : "")
        return [("+", change.added), ("-", change.removed)].compactMap { sign, list in
            list.isEmpty ? nil : "\(sign) \(effect) \(list.written.map(code).joined(separator: ", "))\(principal)\(resource)\(condition)"
        }
    }

    /// `+ can-act → target: actions [status]`, the first line of a change.
    static func changeLine(_ change: StackDiff.AccessChange, sign: String) -> String {
        let service = change.service.map { " (to \($0))" } ?? ""
        let actions = change.actions.isEmpty ? "" : ": " + change.actions.joined(separator: ", ")
        return "\(sign) \(change.kind.rawValue)\(service) → \(DisplayText.escaped(change.to))\(DisplayText.escaped(actions)) [\(change.status.rawValue)]"
    }

    // MARK: Text

    package static func text(_ diff: StackDiff) -> String {
        var lines = ["AccessGraph diff: \(DisplayText.escaped(diff.base)) → \(DisplayText.escaped(diff.head))", ""]
        if diff.isEmpty {
            lines.append("No change in access, checks, findings or policies.")
        }
        for (title, changes, sign) in [("Access gained", diff.gained, "+"), ("Access lost", diff.lost, "-")] where !changes.isEmpty {
            lines.append(title)
            for (principal, group) in changes.groupedInOrder(by: \.from) {
                lines.append("  \(DisplayText.escaped(principal))")
                for change in group {
                    lines.append("    " + changeLine(change, sign: sign))
                    for statement in change.evidence { lines.append("      by \(DisplayText.escaped(statement.description))") }
                }
            }
            lines.append("")
        }
        if !diff.checks.isEmpty {
            lines.append("Checks changed")
            for check in diff.checks {
                let mark = check.isRegression ? "regression" : "change"
                let subject = check.subject.map { " [\(DisplayText.escaped($0))]" } ?? ""
                lines.append("  \(check.id.rawValue)\(subject): \(check.base.rawValue) → \(check.head.rawValue) (\(mark)): \(DisplayText.escaped(check.reason))")
            }
            lines.append("")
        }
        for (title, findings) in [("Findings added", diff.findingsAdded), ("Findings removed", diff.findingsRemoved)] where !findings.isEmpty {
            lines.append(title)
            for finding in findings { lines.append("  " + StackReportRenderer.text(finding)) }
            lines.append("")
        }
        if !diff.policies.isEmpty {
            lines.append("Policies changed")
            for change in diff.policies {
                lines.append("  " + DisplayText.escaped(policyTitle(change)))
                for grant in change.grants { lines += grantLines(grant).map { "    " + DisplayText.escaped($0) } }
            }
            lines.append("")
        }
        if !diff.renames.isEmpty {
            lines.append("Renamed (compared as the same resource; CloudFormation creates a resource anew under a new logical id)")
            for rename in diff.renames {
                lines.append("  \(rename.kind) \(DisplayText.escaped(rename.base)) → \(DisplayText.escaped(rename.head)) (\(rename.evidence.rawValue))")
            }
            lines.append("")
        }
        lines.append(summary(diff))
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: JSON

    package static func json(_ diff: StackDiff) -> JSONOutput {
        func changes(_ list: [StackDiff.AccessChange]) -> JSONOutput {
            .array(list.map { change in
                .object([
                    ("from", .string(change.from)), ("to", .string(change.to)), ("kind", .string(change.kind.rawValue)),
                    ("service", .optional(change.service)), ("actions", .array(change.actions.map(JSONOutput.string))),
                    ("status", .string(change.status.rawValue)), ("evidence", .array(change.evidence.map(DecisionRenderer.statement))),
                ])
            })
        }
        return .object([
            ("base", .string(diff.base)), ("head", .string(diff.head)), ("empty", .bool(diff.isEmpty)),
            ("accessGained", changes(diff.gained)), ("accessLost", changes(diff.lost)),
            ("checks", .array(diff.checks.map { check in
                .object([("id", .string(check.id.rawValue)), ("subject", check.subject.map(JSONOutput.string) ?? .null),
                         ("base", .string(check.base.rawValue)), ("head", .string(check.head.rawValue)),
                         ("regression", .bool(check.isRegression)), ("reason", .string(check.reason))])
            })),
            ("findingsAdded", .array(diff.findingsAdded.map(StackReportRenderer.json))),
            ("findingsRemoved", .array(diff.findingsRemoved.map(StackReportRenderer.json))),
            ("findingsUnchanged", .array(diff.findingsUnchanged.map(StackReportRenderer.json))),
            ("policiesChanged", .array(diff.policies.map { change in
                .object([
                    ("holder", .string(change.holder)), ("kind", .string(change.kind.rawValue)), ("policy", .string(change.policy)),
                    ("change", .string(change.presence.rawValue)), ("unknown", .bool(change.isUnknown)),
                    ("grants", .array(change.grants.map { grant in
                        .object([
                            ("effect", .string(grant.scope.effect.rawValue)), ("notAction", .bool(grant.scope.notAction)),
                            ("principal", .optional(grant.scope.principal)), ("resource", .optional(grant.scope.resource)),
                            ("condition", .optional(grant.scope.condition)),
                            ("added", .array(grant.added.actions.map(JSONOutput.string))), ("removed", .array(grant.removed.actions.map(JSONOutput.string))),
                        ])
                    })),
                ])
            })),
            ("renamed", .array(diff.renames.map { rename in
                .object([("kind", .string(rename.kind)), ("base", .string(rename.base)), ("head", .string(rename.head)),
                         ("matchedBy", .string(rename.evidence.rawValue))])
            })),
        ])
    }

    // MARK: Markdown

    package static func markdown(_ diff: StackDiff) -> String {
        let cell = StackReportRenderer.markdownCell
        var lines = ["## AccessGraph diff", "", "**" + StackReportRenderer.markdownEscaped(summary(diff)) + "**", ""]
        for (title, changes) in [("Access gained", diff.gained), ("Access lost", diff.lost)] where !changes.isEmpty {
            lines += ["### \(title)", "", "| Principal | Access | Target | Actions | Granted by |", "| --- | --- | --- | --- | --- |"]
            for change in changes {
                lines.append("| \(cell("`\(change.from)`")) | \(change.kind.rawValue)\(change.service.map { " (\(cell($0)))" } ?? "") | \(cell("`\(change.to)`")) | "
                    + change.actions.map { cell("`\($0)`") }.joined(separator: ", ") + " | " + change.evidence.map { cell($0.description) }.joined(separator: "; ") + " |")
            }
            lines.append("")
        }
        if !diff.checks.isEmpty {
            lines += ["### Checks changed", "", "| Check | Before | Now | Why |", "| --- | --- | --- | --- |"]
            for check in diff.checks {
                let subject = check.subject.map { " of `\($0)`" } ?? ""
                lines.append("| \(cell("`\(check.id.rawValue)`" + subject))\(check.isRegression ? " (regression)" : "") | \(check.base.rawValue) | \(check.head.rawValue) | \(cell(check.reason)) |")
            }
            lines.append("")
        }
        for (title, findings) in [("Findings added", diff.findingsAdded), ("Findings removed", diff.findingsRemoved)] where !findings.isEmpty {
            lines += ["### \(title)", "", "| Severity | Finding | Resource | Message |", "| --- | --- | --- | --- |"]
            for finding in findings {
                lines.append("| \(finding.severity.rawValue) | `\(finding.id.rawValue)` | \(cell(finding.resource)) | \(cell(finding.message))\(AssertionRenderer.suppressionMarkdown(finding)) |")
            }
            lines.append("")
        }
        if !diff.policies.isEmpty {
            lines += ["<details><summary>\(diff.policies.count) polic\(diff.policies.count == 1 ? "y" : "ies") changed (actions after wildcard expansion)</summary>", "",
                      "| Policy | Held by | Grants |", "| --- | --- | --- |"]
            for change in diff.policies {
                let presence = change.presence == .changed ? "" : " (\(change.presence.rawValue))"
                let unknown = change.isUnknown ? "statements unknown: not in the inputs" : ""
                let grants = change.grants.flatMap { grantLines($0, code: { "`\($0)`" }) }.map(cell)
                lines.append("| \(cell("`\(change.policy)`")) \(change.kind.rawValue)\(presence) | \(cell("`\(change.holder)`")) | "
                    + ([unknown].filter { !$0.isEmpty } + grants).joined(separator: "<br>") + " |")
            }
            lines += ["", "</details>", ""]
        }
        if !diff.renames.isEmpty {
            lines += ["<details><summary>\(diff.renames.count) renamed (compared as the same resource)</summary>", "",
                      "| Kind | Base | Head | Matched by |", "| --- | --- | --- | --- |"]
            for rename in diff.renames {
                lines.append("| \(rename.kind) | \(cell("`\(rename.base)`")) | \(cell("`\(rename.head)`")) | \(rename.evidence.rawValue) |")
            }
            lines += ["", "</details>", ""]
        }
        if !diff.findingsUnchanged.isEmpty {
            lines += ["<details><summary>\(diff.findingsUnchanged.count) unchanged findings</summary>", ""]
            for finding in diff.findingsUnchanged {
                lines.append("- \(finding.severity.rawValue) `\(finding.id.rawValue)` \(cell(finding.resource)): \(cell(finding.message))\(AssertionRenderer.suppressionMarkdown(finding))")
            }
            lines += ["", "</details>", ""]
        }
        return lines.joined(separator: "\n")
    }
}
