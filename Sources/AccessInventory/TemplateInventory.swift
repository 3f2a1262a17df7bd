import PipelineParsing
import PolicyEvaluation
import PolicyModel
import TemplateParsing

/// TemplateParsing has a `ResourceIdentity` of its own (what `Ref` and `GetAtt` give).
private typealias Identity = AccessInventory.ResourceIdentity

/// Reads a CloudFormation template into an inventory: its roles, users and groups with every
/// policy that applies to them, and the resources the pipeline checks and the graph look at.
package struct TemplateInventory {
    let template: CloudFormationTemplate
    let directory: ManagedPolicyDirectory
    let policyResources: PolicyResources

    /// - Parameters:
    ///   - directory: where managed policies are looked up; it must already hold the template's
    ///     own `AWS::IAM::ManagedPolicy` resources (`StackLoader` adds them first).
    ///   - policyResources: the policy resources of every stack analysed with this one; the
    ///     template's own when nil.
    package static func build(
        _ template: CloudFormationTemplate, directory: ManagedPolicyDirectory, policyResources: PolicyResources? = nil
    ) throws(DiagnosticError) -> Inventory {
        let resources: PolicyResources
        if let policyResources { resources = policyResources } else { resources = try PolicyResources([template]) }
        return try TemplateInventory(template: template, directory: directory, policyResources: resources).read()
    }

    func location(_ position: SourcePosition) -> SourceLocation {
        SourceLocation(file: template.file, position: position)
    }

    /// How the inventory names a resource of the template: its logical id, stack-qualified when
    /// the analysis has several stacks.
    func label(_ logicalId: String) -> String {
        template.context.label(of: logicalId)
    }

    /// `arn:<partition>:cognito-identity:<region>:<account>:identitypool/<id>`, symbolic where the
    /// template's context is.
    func identityPoolARN(_ poolId: String) -> String {
        let context = template.context
        let partition = context.partition ?? SymbolToken.make("AWS.Partition")
        let region = context.region ?? SymbolToken.make("AWS.Region")
        let account = context.account ?? SymbolToken.make("AWS.AccountId")
        return "arn:\(partition):cognito-identity:\(region):\(account):identitypool/\(poolId)"
    }

    func read() throws(DiagnosticError) -> Inventory {
        var inventory = Inventory(name: template.file)
        inventory.warnings = template.warnings
        let groupViews = try template.views(IAMGroupResource.self)
        for role in try template.views(IAMRoleResource.self) {
            inventory.principals.append(self.role(role))
        }
        var groups: [InventoryGroup] = []
        for group in groupViews {
            groups.append(self.group(group))
        }
        inventory.groups = groups
        for user in try template.views(IAMUserResource.self) {
            inventory.principals.append(self.user(user, groups: groups, groupViews: groupViews))
        }
        try readResources(into: &inventory)
        return inventory
    }

    // MARK: Principals

    /// `AWS::IAM::Policy` and `AWS::IAM::ManagedPolicy` resources that list the principal under
    /// the given property (roles, users or groups): by `name` in any stack, and by its logical id
    /// in its own.
    func listing(
        name: String, logicalId: String,
        _ members: (IAMPolicyResource) -> [Located<String>], _ managedMembers: (IAMManagedPolicyResource) -> [Located<String>]
    ) -> [AttachedPolicy] {
        func lists<View>(_ entry: PolicyResources.Entry<View>, _ listed: [Located<String>]) -> Bool {
            listed.contains { $0.value == name || ($0.value == logicalId && entry.isIn(template)) }
        }
        func attached<View>(_ entry: PolicyResources.Entry<View>, _ logicalId: String, _ document: PolicyDocument, at position: SourcePosition) -> AttachedPolicy {
            let label = entry.template.context.label(of: logicalId)
            return AttachedPolicy(policy: NamedPolicy(id: label, document: document), attachment: .policyResource(logicalId: label),
                                  location: SourceLocation(file: entry.template.file, position: position))
        }
        let policies = policyResources.policies.filter { lists($0, members($0.view)) }.map { attached($0, $0.view.logicalId, $0.view.document, at: $0.view.position) }
        let managed = policyResources.managed.filter { lists($0, managedMembers($0.view)) }.map { attached($0, $0.view.logicalId, $0.view.document, at: $0.view.position) }
        return policies + managed
    }

    func inline(_ policies: [InlinePolicy], owner: String) -> [AttachedPolicy] {
        policies.map { policy in
            AttachedPolicy(policy: NamedPolicy(id: "\(owner).\(policy.name)", document: policy.document), attachment: .inline(name: policy.name),
                           location: location(policy.position))
        }
    }

    func role(_ role: IAMRoleResource) -> InventoryPrincipal {
        var policies = inline(role.inlinePolicies, owner: label(role.logicalId))
        var unresolved: [UnresolvedPolicy] = []
        for arn in role.managedPolicyArns {
            directory.attach(arn.value, at: location(arn.position), into: &policies, unresolved: &unresolved)
        }
        for attached in listing(name: role.roleName, logicalId: role.logicalId, \.roles, \.roles)
        where !policies.contains(where: { $0.policy.id == attached.policy.id }) {
            policies.append(attached)
        }
        let boundary = directory.boundary(role.permissionsBoundary?.value, at: location(role.permissionsBoundary?.position ?? role.position),
                                          unresolved: &unresolved)
        return InventoryPrincipal(
            kind: .role, label: label(role.logicalId), name: role.roleName, arn: role.arn, location: location(role.position),
            trust: NamedPolicy(id: "\(label(role.logicalId)).AssumeRolePolicyDocument", document: role.trustPolicy),
            policies: policies, boundary: boundary, unresolved: unresolved)
    }

    func group(_ group: IAMGroupResource) -> InventoryGroup {
        var policies = inline(group.inlinePolicies, owner: label(group.logicalId))
        var unresolved: [UnresolvedPolicy] = []
        for arn in group.managedPolicyArns {
            directory.attach(arn.value, at: location(arn.position), into: &policies, unresolved: &unresolved)
        }
        policies += listing(name: group.groupName, logicalId: group.logicalId, \.groups, \.groups)
        return InventoryGroup(label: label(group.logicalId), name: group.groupName, arn: group.arn, location: location(group.position),
                              policies: policies, unresolved: unresolved)
    }

    /// A user's own inline and managed policies, the policy resources that list it, and its
    /// groups' policies (each marked as coming through the group).
    func user(_ user: IAMUserResource, groups: [InventoryGroup], groupViews: [IAMGroupResource]) -> InventoryPrincipal {
        var policies = inline(user.inlinePolicies, owner: label(user.logicalId))
        var unresolved: [UnresolvedPolicy] = []
        for arn in user.managedPolicyArns {
            directory.attach(arn.value, at: location(arn.position), into: &policies, unresolved: &unresolved)
        }
        policies += listing(name: user.userName, logicalId: user.logicalId, \.users, \.users)
        let memberOf = zip(groups, groupViews).filter { _, view in user.groups.contains { $0.value == view.groupName || $0.value == view.logicalId } }
        for (group, _) in memberOf {
            group.extend(&policies, unresolved: &unresolved)
        }
        // A group defined elsewhere (another stack, the console): its policies are unknown.
        for name in user.groups where !groupViews.contains(where: { name.value == $0.groupName || name.value == $0.logicalId }) {
            unresolved.append(UnresolvedPolicy(arn: name.value, role: .groupPolicies, location: location(name.position)))
        }
        let boundary = directory.boundary(user.permissionsBoundary?.value, at: location(user.permissionsBoundary?.position ?? user.position),
                                          unresolved: &unresolved)
        return InventoryPrincipal(
            kind: .user, label: label(user.logicalId), name: user.userName, arn: user.arn, location: location(user.position),
            policies: policies, boundary: boundary, unresolved: unresolved, groups: memberOf.map(\.0.label))
    }

    // MARK: Resources

    /// A global table as the stack's region sees it: that replica's point-in-time recovery and key.
    /// When the region is not known, what every replica agrees on; a setting they disagree on is
    /// unknown (a key becomes a token no input holds, so its key policy is unknown too).
    func globalTable(_ table: DynamoDBGlobalTableResource) -> Table {
        let region = template.context.region ?? SymbolToken.make("AWS.Region")
        let replica = table.replica(in: region)
        var pointInTimeRecovery = replica?.pointInTimeRecoveryEnabled
        var unknown: String?
        if replica == nil {
            let settings = Set(table.replicas.map(\.pointInTimeRecoveryEnabled))
            pointInTimeRecovery = settings.count == 1 ? settings.first : nil
            if settings.count > 1 {
                let on = table.replicas.filter(\.pointInTimeRecoveryEnabled).map { "`\($0.region)`" }.joined(separator: ", ")
                unknown = "`\(table.logicalId)` is a global table whose replicas disagree on point-in-time recovery (on in \(on) only), "
                    + "and the stack's region is not known (give `--region`)"
            }
        }
        var key: Located<String>?
        if table.sseEnabled {
            if let replica {
                key = replica.kmsMasterKeyId
            } else if table.replicas.contains(where: { $0.kmsMasterKeyId != nil }) {
                let keys = Set(table.replicas.map(\.kmsMasterKeyId?.value))
                key = keys.count == 1 ? table.replicas.first?.kmsMasterKeyId
                    : Located(SymbolToken.make("Replica.\(table.logicalId).KMSMasterKeyId"), at: table.position)
            }
        }
        return Table(identity: Identity(label: table.logicalId, arn: table.arn, location: location(table.position)), name: table.tableName,
                     streamARN: table.streamArn, streamViewType: table.streamViewType, pointInTimeRecovery: pointInTimeRecovery,
                     customerManagedKey: key, pointInTimeRecoveryUnknown: unknown)
    }

    /// How a domain's own `AccessPolicies` is named; one a custom resource sets is named by its logical id.
    package static func accessPoliciesId(of domain: String) -> String { "\(domain).AccessPolicies" }

    func readResources(into inventory: inout Inventory) throws(DiagnosticError) {
        inventory.tables = try template.views(DynamoDBTableResource.self).map { table in
            Table(identity: Identity(label: label(table.logicalId), arn: table.arn, location: location(table.position)), name: table.tableName,
                  streamARN: table.streamArn, streamViewType: table.streamViewType, pointInTimeRecovery: table.pointInTimeRecoveryEnabled,
                  customerManagedKey: table.sseEnabled ? table.kmsMasterKeyId : nil)
        }
        inventory.tables += try template.views(DynamoDBGlobalTableResource.self).map(globalTable)
        let bucketPolicies = try template.views(S3BucketPolicyResource.self)
        inventory.buckets = try template.views(S3BucketResource.self).map { bucket in
            let policy = bucketPolicies.first { $0.bucket.value == bucket.bucketName }
            return Bucket(
                identity: Identity(label: label(bucket.logicalId), arn: bucket.arn, location: location(bucket.position)), name: bucket.bucketName,
                policy: policy.map { ResourcePolicy(policy: NamedPolicy(id: label($0.logicalId), document: $0.document), location: location($0.position)) },
                restrictPublicBuckets: bucket.publicAccessBlock?.restrictPublicBuckets,
                defaultKMSKey: bucket.encryption.first { $0.algorithm?.hasPrefix("aws:kms") == true }?.kmsMasterKeyId)
        }
        let customPolicies = try template.views(OpenSearchAccessPolicyResource.self)
        inventory.domains = try template.views(OpenSearchDomainResource.self).map { domain in
            var accessPolicy: ResourcePolicy?
            if let policy = domain.accessPolicies {
                accessPolicy = ResourcePolicy(policy: NamedPolicy(id: Self.accessPoliciesId(of: label(domain.logicalId)), document: policy), location: location(domain.position))
            } else if let custom = customPolicies.first(where: { $0.domainName?.value == domain.domainName }) {
                // CDK's custom resource names its domain; only an exact match attaches the policy.
                accessPolicy = ResourcePolicy(policy: NamedPolicy(id: label(custom.logicalId), document: custom.accessPolicy), location: location(custom.position))
            }
            return Domain(
                identity: Identity(label: label(domain.logicalId), arn: domain.arn, location: location(domain.position)), name: domain.domainName,
                accessPolicy: accessPolicy,
                cognito: domain.cognito.map { Domain.Cognito(enabled: $0.enabled, identityPoolId: $0.identityPoolId, location: location($0.position)) },
                fineGrainedAccessControl: domain.advancedSecurity.map { Domain.FineGrainedAccessControl(enabled: $0.enabled, masterUserARN: $0.masterUserARN) },
                encryptionAtRest: domain.encryptionAtRestEnabled, nodeToNodeEncryption: domain.nodeToNodeEncryptionEnabled,
                enforceHTTPS: domain.enforceHTTPS, inVPC: domain.hasVPCOptions)
        }
        inventory.keys = try template.views(KMSKeyResource.self).map { key in
            Key(identity: Identity(label: label(key.logicalId), arn: key.arn, location: location(key.position)), keyId: key.keyId,
                policy: key.keyPolicy.map { ResourcePolicy(policy: NamedPolicy(id: "\(label(key.logicalId)).KeyPolicy", document: $0), location: location(key.position)) })
        }
        let attachments = try template.views(CognitoIdentityPoolRoleAttachmentResource.self)
        let pools = try template.views(CognitoIdentityPoolResource.self)
        inventory.identityPools = pools.map { pool in
            let attachment = attachments.first { $0.identityPoolId.value == pool.identityPoolId }
            return IdentityPool(
                identity: Identity(label: label(pool.logicalId), arn: identityPoolARN(pool.identityPoolId), location: location(pool.position)),
                poolId: pool.identityPoolId, allowsUnauthenticatedIdentities: pool.allowUnauthenticatedIdentities,
                authenticatedRoleARN: attachment?.authenticatedRoleArn, unauthenticatedRoleARN: attachment?.unauthenticatedRoleArn)
        }
        // Roles attached to a pool the template does not define (an imported one): what the pool
        // allows is not known here.
        for attachment in attachments where !pools.contains(where: { $0.identityPoolId == attachment.identityPoolId.value }) {
            inventory.identityPools.append(IdentityPool(
                identity: Identity(label: label(attachment.logicalId), arn: identityPoolARN(attachment.identityPoolId.value), location: location(attachment.position)),
                poolId: attachment.identityPoolId.value, allowsUnauthenticatedIdentities: nil,
                authenticatedRoleARN: attachment.authenticatedRoleArn, unauthenticatedRoleARN: attachment.unauthenticatedRoleArn))
        }
        inventory.collections = try template.views(OpenSearchServerlessCollectionResource.self).map { collection in
            ServerlessCollection(identity: Identity(label: collection.logicalId, arn: collection.arn, location: location(collection.position)),
                       name: collection.name.value, endpoint: collection.endpoint)
        }
        inventory.serverlessPolicies = try template.views(OpenSearchServerlessPolicyResource.self).map { policy in
            ServerlessPolicy(label: policy.logicalId, name: policy.name, type: policy.type, entries: policy.entries, location: location(policy.position))
        }
        for pipeline in try template.views(OSISPipelineResource.self) {
            let configuration = try PipelineConfiguration.parse(text: pipeline.configurationBody.value, file: "\(template.file)#\(pipeline.logicalId)")
            inventory.pipelines.append(Pipeline(
                identity: Identity(label: label(pipeline.logicalId), arn: pipeline.arn, location: location(pipeline.position)),
                roleARN: pipeline.pipelineRoleArn, configuration: configuration, location: location(pipeline.position),
                publishesLogs: pipeline.logPublishing?.isLoggingEnabled ?? false))
        }
    }
}

/// The `AWS::IAM::Policy` and `AWS::IAM::ManagedPolicy` resources of every stack of an analysis,
/// each with its template: a policy attaches to the principals it lists, whichever stack defines
/// them (CDK writes a policy for an imported role in the stack that grants).
package struct PolicyResources {
    struct Entry<View> {
        var view: View
        var template: CloudFormationTemplate

        /// Whether the policy is `template`'s own (where a logical id also names a principal).
        func isIn(_ template: CloudFormationTemplate) -> Bool {
            self.template.file == template.file && self.template.context.scope == template.context.scope
        }
    }

    var policies: [Entry<IAMPolicyResource>] = []
    var managed: [Entry<IAMManagedPolicyResource>] = []

    package init(_ templates: [CloudFormationTemplate]) throws(DiagnosticError) {
        for template in templates {
            policies += try template.views(IAMPolicyResource.self).map { Entry(view: $0, template: template) }
            managed += try template.views(IAMManagedPolicyResource.self).map { Entry(view: $0, template: template) }
        }
    }
}
