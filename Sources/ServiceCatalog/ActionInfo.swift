/// An IAM action such as `es:ESHttpGet`.
package struct ActionInfo: Sendable, Hashable {
    /// Service prefix, lower-case (`es`).
    package var service: String
    /// Action name in AWS's canonical case (`ESHttpGet`).
    package var name: String
    /// `service:name`.
    package var qualifiedName: String
    /// The most specific access level AWS gives. iam-data lists some actions with two levels
    /// ("Tagging, Write", "Permissions management, Write"); this is the first.
    package var accessLevel: AccessLevel
    /// All levels as listed, most specific first.
    package var accessLevels: [AccessLevel]
    /// Resource types the action can be scoped to; empty means it only accepts `"Resource": "*"`.
    package var resourceTypes: [ActionResourceType]
    /// Condition keys listed for the action itself (the row without a resource type).
    package var conditionKeys: [String]
    /// Other actions the caller also needs permission for.
    package var dependentActions: [String]

    package init(
        service: String, name: String, accessLevels: [AccessLevel], resourceTypes: [ActionResourceType],
        conditionKeys: [String], dependentActions: [String]
    ) {
        self.service = service
        self.name = name
        self.qualifiedName = service + ":" + name
        self.accessLevel = accessLevels.first ?? .write
        self.accessLevels = accessLevels
        self.resourceTypes = resourceTypes
        self.conditionKeys = conditionKeys
        self.dependentActions = dependentActions
    }

    /// True when the action has no resource types, so a statement can only grant it with `"*"`.
    package var isWildcardOnly: Bool { resourceTypes.isEmpty }

    /// Every condition key AWS associates with the action: its own, each resource row's and each
    /// resource type's. Sorted, without duplicates.
    package var allConditionKeys: [String] {
        var keys = Set(conditionKeys)
        for row in resourceTypes {
            keys.formUnion(row.conditionKeys)
            keys.formUnion(row.resourceType.conditionKeys)
        }
        return keys.sorted()
    }
}
