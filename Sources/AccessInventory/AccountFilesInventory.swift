import AccountSnapshot
import PipelineParsing
import PolicyEvaluation
import PolicyModel

/// Reads a directory of AWS CLI outputs (`AccountFiles`) into an inventory: the account's IAM
/// (through `SnapshotInventory`), its pipelines with their configuration, and the tables, buckets,
/// domains, keys and identity pools they use. What the directory does not hold stays unknown and
/// says which CLI command would supply it.
package struct AccountFilesInventory {
    let files: AccountFiles
    let directory: ManagedPolicyDirectory
    /// For ARNs the outputs do not print (buckets, identity pools).
    let partition: String
    let region: String
    let account: String

    package static func build(_ files: AccountFiles, directory: ManagedPolicyDirectory, partition: String?, region: String?, account: String?) throws(DiagnosticError) -> Inventory {
        let reader = AccountFilesInventory(
            files: files, directory: directory, partition: partition ?? SymbolToken.make("AWS.Partition"), region: region ?? SymbolToken.make("AWS.Region"),
            account: account ?? files.callerAccount?.value ?? files.authorizationDetails.lazy.flatMap(\.roles).compactMap { SplitARN($0.arn).account }.first
                ?? SymbolToken.make("AWS.AccountId"))
        return try reader.read()
    }

    func read() throws(DiagnosticError) -> Inventory {
        var inventory = Inventory(name: files.directory)
        for snapshot in files.authorizationDetails {
            directory.add(snapshot)
        }
        for snapshot in files.authorizationDetails {
            inventory.merge(SnapshotInventory.build(snapshot, directory: directory))
        }
        let customerKeys = Set(files.keys.filter { $0.value.manager == "CUSTOMER" }.map(\.value.arn))
        inventory.tables = files.tables.map { entry in
            let table = entry.value
            return Table(
                identity: ResourceIdentity(label: table.name, arn: table.arn, location: entry.location), name: table.name, streamARN: table.streamARN,
                streamViewType: table.streamViewType, pointInTimeRecovery: files.pointInTimeRecovery[table.name]?.value,
                customerManagedKey: table.kmsKeyARN.flatMap { customerKeys.contains($0.value) ? $0 : nil })
        }
        inventory.buckets = buckets()
        inventory.domains = files.domains.map(domain)
        inventory.keys = files.keys.map { entry in
            let policy = files.keyPolicies[entry.value.keyId] ?? files.keyPolicies[entry.value.arn]
            return Key(identity: ResourceIdentity(label: entry.value.keyId, arn: entry.value.arn, location: entry.location), keyId: entry.value.keyId,
                       policy: policy.map { ResourcePolicy(policy: NamedPolicy(id: "\(entry.value.keyId) key policy", document: $0.value), location: $0.location) })
        }
        inventory.identityPools = files.identityPools.map { entry in
            let pool = entry.value
            return IdentityPool(
                identity: ResourceIdentity(label: pool.name ?? pool.poolId, arn: "arn:\(partition):cognito-identity:\(region):\(account):identitypool/\(pool.poolId)", location: entry.location),
                poolId: pool.poolId, allowsUnauthenticatedIdentities: pool.allowsUnauthenticatedIdentities,
                authenticatedRoleARN: pool.authenticatedRoleARN, unauthenticatedRoleARN: pool.unauthenticatedRoleARN)
        }
        for entry in files.pipelines {
            let pipeline = entry.value
            let configuration = try PipelineConfiguration.parse(text: pipeline.configurationBody.value, file: "\(entry.location.file)#\(pipeline.name)")
            inventory.pipelines.append(Pipeline(
                identity: ResourceIdentity(label: pipeline.name, arn: pipeline.arn, location: entry.location), roleARN: pipeline.roleARN,
                configuration: configuration, location: entry.location, publishesLogs: pipeline.publishesLogs))
        }
        inventory.partition = partition
        inventory.account = account
        inventory.organization = organizationControls()
        return inventory
    }

    // MARK: Organizations

    /// The SCP and RCP levels of the account, root first, when an output places it in an
    /// organization as a member; nil outside one and for the management account.
    func organizationControls() -> OrganizationControls? {
        guard let organization = files.organization?.value, organization.managementAccountId != account else { return nil }
        let place = organizationPlace()
        func levels(_ type: String, _ kind: String) -> [PolicyLevel] {
            guard let listed = files.listedOrganizationPolicies[type]?.value else {
                return [PolicyLevel(name: "organization \(organization.id)", policies: [NamedPolicy(
                    unknown: "\(kind)s of organization \(organization.id)",
                    reason: "the snapshot does not list the organization's \(kind)s (`aws organizations list-policies --filter \(type)`)")])]
            }
            // An organization that does not use a policy type has none of it, not even the default one.
            guard !listed.isEmpty else { return [] }
            guard case .success(let chain) = place else {
                return [PolicyLevel(name: "account \(account)", policies: [NamedPolicy(unknown: "\(kind)s of account \(account)", reason: place.missingReason)])]
            }
            return chain.map { target in
                PolicyLevel(name: target, policies: listed.compactMap { summary -> NamedPolicy? in
                    let name = "\(kind) \(summary.name)"
                    guard let targets = files.organizationPolicyTargets[summary.id]?.value else {
                        return NamedPolicy(unknown: name, reason: "the snapshot does not say where \(kind) `\(summary.name)` is attached (`aws organizations list-targets-for-policy --policy-id \(summary.id)`)")
                    }
                    guard targets.contains(target) else { return nil }
                    guard let policy = files.organizationPolicies[summary.id]?.value else {
                        return NamedPolicy(unknown: name, reason: "the snapshot has no `describe-policy` output for \(kind) `\(summary.name)` (`aws organizations describe-policy --policy-id \(summary.id)`)")
                    }
                    return NamedPolicy(id: name, document: policy.document)
                })
            }
        }
        let catalogue = directory.catalogue
        return OrganizationControls(account: account, serviceControlPolicies: levels("SERVICE_CONTROL_POLICY", "SCP"),
                                    resourceControlPolicies: levels("RESOURCE_CONTROL_POLICY", "RCP"),
                                    resourceControlServices: Set(catalogue.servicePrefixes.filter { catalogue.isRCPSupported(service: $0) }))
    }

    /// Where the account sits: the root, the organizational units and the account, root first.
    enum OrganizationPlace {
        case success([String])
        case missing(child: String)

        var missingReason: String {
            guard case .missing(let child) = self else { return "" }
            return "the snapshot does not say where `\(child)` sits in its organization (`aws organizations list-parents --child-id \(child)`)"
        }
    }

    func organizationPlace() -> OrganizationPlace {
        var chain = [account]
        var child = account
        while let parent = files.organizationParents[child]?.value.first, !chain.contains(parent.id) {
            chain.insert(parent.id, at: 0)
            if parent.type == "ROOT" { return .success(chain) }
            child = parent.id
        }
        return .missing(child: child)
    }

    /// Every bucket some output names. A bucket without a `get-bucket-policy` output has a policy
    /// of unknown content: the output is missing, not the policy.
    func buckets() -> [Bucket] {
        let names = Set(files.bucketPolicies.keys).union(files.restrictPublicBuckets.keys).union(files.bucketKeys.keys).sorted()
        return names.map { name in
            let location = files.bucketPolicies[name]?.location ?? files.restrictPublicBuckets[name]?.location ?? files.bucketKeys[name]?.location
                ?? SourceLocation(file: files.directory, position: .unknown)
            let policy: ResourcePolicy?
            switch files.bucketPolicies[name] {
            case .some(let entry):
                policy = entry.value.map { ResourcePolicy(policy: NamedPolicy(id: "\(name) bucket policy", document: $0), location: entry.location) }
            case nil:
                policy = ResourcePolicy(policy: NamedPolicy(
                    unknown: "bucket policy of \(name)",
                    reason: "the snapshot has no `get-bucket-policy` output for `\(name)` (`aws s3api get-bucket-policy --bucket \(name)`; save `{}` when the bucket has none)"),
                    location: location)
            }
            return Bucket(identity: ResourceIdentity(label: name, arn: "arn:\(partition):s3:::\(name)", location: location), name: name, policy: policy,
                          restrictPublicBuckets: files.restrictPublicBuckets[name]?.value,
                          defaultKMSKey: files.bucketKeys[name]?.value.map { Located($0, at: files.bucketKeys[name]?.location.position ?? .unknown) })
        }
    }

    func domain(_ entry: AccountFiles.Entry<ServiceOutputs.Domain>) -> Domain {
        let domain = entry.value
        let arn = domain.arn.isEmpty ? "arn:\(partition):es:\(region):\(account):domain/\(domain.name)" : domain.arn
        return Domain(
            identity: ResourceIdentity(label: domain.name, arn: arn, location: entry.location), name: domain.name,
            accessPolicy: domain.accessPolicy.map { ResourcePolicy(policy: NamedPolicy(id: "\(domain.name) access policy", document: $0.value),
                                                                   location: SourceLocation(file: entry.location.file, position: $0.position)) },
            cognito: Domain.Cognito(enabled: domain.cognitoEnabled, identityPoolId: domain.identityPoolId, location: entry.location),
            fineGrainedAccessControl: Domain.FineGrainedAccessControl(enabled: domain.fineGrainedAccessControl, masterUserARN: nil),
            encryptionAtRest: domain.encryptionAtRest, nodeToNodeEncryption: domain.nodeToNodeEncryption, enforceHTTPS: domain.enforceHTTPS,
            inVPC: domain.inVPC, endpoint: domain.endpoint)
    }
}
