import AccessInventory

/// `source.dynamodb.export`: the pipeline role can describe and export the table, and the table
/// has point-in-time recovery on (DynamoDB exports need it).
struct DynamoDBExportCheck: StackCheck {
    let id = CheckID.dynamoDBExport

    func run(_ context: CheckContext) -> CheckResult {
        guard let requirements = context.requirements else { return context.noPipeline(id) }
        let (configured, table) = context.configuredTable
        let tableARN = table?.identity.arn ?? configured
        var settings: [String] = []
        if let table, table.pointInTimeRecovery == false {
            settings.append("point-in-time recovery is off on `\(table.identity.label)`; DynamoDB exports need it")
        }
        var unknownSetting: String?
        if let table, table.pointInTimeRecovery == nil, let reason = table.pointInTimeRecoveryUnknown {
            unknownSetting = reason
        } else if let table, table.pointInTimeRecovery == nil {
            unknownSetting = "the inputs do not say whether point-in-time recovery is on for `\(table.name)` (`aws dynamodb describe-continuous-backups --table-name \(table.name)` prints it)"
        } else if table == nil {
            unknownSetting = "table `\(configured)` is not in the inputs, so whether point-in-time recovery is on is unknown "
                + "(a template that defines it, or `aws dynamodb describe-continuous-backups`, would tell)"
        }
        return context.evaluate(
            id, part: requirements.dynamoDBExport, role: "the pipeline role", doing: "describe and export the table", settings: settings,
            unknownSetting: unknownSetting,
            passReason: { "`\($0.label)` may describe and export `\(tableARN)`, and point-in-time recovery is on" },
            location: { $0.location })
    }
}
