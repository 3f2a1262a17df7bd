/// What follows from an AWS partition's name or from a region's: one place for both, so a
/// template's pseudo parameters and (later) a live account's endpoints agree.
package enum AWSPartition {
    /// Every partition this table knows; a partition given by name must be one of them.
    package static let names = ["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"]

    /// The partition a region belongs to: `cn-*` is `aws-cn`, `us-gov-*` is `aws-us-gov`, the
    /// isolated regions have their own, every other region is `aws` ("Regions and zones",
    /// AWS General Reference, partitions).
    package static func named(forRegion region: String) -> String {
        let prefixes: [(String, String)] = [
            ("cn-", "aws-cn"), ("us-gov-", "aws-us-gov"), ("us-isob-", "aws-iso-b"), ("us-isof-", "aws-iso-f"),
            ("eu-isoe-", "aws-iso-e"), ("us-iso-", "aws-iso"), ("eusc-", "aws-eusc"),
        ]
        return prefixes.first { region.hasPrefix($0.0) }?.1 ?? "aws"
    }

    /// `AWS::URLSuffix` of a partition; nil for a name this table does not know.
    package static func urlSuffix(of partition: String) -> String? {
        switch partition {
        case "aws", "aws-us-gov": "amazonaws.com"
        case "aws-cn": "amazonaws.com.cn"
        case "aws-iso": "c2s.ic.gov"
        case "aws-iso-b": "sc2s.sgov.gov"
        case "aws-iso-e": "cloud.adc-e.uk"
        case "aws-iso-f": "csp.hci.ic.gov"
        case "aws-eusc": "amazonaws.eu"
        default: nil
        }
    }
}
