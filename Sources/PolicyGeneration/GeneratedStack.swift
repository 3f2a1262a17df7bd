import PipelineChecks
import PipelineRequirements
import PolicyModel

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
}
