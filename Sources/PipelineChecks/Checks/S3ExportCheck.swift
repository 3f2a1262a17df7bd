import AccessInventory

/// `source.s3.export`: the role that writes the export can read and write the export files
/// under the prefix, through the bucket policy, Block Public Access and the export's KMS key.
struct S3ExportCheck: StackCheck {
    let id = CheckID.s3Export

    func run(_ context: CheckContext) -> CheckResult {
        guard let requirements = context.requirements else { return context.noPipeline(id) }
        let part = requirements.s3Export
        let export = requirements.pipeline.configuration.dynamoDBSources.first?.tables.first?.export
        let bucketValue = export?.s3Bucket?.value ?? ""
        let bucket = context.inventory.bucket(named: bucketValue)
        let objects = export?.s3ObjectKeyPattern ?? "*"
        return context.evaluate(
            id, part: part, role: "the role that writes the export", doing: "read and write the export files",
            passReason: { "`\($0.label)` may read and write `\(bucket?.name ?? bucketValue)/\(objects)`, and the bucket policy does not deny it" },
            location: { bucket?.policy?.location ?? $0.location })
    }
}
