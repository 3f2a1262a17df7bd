/// Which requests a resource-based policy takes part in, where a service limits it.
package enum ResourcePolicyScope {
    /// An OpenSearch domain access policy covers the domain's subresources, the `ESHttp*` actions;
    /// configuration API calls need identity-based policies ("Identity and Access Management in
    /// Amazon OpenSearch Service"). Cross-cluster search is the exception.
    package static func governs(lowercasedAction action: String, onOpenSearchResource: Bool) -> Bool {
        !action.hasPrefix("es:") || action.hasPrefix("es:eshttp") || action == "es:escrossclusterget" || !onOpenSearchResource
    }
}
