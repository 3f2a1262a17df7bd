import AccessInventory

/// `sink.opensearch`: the role of every `opensearch` sink (of every sub-pipeline) can describe
/// its domain and write its index, through its own policies and the domain access policy; with
/// fine-grained access control the role must also be mapped inside the domain, which only the
/// master user is known to be. For an OpenSearch Serverless collection: its own policies let it
/// reach the collection, and the collection's data access policies let it write the index.
struct OpenSearchSinkCheck: StackCheck {
    let id = CheckID.openSearchSink

    func run(_ context: CheckContext) -> CheckResult {
        guard let requirements = context.requirements else { return context.noPipeline(id) }
        let part = requirements.sink
        if let sink = requirements.pipeline.configuration.openSearchSinks.first, sink.isServerless {
            let collection = context.inventory.collection(endpoint: sink.hosts.first?.value, name: sink.aws?.serverlessOptions?.collectionName?.value)
            let index = part.requests.first { $0.action == "aoss:WriteDocument" }?.resource ?? "the index"
            return context.evaluate(
                id, part: part, role: "the sink's role", doing: "write to the collection",
                passReason: { "`\($0.label)` may reach collection `\(collection?.name ?? "?")` and its data access policy lets it write `\(index)`" },
                location: { _ in collection?.identity.location ?? part.location })
        }
        let sinks = requirements.pipeline.configuration.openSearchSinks
        // Each sink's domain, what the role does there, and the role it names.
        let targets = sinks.compactMap { sink in
            sink.hosts.first.flatMap { context.inventory.domain(endpoint: $0.value) }.map { domain in
                let index = sink.index?.value.contains("${") == false ? sink.index?.value ?? "index" : "index"
                let through = domain.accessPolicy == nil ? "the role's policies (the domain has no access policy)" : "the role's policies and the domain access policy"
                return (domain: domain, writes: "describe `\(domain.identity.label)` and write `\(index)` through \(through)", roleARN: sink.aws?.stsRoleARN?.value)
            }
        }
        guard let first = targets.first, targets.count == sinks.count else {
            return context.evaluate(id, part: part, role: "the sink's role", doing: "write to the domain",
                                    passReason: { _ in "" }, location: { $0.location })
        }
        var result = context.evaluate(
            id, part: part, role: "the sink's role", doing: "write to the domain",
            passReason: { "`\($0.label)` may " + targets.map(\.writes).joined(separator: "; and ") },
            location: { _ in first.domain.accessPolicy?.location ?? first.domain.identity.location })
        // Fine-grained access control authorizes again after IAM, through role mappings that live
        // in the domain, not the template.
        for (domain, _, sinkRole) in targets where result.status == .pass {
            guard let fgac = domain.fineGrainedAccessControl, fgac.enabled, let roleARN = sinkRole ?? part.roleARN,
                  let role = context.inventory.role(arn: roleARN), fgac.masterUserARN?.value != role.arn else { continue }
            result.status = .unknown
            result.reason = "whether `\(role.label)` is mapped to a role of `\(domain.identity.label)`'s fine-grained access control (e.g. `all_access`) is unknown: "
                + "the mappings live in the domain, not the inputs, and the role is not the domain's master user; IAM allows it"
            result.location = domain.identity.location
        }
        return result
    }
}
