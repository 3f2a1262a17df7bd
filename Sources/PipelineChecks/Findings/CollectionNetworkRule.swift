import AccessInventory

/// `collection.public-network-access`: a network policy of the inputs (`AWS::OpenSearchServerless::SecurityPolicy`
/// of `Type` `network`) whose entry has `AllowFromPublic: true` on a `collection` rule that covers
/// a collection of the inputs: its endpoint answers the whole internet, and only IAM and the data
/// access policies stand between it and anyone with credentials.
struct CollectionNetworkRule: FindingRule {
    func findings(_ context: FindingContext) -> [Finding] {
        let networkPolicies = context.inventory.serverlessPolicies.filter { $0.type == "network" }
        return context.inventory.collections.flatMap { collection in
            networkPolicies.flatMap { policy in
                policy.entries(covering: collection.name).filter { entry in
                    entry.allowFromPublic && entry.rules.contains { $0.resourceType == "collection" && ServerlessPolicy.rule($0, covers: collection.name) }
                }.map { entry in
                    Finding(id: .collectionPublicNetworkAccess, severity: .securityWarning, resource: collection.identity.label,
                            message: "network policy `\(policy.label)` (entry \(entry.index)) lets the internet reach collection `\(collection.name)` "
                                + "(`AllowFromPublic: true`); only IAM and its data access policies stand in the way",
                            location: policy.location)
                }
            }
        }
    }
}
