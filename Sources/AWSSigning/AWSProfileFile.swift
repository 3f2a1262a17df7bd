import PolicyModel

/// The AWS CLI's shared `config` and `credentials` files: INI sections of `key = value` lines.
/// In `config` a profile's section is `[profile NAME]` (`[default]` for the default one), in
/// `credentials` it is `[NAME]`; `#` and `;` start comments; an indented line under a key with an
/// empty value belongs to that key's sub-section (`s3 =` then `  max_concurrent_requests = 20`),
/// which profiles here do not need and skip. Values are kept as written, so secrets are never
/// echoed in errors: a malformed line is reported by its position only.
package struct AWSProfileFile: Sendable {
    package enum Kind: Sendable {
        case config, credentials
    }

    /// Profile name → its settings (keys lower-cased, as the CLI reads them).
    package var profiles: [String: [String: String]] = [:]

    package init(text: String, kind: Kind, file: String) throws(DiagnosticError) {
        // nil before the first section; `.some(nil)` inside a section that is not a profile.
        var current: String??
        var inSubsection = false
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let trimmed = line.trimmingSpaces
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#"), !trimmed.hasPrefix(";") else { continue }
            let position = SourcePosition(line: offset + 1, column: 1)
            if trimmed.hasPrefix("[") {
                guard trimmed.hasSuffix("]") else { throw Self.malformed("a section header must end with `]`", file: file, at: position) }
                let name = Self.profileName(section: String(trimmed.dropFirst().dropLast()).trimmingSpaces, kind: kind)
                current = .some(name)
                inSubsection = false
                if let name, profiles[name] == nil { profiles[name] = [:] }
                continue
            }
            if line.first == " " || line.first == "\t" {
                // A sub-section's setting, or the continuation of one: not a profile setting.
                guard inSubsection || current == nil else { throw Self.malformed("an indented line must follow a key with an empty value", file: file, at: position) }
                continue
            }
            guard let equals = trimmed.firstIndex(of: "=") else { throw Self.malformed("expected `key = value`", file: file, at: position) }
            let key = trimmed[..<equals].trimmingSpaces.lowercased()
            let value = Self.withoutComment(trimmed[trimmed.index(after: equals)...].trimmingSpaces)
            guard !key.isEmpty else { throw Self.malformed("a setting needs a key before `=`", file: file, at: position) }
            inSubsection = value.isEmpty
            guard let section = current else { throw Self.malformed("a setting must be inside a `[section]`", file: file, at: position) }
            if let profile = section, !value.isEmpty { profiles[profile, default: [:]][key] = value }
        }
    }

    /// `[profile NAME]` and `[default]` in `config`; `[NAME]` in `credentials`. Other `config`
    /// sections (`[sso-session …]`, `[services …]`) are not profiles.
    static func profileName(section: String, kind: Kind) -> String? {
        switch kind {
        case .credentials: return section
        case .config:
            if section == "default" { return "default" }
            let words = section.split(separator: " ", maxSplits: 1).map(String.init)
            guard words.count == 2, words[0] == "profile" else { return nil }
            return words[1].trimmingSpaces
        }
    }

    /// ` ; comment` or ` # comment` after a value, as the CLI strips it (only after white space).
    static func withoutComment(_ value: String) -> String {
        for marker in [" #", " ;", "\t#", "\t;"] {
            if let range = value.range(of: marker) { return String(value[..<range.lowerBound]).trimmingSpaces }
        }
        return value
    }

    static func malformed(_ message: String, file: String, at position: SourcePosition) -> DiagnosticError {
        DiagnosticError(Diagnostic(severity: .error, code: "aws-config.malformed", message: message, file: file, position: position))
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
