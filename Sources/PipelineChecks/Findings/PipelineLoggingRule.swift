import AccessInventory

/// `pipeline.logging-not-wired`: a pipeline resource that does not publish its logs, so failed
/// writes are invisible.
struct PipelineLoggingRule: FindingRule {
    func findings(_ context: FindingContext) -> [Finding] {
        context.inventory.pipelines.compactMap { pipeline in
            guard let identity = pipeline.identity, pipeline.publishesLogs == false else { return nil }
            return Finding(
                id: .pipelineLoggingNotWired, severity: .suggestion, resource: identity.label,
                message: "`\(identity.label)` does not publish its logs (`LogPublishingOptions.IsLoggingEnabled` is not true), so failed writes are invisible",
                location: identity.location)
        }
    }
}
