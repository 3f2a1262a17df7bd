import AccessInventory

/// `sink.opensearch`: the sink's role can describe the domain and write the index, through its
/// own policies and the domain access policy; with fine-grained access control the role must
/// also be mapped inside the domain, which only the master user is known to be. For an
/// OpenSearch Serverless collection: its own policies let it reach the collection, and the
/// collection's data access policies let it write the index.
struct OpenSearchSinkCheck: StackCheck {
    let id = CheckID.openSearchSink

    func run(_ context: CheckContext) -> CheckResult {
        guard let requirements = context.requirements else { return context.noPipeline(id) }
        let part = requirements.sink
        if let sink = requirements.pipeline.configuration.openSearchSinks.first, sink.isServerless {
            let collection = context.inventory.collection(endpoint: sink.hosts.first?.value, name: sink.aws?.serverlessOptions?.collectionName?.value)
            let index = part.requests.first { $0.action == "aoss:WriteDocument" }?.resource ?? "the index"
            return context.evaluate(
                id, part: part, missingRole: "the sink's role is not defined in this template",
                passReason: { "`\($0.label)` may reach collection `\(collection?.name ?? "?")` and its data access policy lets it write `\(index)`" },
                location: { _ in collection?.identity.location ?? part.location })
        }
        guard let sink = requirements.pipeline.configuration.openSearchSinks.first,
              let domain = sink.hosts.first.flatMap({ context.inventory.domain(endpoint: $0.value) }) else {
            return context.evaluate(id, part: part, missingRole: "the sink's role is not defined in this template",
                                    passReason: { _ in "" }, location: { $0.location })
        }
        let index = sink.index?.value.contains("${") == false ? sink.index?.value ?? "index" : "index"
        let through = domain.accessPolicy == nil ? "the role's policies (the domain has no access policy)" : "the role's policies and the domain access policy"
        var result = context.evaluate(
            id, part: part, missingRole: "the sink's role is not defined in this template",
            passReason: { "`\($0.label)` may describe `\(domain.identity.label)` and write `\(index)` through \(through)" },
            location: { _ in domain.accessPolicy?.location ?? domain.identity.location })
        // Fine-grained access control authorizes again after IAM, through role mappings that live
        // in the domain, not the template.
        if result.status == .pass, let fgac = domain.fineGrainedAccessControl, fgac.enabled, let roleARN = part.roleARN,
           let role = context.inventory.role(arn: roleARN), fgac.masterUserARN?.value != role.arn {
            result.status = .unknown
            result.reason = "IAM allows `\(role.label)`, but `\(domain.identity.label)` has fine-grained access control and the role is not its master user; whether the role is mapped (e.g. to `all_access`) is not in the template"
            result.location = domain.identity.location
        }
        return result
    }
}
