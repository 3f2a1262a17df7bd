import PolicyModel
import TemplateParsing

/// The principals and resources of a stack or an account, from whatever source, with every
/// policy in evaluator form and where each came from. Lookups accept an ARN or a value that is
/// one symbol token of a template resource (`⟦GetAtt.X.Arn⟧`), as a separate pipeline file names
/// template resources.
package struct Inventory: Sendable {
    /// What reports call it: the main input's file name.
    package var name: String
    package var principals: [InventoryPrincipal] = []
    package var groups: [InventoryGroup] = []
    package var tables: [Table] = []
    package var buckets: [Bucket] = []
    package var domains: [Domain] = []
    package var keys: [Key] = []
    package var identityPools: [IdentityPool] = []
    package var collections: [ServerlessCollection] = []
    /// OpenSearch Serverless data access and security policies.
    package var serverlessPolicies: [ServerlessPolicy] = []
    package var pipelines: [Pipeline] = []
    /// The partition and account the stack deploys to, when the inputs say (nil: symbolic). A
    /// role known only by a token for its whole ARN (an import, a parameter) lives there:
    /// CloudFormation imports within one account, and OSIS takes only a role of its own account.
    package var partition: String?
    package var account: String?
    /// The SCPs and RCPs on the account, when the inputs place it in an organization as a member
    /// (an audited account; templates say nothing of it).
    package var organization: OrganizationControls?
    /// `Fn::ImportValue` tokens with their export names as written, so generated documents can
    /// name an imported value the way the template does.
    package var imports: [String: String] = [:]
    /// What the inputs hold that could not be read or is not analysed but changes nothing the
    /// analysis decides (an intrinsic unresolved in `Outputs`, `template.sam-not-expanded`), as
    /// `.warning` diagnostics with their files; commands print them on stderr.
    package var warnings: [Diagnostic] = []
    /// The stacks read into it, in order (none for an account or a pipeline alone).
    package var stacks: [Stack] = []

    /// A stack of the inventory: its name (its scope among several, else the artifact id or the
    /// template file's stem), its template file and what was known about its deployment.
    package struct Stack: Sendable, Hashable {
        package var name: String
        package var file: String
        package var context: TemplateContext
    }

    package init(name: String) {
        self.name = name
    }

    package var roles: [InventoryPrincipal] { principals.filter { $0.kind == .role } }
    package var users: [InventoryPrincipal] { principals.filter { $0.kind == .user } }

    /// A role the inputs only name, by its ARN, with no policies of its own: where it lives is
    /// the stack's environment when the ARN does not say (it is one token).
    package func namedRole(arn: String, label: String) -> InventoryPrincipal {
        var role = InventoryPrincipal(kind: .role, label: label, name: label, arn: arn, location: SourceLocation(file: name, position: .unknown))
        role.homePartition = partition
        role.homeAccount = account
        return role
    }

    /// Every resource with its resource-based policy, for the access graph.
    package var resources: [InventoryResource] {
        tables.map { InventoryResource(identity: $0.identity, policy: nil) }
            + buckets.map { InventoryResource(identity: $0.identity, policy: $0.policy) }
            + domains.map { InventoryResource(identity: $0.identity, policy: $0.accessPolicy) }
            + keys.map { InventoryResource(identity: $0.identity, policy: $0.policy) }
            + collections.map { InventoryResource(identity: $0.identity, policy: nil) }
    }

    /// The template logical id a value that is one resource token stands for.
    static func referencedLogicalId(_ value: String) -> String? {
        SymbolToken.referencedLogicalIds(in: value).first
    }

    package func role(arn: String) -> InventoryPrincipal? {
        let roles = principals.filter { $0.kind == .role }
        return roles.first { $0.arn == arn } ?? Self.referencedLogicalId(arn).flatMap { id in roles.first { $0.label == id } }
    }

    package func table(arn: String) -> Table? {
        tables.first { $0.identity.arn == arn } ?? Self.referencedLogicalId(arn).flatMap { id in tables.first { $0.identity.label == id } }
    }

    package func bucket(named name: String) -> Bucket? {
        buckets.first { $0.name == name } ?? Self.referencedLogicalId(name).flatMap { id in buckets.first { $0.identity.label == id } }
    }

    /// The key an ARN, a key id or a token of the key names.
    package func key(_ value: String) -> Key? {
        keys.first { $0.identity.arn == value || $0.keyId == value }
            ?? Self.referencedLogicalId(value).flatMap { id in keys.first { $0.identity.label == id } }
    }

    /// The domain a sink host names; anything else is not known to be a domain of this inventory.
    package func domain(endpoint host: String) -> Domain? {
        domains.first { $0.isNamed(byEndpoint: host) }
    }

    /// The collection a sink host names, or (from `serverless_options.collection_name`) the one of
    /// that name.
    package func collection(endpoint host: String?, name: String?) -> ServerlessCollection? {
        host.flatMap { host in collections.first { $0.isNamed(byEndpoint: host) } } ?? name.flatMap { name in collections.first { $0.name == name } }
    }

    /// Adds another source's principals and resources (a template's and an account's).
    package mutating func merge(_ other: Inventory) {
        principals += other.principals
        groups += other.groups
        tables += other.tables
        buckets += other.buckets
        domains += other.domains
        keys += other.keys
        identityPools += other.identityPools
        collections += other.collections
        serverlessPolicies += other.serverlessPolicies
        pipelines += other.pipelines
        warnings += other.warnings
        stacks += other.stacks
        imports.merge(other.imports) { kept, _ in kept }
    }
}
