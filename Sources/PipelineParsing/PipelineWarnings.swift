import PolicyModel

/// Legal configurations that are still worth a note: what is read, which role is used.
enum PipelineWarnings {
    static func check(_ configuration: PipelineConfiguration) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        func warn(_ code: String, _ message: String, at position: SourcePosition, help: String? = nil) {
            warnings.append(Diagnostic(severity: .warning, code: code, message: message, position: position, help: help))
        }

        var sourceRoles: [Located<String>] = []
        for source in configuration.dynamoDBSources {
            for table in source.tables {
                if table.stream == nil, table.export == nil {
                    warn(
                        PipelineDiagnosticCode.tableWithoutStreamOrExport,
                        "table `\(table.tableARN.value)` has neither `stream` nor `export`",
                        at: table.position,
                        help: "add `export` for the initial snapshot, `stream` for changes, or both"
                    )
                }
                if let export = table.export, export.s3Bucket == nil {
                    warn(
                        PipelineDiagnosticCode.exportWithoutBucket,
                        "`export` has no `s3_bucket` for table `\(table.tableARN.value)`",
                        at: export.position,
                        help: "the export needs an existing bucket to write the table's data files to"
                    )
                }
            }
            if let role = source.aws?.stsRoleARN {
                sourceRoles.append(role)
            } else {
                warn(
                    PipelineDiagnosticCode.sourceWithoutRole,
                    "the `dynamodb` source has no `aws.sts_role_arn`, so it runs with the pipeline role",
                    at: source.aws?.position ?? source.position
                )
            }
        }

        for sink in configuration.openSearchSinks {
            guard let aws = sink.aws else { continue }
            guard let role = aws.stsRoleARN else {
                warn(
                    PipelineDiagnosticCode.sinkWithoutRole,
                    "the `opensearch` sink's `aws` block has no `sts_role_arn`, so it runs with the pipeline role",
                    at: aws.position
                )
                continue
            }
            if let sourceRole = sourceRoles.first(where: { $0.value != role.value }),
               !sourceRoles.contains(where: { $0.value == role.value }) {
                warn(
                    PipelineDiagnosticCode.roleMismatch,
                    "the sink role `\(role.value)` differs from the source role `\(sourceRole.value)`",
                    at: role.position,
                    help: "both roles are assumed by the pipeline, so each needs its own permissions and trust"
                )
            }
        }
        return warnings
    }
}
