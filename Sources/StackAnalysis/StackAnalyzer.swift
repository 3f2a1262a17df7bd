import PipelineParsing
import PolicyModel
import ServiceCatalog
import TemplateParsing

/// The main job: a template (and optionally a pipeline file) in, checks and findings out.
package enum StackAnalyzer {
    package static func analyze(
        template: CloudFormationTemplate, pipeline: PipelineConfiguration? = nil, catalogue: ServiceCatalogue
    ) throws(DiagnosticError) -> StackReport {
        analyze(stack: try StackBuilder.build(template: template, pipelineOverride: pipeline, catalogue: catalogue), catalogue: catalogue)
    }

    package static func analyze(stack: Stack, catalogue: ServiceCatalogue) -> StackReport {
        let checks = PipelineChecks(stack: stack).run()
        let findings = FindingRules(stack: stack, catalogue: catalogue, checks: checks).run()
        return StackReport(template: stack.file, checks: checks, findings: findings)
    }
}
