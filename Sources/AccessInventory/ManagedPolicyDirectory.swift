import AccountSnapshot
import PolicyEvaluation
import PolicyModel
import PolicyParsing
import ServiceCatalog
import TemplateParsing

/// Finds a managed policy's document by ARN, in one order for every principal kind and every
/// source: the template's own `AWS::IAM::ManagedPolicy` resources, then the account snapshot's
/// copies, then the embedded catalogue of AWS managed policies. Built once per load (add the
/// template's, then the snapshot's) and shared by the readers, so catalogue policies are parsed
/// once however many principals attach them.
package final class ManagedPolicyDirectory {
    struct Entry: Sendable {
        var policy: NamedPolicy
        var awsManaged: Bool
    }

    private var byARN: [String: Entry] = [:]
    package let catalogue: ServiceCatalogue

    package init(catalogue: ServiceCatalogue) {
        self.catalogue = catalogue
    }

    /// The template's customer managed policies, by their (possibly symbolic) ARN.
    package func add(_ policies: [IAMManagedPolicyResource]) {
        for policy in policies where byARN[policy.arn] == nil {
            byARN[policy.arn] = Entry(policy: NamedPolicy(id: policy.logicalId, document: policy.document), awsManaged: false)
        }
    }

    /// The account's managed policies; its copies of AWS managed policies win over the catalogue's.
    package func add(_ snapshot: AccountSnapshot) {
        for policy in snapshot.policies {
            guard byARN[policy.arn] == nil, let document = policy.document else { continue }
            let awsManaged = Self.isAWSManaged(policy.arn)
            byARN[policy.arn] = Entry(policy: NamedPolicy(id: awsManaged ? "\(policy.name) (AWS managed)" : policy.name, document: document),
                                      awsManaged: awsManaged)
        }
    }

    /// `arn:<partition>:iam::aws:policy[/path]/Name`, whatever the (possibly symbolic) partition.
    static func isAWSManaged(_ arn: String) -> Bool {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        return parts.count == 6 && parts[2] == "iam" && parts[4] == "aws" && parts[5].hasPrefix("policy/")
    }

    /// The policy at `arn`, or nil when no source has it. A catalogue policy is parsed once and
    /// kept, however many principals attach it.
    package func policy(arn: String) -> (policy: NamedPolicy, awsManaged: Bool)? {
        if let entry = byARN[arn] { return (entry.policy, entry.awsManaged) }
        guard let record = catalogue.managedPolicy(arn: arn), let document = try? PolicyParser.parse(record.documentJSON) else { return nil }
        let entry = Entry(policy: NamedPolicy(id: "\(record.name) (AWS managed)", document: document), awsManaged: true)
        byARN[arn] = entry
        return (entry.policy, entry.awsManaged)
    }

    /// A principal's managed policy as an attachment, or the ARN recorded as unresolved.
    func attach(
        _ arn: String, at location: SourceLocation, into policies: inout [AttachedPolicy], unresolved: inout [UnresolvedPolicy],
        via group: String? = nil
    ) {
        guard let (policy, awsManaged) = policy(arn: arn) else {
            unresolved.append(UnresolvedPolicy(arn: arn, role: .managedPolicy, location: location))
            return
        }
        let managed = AttachedPolicy.Attachment.managed(arn: arn, awsManaged: awsManaged)
        policies.append(AttachedPolicy(policy: policy, attachment: group.map { .group(name: $0, via: managed) } ?? managed, location: location))
    }

    /// A principal's permissions boundary, or nil with the ARN recorded as unresolved.
    func boundary(_ arn: String?, at location: SourceLocation, unresolved: inout [UnresolvedPolicy]) -> AttachedPolicy? {
        guard let arn else { return nil }
        guard let (policy, awsManaged) = policy(arn: arn) else {
            unresolved.append(UnresolvedPolicy(arn: arn, role: .permissionsBoundary, location: location))
            return nil
        }
        return AttachedPolicy(policy: policy, attachment: .managed(arn: arn, awsManaged: awsManaged), location: location)
    }
}
