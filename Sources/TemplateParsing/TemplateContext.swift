import PolicyModel

/// What is known about the deployment target. Anything left nil stays symbolic (a `⟦AWS.…⟧`
/// token), so an analysis of an environment-agnostic template does not invent an account.
package struct TemplateContext: Sendable, Hashable {
    package var account: String?
    package var region: String?
    /// The partition given, else the one the region belongs to, else nil (symbolic).
    package var partition: String? {
        get { givenPartition ?? region.map(AWSPartition.named(forRegion:)) }
        set { givenPartition = newValue }
    }
    private var givenPartition: String?
    package var stackName: String?
    /// Values for template parameters; a parameter without one uses its `Default`.
    package var parameters: [String: String]
    /// Parameters whose value is unknown although one is set (`UsePreviousValue`): they stay
    /// symbolic, whatever their `Default`.
    package var unknownParameters: Set<String> = []
    /// The stack's name among several stacks analysed together (`StackA`, a nested stack
    /// `StackA/NestedStack`); nil when the analysis has one stack. It qualifies the labels and
    /// tokens of the stack's resources, so equal logical ids of two stacks stay distinct.
    package var scope: String?
    /// Values other stacks of the analysis export, by export name, for `Fn::ImportValue`.
    package var exports: [String: String] = [:]
    /// The outputs of this stack's nested stacks loaded with it, by the logical id of their
    /// `AWS::CloudFormation::Stack` resource, for `Fn::GetAtt` `Outputs.Name`.
    package var nestedStackOutputs: [String: [String: String]] = [:]

    package init(
        account: String? = nil, region: String? = nil, partition: String? = nil,
        stackName: String? = nil, parameters: [String: String] = [:]
    ) {
        self.account = account
        self.region = region
        self.givenPartition = partition
        self.stackName = stackName
        self.parameters = parameters
    }

    /// How the analysis names a resource or parameter of this stack: its logical id, qualified
    /// by the stack's scope when there are several stacks (`StackA/Role`).
    package func label(of logicalId: String) -> String {
        scope.map { "\($0)/\(logicalId)" } ?? logicalId
    }

    /// The partition exactly as given (nil when it follows from the region).
    package var explicitPartition: String? { givenPartition }

    /// Nothing known: every pseudo parameter stays symbolic.
    package static let unknown = TemplateContext()

    /// `AWS::URLSuffix` follows from the partition.
    package var urlSuffix: String? { partition.flatMap(AWSPartition.urlSuffix(of:)) }
}
