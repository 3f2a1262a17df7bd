import PolicyModel
import ServiceCatalog

/// One `Action`/`NotAction` entry looked up in the service catalogue once, so every rule sees the
/// same answer.
package struct ResolvedAction: Sendable {
    package enum Kind: Sendable {
        /// `*`: every action of every service.
        case everything
        /// A name without wildcards that the catalogue knows.
        case exact(ActionInfo)
        /// A pattern with `*` or `?`, and the actions it matches (possibly none).
        case wildcard([ActionInfo])
        /// The service prefix (without wildcards) is not in the catalogue.
        case unknownService(String)
        /// The service is known but has no action of that name.
        case unknownAction(service: String)
        /// Not of the form `service:action`, or it holds a policy variable.
        case malformed(reason: String)
    }

    /// The entry as written, with its position.
    package var pattern: ActionPattern
    package var kind: Kind

    /// Looks the entry up; wildcard patterns are expanded (cheap: a service is parsed once).
    package init(_ pattern: ActionPattern, catalogue: ServiceCatalogue) {
        self.pattern = pattern
        self.kind = Self.resolve(pattern.text, catalogue: catalogue)
    }

    /// The action, when the entry names exactly one known action.
    package var info: ActionInfo? {
        if case .exact(let info) = kind { return info }
        return nil
    }

    /// False for entries that are errors: unknown service or action, or malformed.
    package var isValid: Bool {
        switch kind {
        case .everything, .exact, .wildcard: true
        case .unknownService, .unknownAction, .malformed: false
        }
    }

    private static func resolve(_ text: String, catalogue: ServiceCatalogue) -> Kind {
        if text.contains("${") {
            return .malformed(reason: "policy variables are not allowed in `Action`")
        }
        if !text.isEmpty, text.allSatisfy({ $0 == "*" }) { return .everything }
        guard let colon = text.firstIndex(of: ":") else {
            return .malformed(reason: "an action is written `service:ActionName`")
        }
        let service = text[..<colon]
        let name = text[text.index(after: colon)...]
        guard !service.isEmpty, !name.isEmpty, !name.contains(":") else {
            return .malformed(reason: "an action is written `service:ActionName`")
        }
        let serviceHasWildcard = service.contains("*") || service.contains("?")
        if !serviceHasWildcard, catalogue.service(String(service)) == nil {
            return .unknownService(String(service))
        }
        if serviceHasWildcard || name.contains("*") || name.contains("?") {
            return .wildcard(catalogue.expandActionPattern(text))
        }
        guard let info = catalogue.action(text) else { return .unknownAction(service: String(service)) }
        return .exact(info)
    }
}
