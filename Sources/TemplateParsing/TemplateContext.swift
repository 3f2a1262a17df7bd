/// What is known about the deployment target. Anything left nil stays symbolic (a `⟦AWS.…⟧`
/// token), so an analysis of an environment-agnostic template does not invent an account.
package struct TemplateContext: Sendable, Hashable {
    package var account: String?
    package var region: String?
    package var partition: String?
    package var stackName: String?
    /// Values for template parameters; a parameter without one uses its `Default`.
    package var parameters: [String: String]

    package init(
        account: String? = nil, region: String? = nil, partition: String? = nil,
        stackName: String? = nil, parameters: [String: String] = [:]
    ) {
        self.account = account
        self.region = region
        self.partition = partition
        self.stackName = stackName
        self.parameters = parameters
    }

    /// Nothing known: every pseudo parameter stays symbolic.
    package static let unknown = TemplateContext()

    /// `AWS::URLSuffix` follows from the partition.
    package var urlSuffix: String? {
        switch partition {
        case "aws", "aws-us-gov": "amazonaws.com"
        case "aws-cn": "amazonaws.com.cn"
        case "aws-iso": "c2s.ic.gov"
        case "aws-iso-b": "sc2s.sgov.gov"
        case "aws-iso-e": "cloud.adc-e.uk"
        case "aws-iso-f": "csp.hci.ic.gov"
        default: nil
        }
    }
}
