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
        if let table, !table.pointInTimeRecovery {
            settings.append("point-in-time recovery is off on `\(table.identity.label)`; DynamoDB exports need it")
        }
        return context.evaluate(
            id, part: requirements.dynamoDBExport, missingRole: "the pipeline role is not defined in this template", settings: settings,
            unknownSetting: table == nil ? "table `\(configured)` is not in this template, so whether point-in-time recovery is on is unknown" : nil,
            passReason: { "`\($0.label)` may describe and export `\(tableARN)`, and point-in-time recovery is on" },
            location: { $0.location })
    }
}
