/// One resource-type row of an action: the resource the action can be scoped to, whether AWS marks
/// it required, and the condition keys and dependent actions that row adds.
package struct ActionResourceType: Sendable, Hashable {
    package var resourceType: ResourceTypeInfo
    package var isRequired: Bool
    /// Condition keys listed on this row of the action table.
    package var conditionKeys: [String]
    package var dependentActions: [String]

    package init(resourceType: ResourceTypeInfo, isRequired: Bool, conditionKeys: [String], dependentActions: [String]) {
        self.resourceType = resourceType
        self.isRequired = isRequired
        self.conditionKeys = conditionKeys
        self.dependentActions = dependentActions
    }

    package var name: String { resourceType.name }
    package var arnTemplate: String { resourceType.arnTemplate }
    /// Same as `isRequired`, under the name the Service Authorization Reference uses.
    package var required: Bool { isRequired }
}
