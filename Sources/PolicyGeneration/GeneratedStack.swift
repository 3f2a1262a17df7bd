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
    /// Domains whose access policy a custom resource sets after creation (CDK's
    /// `Custom::OpenSearchAccessPolicy`, since a domain's own `AccessPolicies` cannot name the
    /// domain): the resource's logical id and the domain's name as the call passes it.
    package var accessPolicyResources: [String: (logicalId: String, domainName: String)] = [:]

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

    /// The `Fn::Sub` body for a value with tokens (`arn:aws:iam::${AWS::AccountId}:role/${Role}`),
    /// or nil when one of its tokens cannot be written back (an import).
    package func substitution(_ text: String) -> String? {
        substitutions[text] ?? SymbolToken.substitutionBody(text)
    }

    /// A string as CloudFormation writes it: literal, or `Fn::Sub` when it holds tokens.
    package func cloudFormationValue(_ text: String) throws(DiagnosticError) -> JSONOutput {
        guard SymbolToken.containsToken(text) else { return .string(text) }
        guard let body = substitution(text) else { throw Self.unexpressible(text) }
        return .object([("Fn::Sub", .string(body))])
    }

    package static func selfReferenceNote(_ domain: String) -> String {
        "`\(domain)`: its access policy would name the domain through its own `Ref`, which its `AccessPolicies` cannot; give it a `DomainName`, or set the policy with a custom resource as CDK does"
    }

    package static func unexpressible(_ text: String) -> DiagnosticError {
        DiagnosticError(Diagnostic(severity: .error, code: "generate.unexpressible-value",
                                   message: "`\(DisplayText.escaped(text))` stands for a value CloudFormation cannot substitute (an import, say); name the resource instead"))
    }
}
