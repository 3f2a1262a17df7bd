import AccessInventory
import PolicyModel

/// `pipeline.multiple-tables`, `pipeline.multiple-sources`, `pipeline.missing-sink`: what
/// OpenSearch Ingestion refuses when the pipeline is created (`PipelineConfiguration.rejections`),
/// as errors, while the checks still analyse what the configuration says.
struct PipelineConfigurationRule: FindingRule {
    func findings(_ context: FindingContext) -> [Finding] {
        context.inventory.pipelines.flatMap { pipeline in
            pipeline.configuration.rejections.compactMap { rejection in
                FindingID(rawValue: rejection.code).map { id in
                    let (location, place) = Self.place(of: rejection, in: pipeline)
                    return Finding(id: id, severity: .error, resource: pipeline.label, message: "`\(pipeline.label)`: \(rejection.message)\(place)",
                                   location: location)
                }
            }
        }
    }

    /// Where a report points: into the pipeline file itself, or, for a configuration inside a
    /// template's `PipelineConfigurationBody` (whose lines are not the template's), at the
    /// pipeline resource, naming the line and column within the body.
    static func place(of rejection: Diagnostic, in pipeline: Pipeline) -> (SourceLocation, String) {
        if pipeline.configuration.file == pipeline.location.file {
            return (SourceLocation(file: pipeline.location.file, position: rejection.position), "")
        }
        let within = rejection.position.isKnown ? " (line \(rejection.position.line), column \(rejection.position.column) of its `PipelineConfigurationBody`)" : ""
        return (pipeline.location, within)
    }
}
