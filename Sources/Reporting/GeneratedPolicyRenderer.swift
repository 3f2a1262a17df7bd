import PipelineRequirements
import PolicyGeneration
import PolicyModel
import PolicyParsing

/// Writes generated documents: as IAM JSON files, as a CloudFormation fragment, as CDK
/// TypeScript, and the README that says what each statement is for. Decides nothing.
///
/// Values CloudFormation fills in at deployment (a generated role name, the account) are symbol
/// tokens in the documents. The JSON files and the README write them as `Fn::Sub` placeholders
/// (`${Role}`, `${AWS::AccountId}`); the CloudFormation fragment and the CDK code wrap those
/// strings in `Fn::Sub`, so CloudFormation resolves them.
package enum GeneratedPolicyRenderer {
    package enum Format: String, CaseIterable, Sendable {
        case json, cloudformation, cdkTypeScript = "cdk-typescript"
    }

    /// The files `--output` writes: one JSON document each, the fragment, the CDK code, the README.
    package static func files(_ stack: GeneratedStack, proof: GenerationProof.Summary, toolVersion: String) throws(DiagnosticError) -> [(String, String)] {
        var files = stack.policies.map { ("\($0.name).json", document($0, in: stack)) }
        files.append(("cloudformation.json", try cloudFormation(stack)))
        files.append(("cdk.ts", try cdkTypeScript(stack)))
        files.append(("README.md", readme(stack, proof: proof, toolVersion: toolVersion)))
        return files
    }

    /// What `--format` prints.
    package static func render(_ stack: GeneratedStack, as format: Format) throws(DiagnosticError) -> String {
        switch format {
        case .json: stack.policies.map { "// \($0.name).json\n" + document($0, in: stack) }.joined(separator: "\n")
        case .cloudformation: try cloudFormation(stack)
        case .cdkTypeScript: try cdkTypeScript(stack)
        }
    }

    // MARK: IAM JSON

    /// The document as IAM JSON, tokens written as placeholders.
    package static func document(_ policy: GeneratedPolicy, in stack: GeneratedStack) -> String {
        policy.json.mappingStrings { .string(placeholder($0, in: stack)) }.rendered()
    }

    /// A document outside any stack (it names no token), such as the one `audit` needs.
    package static func document(_ policy: GeneratedPolicy) -> String {
        policy.json.rendered()
    }

    /// `arn:aws:iam::${AWS::AccountId}:role/${Role}`; a token nothing can name stays as it is.
    static func placeholder(_ text: String, in stack: GeneratedStack) -> String {
        SymbolToken.containsToken(text) ? stack.substitution(text)?.body ?? text : text
    }

    // MARK: CloudFormation

    /// A fragment to merge into the stack's `Resources`: new `AWS::IAM::Policy`,
    /// `AWS::S3::BucketPolicy` and `AWS::IAM::ManagedPolicy` resources, and for existing roles
    /// and domains only the properties to replace. Notes for what a fragment cannot say go to
    /// `Metadata`.
    package static func cloudFormation(_ stack: GeneratedStack) throws(DiagnosticError) -> String {
        var resources: [(String, JSONOutput)] = []
        var notes = stack.notes
        for policy in stack.policies {
            let document = try policy.json.mappingStrings(stack.cloudFormationValue)
            let logicalId = TemplatePatcher.logicalId(policy.name)
            switch policy.kind {
            case .rolePermissions(let role) where stack.rolesOutsideInputs.contains(role):
                // Nothing here can attach to a role of another stack: a managed policy it can.
                resources.append((logicalId, .object([
                    ("Type", .string("AWS::IAM::ManagedPolicy")),
                    ("Properties", .object([("Description", .string("\(policy.title): attach it to the role where the role is defined")), ("PolicyDocument", document)])),
                ])))
            case .roleTrust(let role) where stack.rolesOutsideInputs.contains(role):
                notes.append("`\(policy.name)`: set it as the `AssumeRolePolicyDocument` of the role where the role is defined; a template cannot change another stack's role")
            case .rolePermissions(let role):
                resources.append((logicalId, .object([
                    ("Type", .string("AWS::IAM::Policy")),
                    ("Properties", .object([
                        ("PolicyName", .string(policy.name)), ("Roles", .array([.object([("Ref", .string(role))])])), ("PolicyDocument", document),
                    ])),
                ])))
            case .roleTrust(let role):
                resources.append((role, .object([("Properties", .object([("AssumeRolePolicyDocument", document)]))])))
            case .domainAccess(let domain):
                if let setter = stack.accessPolicyResources[domain] {
                    // The custom resource that sets the policy carries it.
                    let call = try stack.cloudFormationValue(TemplatePatcher.accessPolicyCall(domainName: setter.domainName, policy: policy))
                    resources.append((setter.logicalId, .object([("Properties", .object([("Create", call), ("Update", call)]))])))
                } else if TemplatePatcher.namesItself(policy, domain) {
                    notes.append(GeneratedStack.selfReferenceNote(domain))
                } else {
                    resources.append((domain, .object([("Properties", .object([("AccessPolicies", document)]))])))
                }
            case .bucketPolicy(let bucket):
                resources.append((logicalId, .object([
                    ("Type", .string("AWS::S3::BucketPolicy")),
                    ("Properties", .object([("Bucket", .object([("Ref", .string(bucket))])), ("PolicyDocument", document)])),
                ])))
                notes.append("`\(bucket)`: replace its existing `AWS::S3::BucketPolicy`, if any, with `\(logicalId)`: a bucket has one policy")
            case .deployer, .auditor:
                resources.append((logicalId, .object([
                    ("Type", .string("AWS::IAM::ManagedPolicy")),
                    ("Properties", .object([("Description", .string(policy.title)), ("PolicyDocument", document)])),
                ])))
            }
        }
        return JSONOutput.object([
            ("Metadata", .object([("AccessGraph", .object([
                ("generatedFor", .string(stack.name)), ("notes", .array(notes.map(JSONOutput.string))),
            ]))])),
            ("Resources", .object(resources)),
        ]).rendered()
    }

    // MARK: CDK TypeScript

    package static func cdkTypeScript(_ stack: GeneratedStack) throws(DiagnosticError) -> String {
        var lines = [
            "// Generated by AccessGraph for \(stack.name): least-privilege statements, proven by its evaluator.",
            "// Replace `cdk.Fn.sub('…${LogicalId}…')` with your constructs' attributes (`role.roleArn`, `domain.domainArn`) where you can.",
            "import * as cdk from 'aws-cdk-lib';",
            "import * as iam from 'aws-cdk-lib/aws-iam';",
            "",
        ]
        for policy in stack.policies {
            lines.append("/** \(policy.title.replacingAll("*/", with: "* /")) */")
            lines.append("export const \(camelCase(policy.name)): iam.PolicyStatement[] = [")
            for statement in policy.statements {
                lines.append("  new iam.PolicyStatement({")
                lines.append("    sid: \(quoted(statement.sid)),")
                lines.append("    effect: iam.Effect.\(statement.effect == .allow ? "ALLOW" : "DENY"),")
                if let principal = statement.principal { lines.append("    principals: [\(try typeScript(principal, in: stack))],") }
                lines.append("    actions: [\(try statement.actions.map { text throws(DiagnosticError) in try typeScript(text, in: stack) }.joined(separator: ", "))],")
                if !statement.resources.isEmpty { lines.append("    resources: [\(try statement.resources.map { text throws(DiagnosticError) in try typeScript(text, in: stack) }.joined(separator: ", "))],") }
                if !statement.conditions.isEmpty {
                    lines.append("    conditions: {")
                    for (name, conditions) in statement.conditionsByOperator {
                        let entries = try conditions.map { condition throws(DiagnosticError) in
                            "\(quoted(condition.key)): " + (condition.values.count == 1 ? try typeScript(condition.values[0], in: stack) : "[\(try condition.values.map { text throws(DiagnosticError) in try typeScript(text, in: stack) }.joined(separator: ", "))]")
                        }
                        lines.append("      \(quoted(name)): { \(entries.joined(separator: ", ")) },")
                    }
                    lines.append("    },")
                }
                lines.append("  }),")
            }
            lines.append("];")
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    static func typeScript(_ principal: GeneratedStatement.Principal, in stack: GeneratedStack) throws(DiagnosticError) -> String {
        switch principal.kind {
        case nil: return "new iam.AnyPrincipal()"
        case "Service"?: return try principal.values.map { value throws(DiagnosticError) in "new iam.ServicePrincipal(\(try typeScript(value, in: stack)))" }.joined(separator: ", ")
        case "Federated"?:
            return try principal.values.map { value throws(DiagnosticError) in "new iam.FederatedPrincipal(\(try typeScript(value, in: stack)), {}, 'sts:AssumeRoleWithWebIdentity')" }.joined(separator: ", ")
        default: return try principal.values.map { value throws(DiagnosticError) in "new iam.ArnPrincipal(\(try typeScript(value, in: stack)))" }.joined(separator: ", ")
        }
    }

    /// A TypeScript string literal, or `cdk.Fn.sub('…')` for a value with tokens.
    static func typeScript(_ text: String, in stack: GeneratedStack) throws(DiagnosticError) -> String {
        guard SymbolToken.containsToken(text) else { return quoted(text) }
        if let exportName = stack.imports[text] { return "cdk.Fn.importValue(\(quoted(exportName)))" }
        guard let substitution = stack.substitution(text) else { throw GeneratedStack.unexpressible(text) }
        guard !substitution.imports.isEmpty else { return "cdk.Fn.sub(\(quoted(substitution.body)))" }
        let variables = substitution.imports.map { "\($0.variable): cdk.Fn.importValue(\(quoted($0.exportName)))" }.joined(separator: ", ")
        return "cdk.Fn.sub(\(quoted(substitution.body)), { \(variables) })"
    }

    /// A single-quoted TypeScript string; control characters escaped.
    static func quoted(_ text: String) -> String {
        var result = "'"
        for scalar in text.unicodeScalars {
            switch scalar {
            case "'": result += "\\'"
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            default:
                if scalar.value < 0x20 || DisplayText.needsEscape(scalar) {
                    result += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "'"
    }

    /// `pipeline-role-policy` → `pipelineRolePolicy`.
    static func camelCase(_ name: String) -> String {
        let stem = TemplatePatcher.logicalId(name)
        return stem.prefix(1).lowercased() + stem.dropFirst()
    }

    // MARK: README

    package static func readme(_ stack: GeneratedStack, proof: GenerationProof.Summary, toolVersion: String) -> String {
        var lines = [
            "# Least-privilege policies for \(StackReportRenderer.markdownEscaped(stack.name))",
            "",
            "Generated by `accessgraph generate` (\(StackReportRenderer.markdownEscaped(toolVersion))) from the stack's pipeline "
                + "`\(stack.requirements.pipeline.label.replacingAll("`", with: "'"))`. Do not edit: regenerate.",
            "",
            "Each document grants what the pipeline needs and nothing more. Before writing them, AccessGraph proved with its own evaluator:",
            "",
            "- \(proof.requestsAllowed) required requests are allowed and \(proof.requestsRefused) that must be refused are refused, none left undetermined;",
            "- removing any one of their actions or resources makes a request they serve fail (\(proof.removalsRefused) removals tried, each document on its own);",
            "- no statement grants `*` where the service authorization reference gives a narrower resource type;",
            "- with these documents the stack passes the pipeline checks ("
                + proof.checks.map { "`\($0.id.rawValue)` \($0.status.rawValue)" }.joined(separator: ", ") + ") and raises no over-privilege or trust finding on the pipeline path.",
            "",
            "Values CloudFormation fills in at deployment are written `${LogicalId}` or `${AWS::AccountId}` (`Fn::Sub` syntax): "
                + "`cloudformation.json` (a fragment to merge into the template's `Resources`) and `cdk.ts` (statements for a CDK app) substitute them.",
            "",
        ]
        let imports = stack.imports.sorted { $0.value < $1.value }
        if !imports.isEmpty {
            // The JSON documents write an import as its `Fn::Sub` variable; say which export it is.
            lines += imports.map { token, exportName in
                "`${\(stack.substitution(token)?.imports.first?.variable ?? exportName)}` is the value another stack exports as `\(StackReportRenderer.markdownEscaped(exportName))` (`Fn::ImportValue`)."
            } + [""]
        }
        if !stack.notes.isEmpty {
            lines += ["## Still to do", ""] + stack.notes.map { "- " + StackReportRenderer.markdownCell($0) } + [""]
        }
        for policy in stack.policies {
            lines += ["## \(StackReportRenderer.markdownCell(policy.title))", "", "File: `\(policy.name).json`.", ""]
            lines += ["| Statement | Grants | On | For | Documented at |", "| --- | --- | --- | --- | --- |"]
            for statement in policy.statements {
                let effect = statement.effect == .deny ? "denies " : ""
                let purposes = (statement.serves + statement.guards).map(\.purpose).uniqued()
                let pages = (statement.serves + statement.guards).map(\.documentation).uniqued()
                lines.append("| `\(statement.sid)` | \(effect)" + statement.actions.map { "`\($0)`" }.joined(separator: ", ")
                    + " | " + (statement.resources.isEmpty ? "the role" : statement.resources.map { StackReportRenderer.markdownCell("`\(placeholder($0, in: stack))`") }.joined(separator: ", "))
                    + " | " + purposes.map(StackReportRenderer.markdownCell).joined(separator: "; ")
                    + " | " + pages.map { "<\($0)>" }.joined(separator: " ") + " |")
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }
}
