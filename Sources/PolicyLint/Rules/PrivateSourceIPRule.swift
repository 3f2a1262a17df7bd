import PolicyModel

/// `lint.private-ip-in-source-ip` (warning): a private, loopback or link-local range in
/// `aws:SourceIp`. That key holds the caller's public address; requests from a VPC arrive through an
/// endpoint, which sets `aws:VpcSourceIp` instead.
struct PrivateSourceIPRule: LintRule {
    let codes = ["lint.private-ip-in-source-ip"]

    private static let privateRanges: [IPNetwork] = [
        "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "169.254.0.0/16", "fc00::/7", "fe80::/10", "::1/128",
    ].compactMap { IPNetwork(cidr: $0) }

    func check(_ context: LintContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for statement in context.document.statements {
            for clause in statement.conditions where clause.lookupKey == "aws:sourceip" {
                for value in clause.values {
                    guard case .network(let network) = value.parsed,
                          Self.privateRanges.contains(where: { $0.contains(network) }) else { continue }
                    diagnostics.append(context.diagnostic(
                        .warning, "lint.private-ip-in-source-ip",
                        "`\(value.text)` is a private address range, which `aws:SourceIp` never holds",
                        at: value.position, help: "for requests through a VPC endpoint, test `aws:VpcSourceIp` together with `aws:SourceVpc`"))
                }
            }
        }
        return diagnostics
    }
}
