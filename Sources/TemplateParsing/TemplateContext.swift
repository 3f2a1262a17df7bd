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

    /// Nothing known: every pseudo parameter stays symbolic.
    package static let unknown = TemplateContext()

    /// `AWS::URLSuffix` follows from the partition.
    package var urlSuffix: String? { partition.flatMap(AWSPartition.urlSuffix(of:)) }
}
