import AccessInventory

/// `source.dynamodb.stream`: the pipeline role can read the table's stream, and the stream
/// carries new images (`NEW_IMAGE` or `NEW_AND_OLD_IMAGES`).
struct DynamoDBStreamCheck: StackCheck {
    let id = CheckID.dynamoDBStream

    func run(_ context: CheckContext) -> CheckResult {
        guard let requirements = context.requirements else { return context.noPipeline(id) }
        let (configured, table) = context.configuredTable
        let tableARN = table?.identity.arn ?? configured
        var settings: [String] = []
        if let table {
            switch table.streamViewType {
            case "NEW_IMAGE", "NEW_AND_OLD_IMAGES": break
            case nil: settings.append("`\(table.identity.label)` has no stream; set `StreamSpecification.StreamViewType` to `NEW_IMAGE` or `NEW_AND_OLD_IMAGES`")
            case let other?: settings.append("`\(table.identity.label)` streams `\(other)`; the pipeline needs `NEW_IMAGE` or `NEW_AND_OLD_IMAGES`")
            }
        }
        return context.evaluate(
            id, part: requirements.dynamoDBStream, role: "the pipeline role", doing: "read the table's stream", settings: settings,
            unknownSetting: table == nil ? "table `\(configured)` is not in the inputs, so whether its stream carries new images is unknown "
                + "(a template that defines it, or `aws dynamodb describe-table`, would tell)" : nil,
            passReason: { "`\($0.label)` may read the stream of `\(tableARN)`, which carries new images" },
            location: { $0.location })
    }
}
