import PolicyModel

/// One AWS service: its actions, resource types and the condition keys its reference page defines.
package struct ServiceInfo: Sendable {
    /// Lower-case prefix used in actions (`es`).
    package var prefix: String
    /// Display name (`Amazon OpenSearch Service`).
    package var name: String
    /// Whether resource control policies (RCPs) apply to the service.
    package var isRCPSupported: Bool
    /// Sorted case-insensitively by name.
    package var actions: [ActionInfo]
    /// Sorted case-insensitively by name.
    package var resourceTypes: [ResourceTypeInfo]
    /// Keys defined on the service's page, with the type that page gives (which can differ from
    /// the catalogue-wide definition: q and qbusiness type `identitystore:UserId` as an array).
    package var conditionKeys: [ConditionKeyInfo]

    /// Lower-cased action name → index in `actions`.
    let actionIndex: [String: Int]

    package func action(_ name: String) -> ActionInfo? {
        // ASCII case only, as the evaluator matches actions (`RequestAction`).
        actionIndex[name.asciiLowercased].map { actions[$0] }
    }

    package func resourceType(_ name: String) -> ResourceTypeInfo? {
        let lower = name.lowercased()
        return resourceTypes.first { $0.name.lowercased() == lower }
    }
}
