import PolicyModel

/// One resource of a template, with its properties resolved.
package struct TemplateResource: Sendable {
    package var logicalId: String
    /// How the analysis names it: the logical id, stack-qualified among several stacks
    /// (`TemplateContext.label(of:)`).
    package var label: String
    package var type: String
    /// Where the logical id is written.
    package var position: SourcePosition
    /// The template file, so typed views can report `file:line:column`.
    package var file: String
    /// Resolved properties (an empty map when the resource has none).
    package var properties: TemplateNode
    /// The resource's `Condition`, if any.
    package var condition: String?
    /// True when the resource's `Condition` could not be decided (it depends on something the
    /// context did not supply); such resources are kept.
    package var conditionUnknown: Bool
    /// Conditions of `Fn::If`s in the properties that could not be decided; their true branch
    /// was taken.
    package var assumedConditions: [String]
    /// What `Ref` to this resource resolves to.
    package var ref: String
    /// The resource's ARN when its type has a known ARN format.
    package var arn: String?
    package var identity: ResourceIdentity
    package var dependsOn: [String]

    /// What `Fn::GetAtt` of this resource resolves to.
    package func attribute(_ name: String) -> String {
        if let value = identity.attributes[name] { return value }
        if name == "Arn", let arn { return arn }
        return SymbolToken.resource(label, attribute: name)
    }

    /// True when `Fn::If` or the resource's `Condition` had to be assumed.
    package var dependsOnUnknownCondition: Bool { conditionUnknown || !assumedConditions.isEmpty }
}
