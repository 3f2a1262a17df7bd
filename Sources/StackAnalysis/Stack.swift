import AccountSnapshot
import PipelineParsing
import PolicyEvaluation
import PolicyModel
import PolicyParsing
import ServiceCatalog
import TemplateParsing

/// The principals and resources of one stack, resolved from a template (and optionally a separate
/// pipeline configuration), with every policy in evaluator form.
package struct Stack: Sendable {
    package var template: CloudFormationTemplate
    package var roles: [StackRole]
    /// Template users, with their groups' policies folded in.
    package var users: [StackUser]
    package var domains: [StackDomain]
    package var buckets: [StackBucket]
    package var tables: [DynamoDBTableResource]
    package var pipelines: [StackPipeline]
    package var identityPools: [CognitoIdentityPoolResource]
    package var roleAttachments: [CognitoIdentityPoolRoleAttachmentResource]
    package var keys: [KMSKeyResource]

    package var file: String { template.file }

    package func location(_ position: SourcePosition) -> SourceLocation {
        SourceLocation(file: template.file, position: position)
    }

    /// Where a pipeline is: its resource in the template, or the separate configuration file.
    package func location(_ pipeline: StackPipeline) -> SourceLocation {
        SourceLocation(file: pipeline.resource == nil || pipeline.configurationFile != template.file ? pipeline.configurationFile : template.file,
                       position: pipeline.position)
    }

    package func role(arn: String) -> StackRole? {
        roles.first { $0.arn == arn } ?? roles.first { $0.logicalId == referencedLogicalId(arn) }
    }

    package func table(arn: String) -> DynamoDBTableResource? {
        tables.first { $0.arn == arn } ?? tables.first { $0.logicalId == referencedLogicalId(arn) }
    }

    package func bucket(named name: String) -> StackBucket? {
        buckets.first { $0.resource.bucketName == name } ?? buckets.first { $0.resource.logicalId == referencedLogicalId(name) }
    }

    /// The domain a sink host names: a token of the domain's endpoint, or an endpoint
    /// `search-<name>-<id>.<region>.es.amazonaws.com` whose `<name>` is exactly the domain's name.
    /// Anything else is not known to be a domain of this template.
    package func domain(endpoint host: String) -> StackDomain? {
        if let logicalId = referencedLogicalId(host) { return domains.first { $0.resource.logicalId == logicalId } }
        var name = host
        if let scheme = name.firstRange(of: "://") { name = String(name[scheme.upperBound...]) }
        name = String(name.prefix { $0 != "." && $0 != "/" && $0 != ":" })
        for prefix in ["search-", "vpc-"] where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            // The generated id follows the last dash; domain names may contain dashes themselves.
            if let dash = rest.lastIndex(of: "-") {
                let domainName = String(rest[rest.startIndex..<dash])
                return domains.first { $0.resource.domainName == domainName }
            }
        }
        return nil
    }

    /// The logical id behind a value that is one symbol token (`⟦GetAtt.X.Arn⟧`, `⟦Ref.X⟧`), as a
    /// standalone pipeline file names template resources.
    func referencedLogicalId(_ value: String) -> String? {
        SymbolToken.referencedLogicalIds(in: value).first
    }
}

package struct StackDomain: Sendable {
    package var resource: OpenSearchDomainResource
    /// From `AccessPolicies`, or CDK's `Custom::OpenSearchAccessPolicy`.
    package var accessPolicy: NamedPolicy?
    package var accessPolicyPosition: SourcePosition?
}

package struct StackBucket: Sendable {
    package var resource: S3BucketResource
    package var policy: NamedPolicy?
    package var policyPosition: SourcePosition?
}

package struct StackPipeline: Sendable {
    package var resource: OSISPipelineResource?
    package var configuration: PipelineConfiguration
    /// Where the configuration was read from (the template, or a separate file).
    package var configurationFile: String
    package var position: SourcePosition
}

/// Failures building a stack, with positions.
package enum StackBuilder {
    /// - Parameter pipelineOverride: a pipeline configuration given separately (`--pipeline`),
    ///   which replaces the one in the template's `AWS::OSIS::Pipeline`, if any.
    /// - Parameter snapshot: an account's IAM (`get-account-authorization-details`); its roles
    ///   join the template's, so a pipeline file can be checked against a deployed account.
    package static func build(
        template: CloudFormationTemplate, pipelineOverride: PipelineConfiguration?, snapshot: AccountSnapshot? = nil,
        catalogue: ServiceCatalogue
    ) throws(DiagnosticError) -> Stack {
        let roleViews = try template.views(IAMRoleResource.self)
        let policyViews = try template.views(IAMPolicyResource.self)
        let managedViews = try template.views(IAMManagedPolicyResource.self)
        var roles: [StackRole] = []
        for role in roleViews {
            roles.append(stackRole(role, template: template, policies: policyViews, managed: managedViews, catalogue: catalogue))
        }
        if let snapshot {
            roles += snapshot.roles.map { snapshotRole($0, snapshot: snapshot, catalogue: catalogue) }
        }
        let groups = try template.views(IAMGroupResource.self)
        let users = try template.views(IAMUserResource.self).map { user in
            stackUser(user, groups: groups, template: template, policies: policyViews, managed: managedViews, catalogue: catalogue)
        }
        let customPolicies = try template.views(OpenSearchAccessPolicyResource.self)
        let domains = try template.views(OpenSearchDomainResource.self).map { domain in
            if let policy = domain.accessPolicies {
                return StackDomain(resource: domain, accessPolicy: NamedPolicy(id: "\(domain.logicalId).AccessPolicies", document: policy),
                                   accessPolicyPosition: domain.position)
            }
            // CDK's custom resource names its domain; only an exact match attaches the policy.
            let custom = customPolicies.first { $0.domainName?.value == domain.domainName }
            return StackDomain(resource: domain, accessPolicy: custom.map { NamedPolicy(id: $0.logicalId, document: $0.accessPolicy) },
                               accessPolicyPosition: custom?.position)
        }
        let bucketPolicies = try template.views(S3BucketPolicyResource.self)
        let buckets = try template.views(S3BucketResource.self).map { bucket in
            let policy = bucketPolicies.first { $0.bucket.value == bucket.bucketName }
            return StackBucket(resource: bucket, policy: policy.map { NamedPolicy(id: $0.logicalId, document: $0.document) },
                               policyPosition: policy?.position)
        }
        var pipelines: [StackPipeline] = []
        let pipelineViews = try template.views(OSISPipelineResource.self)
        if let pipelineOverride {
            pipelines.append(StackPipeline(resource: pipelineViews.first, configuration: pipelineOverride,
                                           configurationFile: pipelineOverride.file, position: pipelineOverride.version?.position ?? .unknown))
        } else {
            for pipeline in pipelineViews {
                let configuration = try PipelineConfiguration.parse(text: pipeline.configurationBody.value, file: "\(template.file)#\(pipeline.logicalId)")
                pipelines.append(StackPipeline(resource: pipeline, configuration: configuration, configurationFile: template.file,
                                               position: pipeline.position))
            }
        }
        return Stack(
            template: template, roles: roles, users: users, domains: domains, buckets: buckets,
            tables: try template.views(DynamoDBTableResource.self), pipelines: pipelines,
            identityPools: try template.views(CognitoIdentityPoolResource.self),
            roleAttachments: try template.views(CognitoIdentityPoolRoleAttachmentResource.self),
            keys: try template.views(KMSKeyResource.self))
    }

    private static func stackRole(
        _ role: IAMRoleResource, template: CloudFormationTemplate, policies: [IAMPolicyResource],
        managed: [IAMManagedPolicyResource], catalogue: ServiceCatalogue
    ) -> StackRole {
        var named: [NamedPolicy] = role.inlinePolicies.map { NamedPolicy(id: "\(role.logicalId).\($0.name)", document: $0.document) }
        let names = [role.roleName, role.logicalId]
        for policy in policies where policy.roles.contains(where: { names.contains($0.value) }) {
            named.append(NamedPolicy(id: policy.logicalId, document: policy.document))
        }
        var attached: [AttachedManagedPolicy] = []
        var unresolved: [Located<String>] = []
        for arn in role.managedPolicyArns {
            guard let (awsName, policy) = managedPolicy(arn.value, managed: managed, catalogue: catalogue) else {
                unresolved.append(arn)
                continue
            }
            named.append(policy)
            if let awsName { attached.append(AttachedManagedPolicy(name: awsName, arn: arn, policy: policy)) }
        }
        for policy in managed where policy.roles.contains(where: { names.contains($0.value) }) && !named.contains(where: { $0.id == policy.logicalId }) {
            named.append(NamedPolicy(id: policy.logicalId, document: policy.document))
        }
        var boundary: NamedPolicy?
        if let boundaryARN = role.permissionsBoundary {
            boundary = managedPolicy(boundaryARN.value, managed: managed, catalogue: catalogue)?.policy
            if boundary == nil { unresolved.append(boundaryARN) }
        }
        return StackRole(
            logicalId: role.logicalId, name: role.roleName, arn: role.arn, file: template.file, position: role.position,
            trust: NamedPolicy(id: "\(role.logicalId).AssumeRolePolicyDocument", document: role.trustPolicy),
            policies: named, boundary: boundary, managedPolicies: attached, unresolvedManagedPolicies: unresolved)
    }

    /// A user's own inline and managed policies, `AWS::IAM::Policy`/`ManagedPolicy` resources
    /// attached to it or to its groups, and its groups' inline and managed policies.
    private static func stackUser(
        _ user: IAMUserResource, groups: [IAMGroupResource], template: CloudFormationTemplate, policies: [IAMPolicyResource],
        managed: [IAMManagedPolicyResource], catalogue: ServiceCatalogue
    ) -> StackUser {
        var named = user.inlinePolicies.map { NamedPolicy(id: "\(user.logicalId).\($0.name)", document: $0.document) }
        var managedArns = user.managedPolicyArns.map(\.value)
        let memberOf = groups.filter { group in user.groups.contains { $0.value == group.groupName || $0.value == group.logicalId } }
        for group in memberOf {
            named += group.inlinePolicies.map { NamedPolicy(id: "\(group.logicalId).\($0.name)", document: $0.document) }
            managedArns += group.managedPolicyArns.map(\.value)
        }
        let userNames = [user.userName, user.logicalId]
        let groupNames = memberOf.flatMap { [$0.groupName, $0.logicalId] }
        for policy in policies where policy.users.contains(where: { userNames.contains($0.value) }) || policy.groups.contains(where: { groupNames.contains($0.value) }) {
            named.append(NamedPolicy(id: policy.logicalId, document: policy.document))
        }
        for policy in managed where policy.users.contains(where: { userNames.contains($0.value) }) || policy.groups.contains(where: { groupNames.contains($0.value) }) {
            managedArns.append(policy.arn)
        }
        for arn in Array(Set(managedArns)).sorted() {
            if let (_, policy) = managedPolicy(arn, managed: managed, catalogue: catalogue) { named.append(policy) }
        }
        let boundary = user.permissionsBoundary.flatMap { managedPolicy($0.value, managed: managed, catalogue: catalogue)?.policy }
        return StackUser(logicalId: user.logicalId, name: user.userName, arn: user.arn, file: template.file, position: user.position,
                         policies: named, boundary: boundary)
    }

    private static func snapshotRole(_ role: AccountSnapshot.Role, snapshot: AccountSnapshot, catalogue: ServiceCatalogue) -> StackRole {
        var named = role.inlinePolicies.map { NamedPolicy(id: "\(role.name).\($0.name)", document: $0.document) }
        var attached: [AttachedManagedPolicy] = []
        var unresolved: [Located<String>] = []
        // The account's own copy of a managed policy wins over the embedded catalogue's.
        func managed(_ arn: String) -> (String, NamedPolicy)? {
            if let policy = snapshot.managedPolicy(arn: arn), let document = policy.document {
                let isAWS = arn.split(separator: ":").dropFirst(4).first == "aws"
                return (policy.name, NamedPolicy(id: isAWS ? "\(policy.name) (AWS managed)" : policy.name, document: document))
            }
            return awsManagedPolicy(arn, catalogue: catalogue)
        }
        for policy in role.attachedPolicies {
            let arn = Located(policy.arn, at: role.position)
            if let (name, resolved) = managed(policy.arn) {
                named.append(resolved)
                attached.append(AttachedManagedPolicy(name: name, arn: arn, policy: resolved))
            } else {
                unresolved.append(arn)
            }
        }
        let boundary = role.permissionsBoundaryArn.flatMap { managed($0)?.1 }
        return StackRole(
            logicalId: role.name, name: role.name, arn: role.arn, file: snapshot.file, position: role.position,
            trust: NamedPolicy(id: "\(role.name).AssumeRolePolicyDocument", document: role.trust),
            policies: named, boundary: boundary, managedPolicies: attached, unresolvedManagedPolicies: unresolved)
    }

    /// The template's `AWS::IAM::ManagedPolicy` with this ARN, else the AWS managed policy from the
    /// catalogue (then `awsName` is its name).
    private static func managedPolicy(
        _ arn: String, managed: [IAMManagedPolicyResource], catalogue: ServiceCatalogue
    ) -> (awsName: String?, policy: NamedPolicy)? {
        if let local = managed.first(where: { $0.arn == arn }) {
            return (nil, NamedPolicy(id: local.logicalId, document: local.document))
        }
        return awsManagedPolicy(arn, catalogue: catalogue).map { ($0.0, $0.1) }
    }

    /// `arn:<partition>:iam::aws:policy[/path]/Name`, whatever the (possibly symbolic) partition.
    static func awsManagedPolicy(_ arn: String, catalogue: ServiceCatalogue) -> (String, NamedPolicy)? {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[2] == "iam", parts[4] == "aws", parts[5].hasPrefix("policy/"),
              let name = parts[5].split(separator: "/").last.map(String.init),
              let record = catalogue.managedPolicy(named: name),
              let document = try? PolicyParser.parse(record.documentJSON) else { return nil }
        return (name, NamedPolicy(id: "\(name) (AWS managed)", document: document))
    }
}
