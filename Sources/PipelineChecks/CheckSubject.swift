import AccessInventory
import PolicyModel

/// What a check is about: one pipeline (the pipeline checks run once per pipeline) or one domain
/// (its Dashboards sign-in). Reports name it by its label, and by its name when that differs.
package struct CheckSubject: Sendable, Hashable, CustomStringConvertible {
    package enum Kind: String, Sendable, Hashable {
        case pipeline, domain
    }

    package var kind: Kind
    /// The logical id (`Stack/LogicalId` with several stacks), the resource's name in an account,
    /// or the path of a pipeline file given alone.
    package var label: String
    /// `PipelineName` or `DomainName` when the inputs give it literally and it is not the label.
    package var name: String?

    package init(kind: Kind, label: String, name: String? = nil) {
        self.kind = kind
        self.label = label
        self.name = name.flatMap { $0 == label || $0.isEmpty || SymbolToken.containsToken($0) ? nil : $0 }
    }

    package init(_ pipeline: Pipeline) {
        self.init(kind: .pipeline, label: pipeline.label, name: pipeline.name)
    }

    package init(_ domain: Domain) {
        self.init(kind: .domain, label: domain.identity.label, name: domain.name)
    }

    /// `OrdersPipeline (orders-pipeline)`, or the label alone.
    package var description: String {
        name.map { "\(label) (\($0))" } ?? label
    }
}

extension StackReport {
    /// How reports label `check`: its subject when the report checks several subjects of that
    /// kind (several pipelines, several domains' sign-in), else nil, as one needs no label.
    package func subjectLabel(of check: CheckResult) -> String? {
        guard let subject = check.subject else { return nil }
        let sameKind = Set(checks.compactMap(\.subject).filter { $0.kind == subject.kind })
        return sameKind.count > 1 ? subject.description : nil
    }
}
