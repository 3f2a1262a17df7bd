import AccessInventory
import PipelineChecks
import PipelineRequirements
import PolicyModel
import PolicyParsing

/// Everything generated for one stack's pipeline: the documents, the requirements they serve
/// (which the proof evaluates), and what the user must still do by hand.
package struct GeneratedStack: Sendable {
    /// The stack's name, as the output directory names it (`Policies/<name>/`).
    package var name: String
    package var policies: [GeneratedPolicy]
    package var requirements: PipelineRequirements
    package var dashboards: DashboardsRequirements?
    package var deployment: DeploymentRequirements
    /// Steps outside these documents (mapping the role in OpenSearch's security plugin, say), and
    /// parts of the pipeline the documents do not cover, with why.
    package var notes: [String]
    /// Checks a note leaves open (fine-grained access control needs a role mapping in the
    /// domain; a part the documents do not cover).
    package var checksLeftUnknown: Set<CheckID>
    /// Whole values whose tokens do not stand for the whole of a `Ref` (an identity pool's id is
    /// `region:⟦Ref.Pool⟧` to the evaluator, but `Ref` gives all of it): the `Fn::Sub` body that
    /// writes each back.
    package var substitutions: [String: String] = [:]
    /// Labels of the roles documents are written for that the inputs only name (imported, or
    /// defined in another stack): a template fragment cannot attach to them.
    package var rolesOutsideInputs: Set<String> = []
    /// `Fn::ImportValue` tokens with their export names as written (`Inventory.imports`).
    package var imports: [String: String] = [:]
    /// Domains whose access policy a custom resource sets after creation (CDK's
    /// `Custom::OpenSearchAccessPolicy`, since a domain's own `AccessPolicies` cannot name the
    /// domain): the resource's logical id and the domain's name as the call passes it.
    package var accessPolicyResources: [String: (logicalId: String, domainName: String)] = [:]
    /// The data access policy entry a note asks to add for a collection whose policies do not
    /// let the pipeline role write (no IAM document can): the proof holds it in place.
    package var collectionDataAccess: [ServerlessPolicy] = []

    package init(name: String, policies: [GeneratedPolicy], requirements: PipelineRequirements, dashboards: DashboardsRequirements?,
                 deployment: DeploymentRequirements, notes: [String], checksLeftUnknown: Set<CheckID> = []) {
        self.name = name
        self.policies = policies
        self.requirements = requirements
        self.dashboards = dashboards
        self.deployment = deployment
        self.notes = notes
        self.checksLeftUnknown = checksLeftUnknown
    }

    /// Every request the documents must allow (or refuse), in order: the pipeline's, Dashboards',
    /// the deployer's.
    package var allRequests: [RequiredRequest] {
        requirements.requests + (dashboards?.requests ?? []) + deployment.requests
    }

    package func policy(named name: String) -> GeneratedPolicy? { policies.first { $0.name == name } }

    /// A value with tokens as `Fn::Sub` writes it: the body, and a variable for each import in
    /// it, since `Fn::Sub` names an import only through its variable map.
    package struct Substitution: Sendable, Hashable {
        package struct Import: Sendable, Hashable {
            package var variable: String
            package var exportName: String
        }

        package var body: String
        package var imports: [Import]
    }

    /// The `Fn::Sub` form of a value with tokens (`arn:aws:iam::${AWS::AccountId}:role/${Role}`),
    /// or nil when one of its tokens cannot be written back (a value the tool made up, an import
    /// whose export name is not known).
    package func substitution(_ text: String) -> Substitution? {
        if let body = substitutions[text] { return Substitution(body: body, imports: []) }
        var text = text
        var used: [Substitution.Import] = []
        for token in SymbolToken.tokens(in: text).uniqued() {
            guard let exportName = imports[token] else { continue }
            // The variable is written as a reference so `substitutionBody` gives `${Variable}`.
            let name = "Import" + exportName.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
            let variable = used.contains { $0.variable == name } ? "\(name)\(used.count + 1)" : name
            used.append(Substitution.Import(variable: variable, exportName: exportName))
            text = text.replacing(token, with: SymbolToken.make("Ref.\(variable)"))
        }
        return SymbolToken.substitutionBody(text).map { Substitution(body: $0, imports: used) }
    }

    /// A string as CloudFormation writes it: literal, `Fn::ImportValue` for a whole import, or
    /// `Fn::Sub` when it holds tokens (with a variable map for the imports among them).
    package func cloudFormationValue(_ text: String) throws(DiagnosticError) -> JSONOutput {
        guard SymbolToken.containsToken(text) else { return .string(text) }
        if let exportName = imports[text] { return .object([("Fn::ImportValue", .string(exportName))]) }
        guard let substitution = substitution(text) else { throw Self.unexpressible(text) }
        guard !substitution.imports.isEmpty else { return .object([("Fn::Sub", .string(substitution.body))]) }
        let variables = substitution.imports.map { ($0.variable, JSONOutput.object([("Fn::ImportValue", .string($0.exportName))])) }
        return .object([("Fn::Sub", .array([.string(substitution.body), .object(variables)]))])
    }

    package static func selfReferenceNote(_ domain: String) -> String {
        "`\(domain)`: its access policy would name the domain through its own `Ref`, which its `AccessPolicies` cannot; give it a `DomainName`, or set the policy with a custom resource as CDK does"
    }

    package static func unexpressible(_ text: String) -> DiagnosticError {
        DiagnosticError(Diagnostic(severity: .error, code: "generate.unexpressible-value",
                                   message: "`\(DisplayText.escaped(text))` stands for a value CloudFormation cannot substitute (an import, say); name the resource instead"))
    }
}
