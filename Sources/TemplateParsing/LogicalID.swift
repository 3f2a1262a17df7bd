import PolicyModel

/// CloudFormation's rule for the names of parameters, mappings, conditions, resources and outputs
/// ("The logical ID must be alphanumeric (A-Za-z0-9) and unique within the template"; at most 255
/// characters, the documented quota). CloudFormation rejects any other name, so AccessGraph does
/// too, with its position, before such a name can reach a report. Under the
/// `AWS::LanguageExtensions` transform, `Fn::ForEach::LoopName` keys are not logical ids but loops,
/// allowed in `Conditions`, `Resources` and `Outputs`.
enum LogicalID {
    static let maximumLength = 255
    static let languageExtensions = "AWS::LanguageExtensions"
    static let forEachPrefix = "Fn::ForEach::"

    /// The sections whose keys are logical ids, with how messages name one entry.
    private static let sections = [
        ("Parameters", "parameter"), ("Mappings", "mapping"), ("Conditions", "condition"),
        ("Resources", "resource"), ("Outputs", "output"),
    ]

    /// A diagnostic for every invalid name in the template's sections, in section order.
    static func diagnostics(in root: TemplateNode) -> [Diagnostic] {
        let loopsAllowed = transforms(of: root).contains(languageExtensions)
        var diagnostics: [Diagnostic] = []
        for (section, noun) in sections {
            for member in root[section]?.mapValue ?? [] {
                if loopsAllowed, section != "Parameters", section != "Mappings", isForEachKey(member.key) { continue }
                guard let problem = problem(member.key) else { continue }
                let loopHelp = member.key.hasPrefix(forEachPrefix) && !loopsAllowed
                    ? "; `Fn::ForEach` loops need `Transform: \(languageExtensions)`" : ""
                diagnostics.append(TemplateError.diagnostic(
                    "template.invalid-logical-id", "\(noun) logical id \(problem)", at: member.keyPosition,
                    help: "CloudFormation accepts only 1 to \(maximumLength) letters and digits (A-Za-z0-9) as a logical id\(loopHelp)"))
            }
        }
        return diagnostics
    }

    /// Why `name` is not a logical id, as the end of a message; nil when it is one.
    static func problem(_ name: String) -> String? {
        if name.isEmpty { return "is empty" }
        let length = name.unicodeScalars.count
        if length > maximumLength {
            return "`\(excerpt(name))` has \(length) characters, more than \(maximumLength)"
        }
        guard name.unicodeScalars.allSatisfy(isAlphanumeric) else {
            return "`\(excerpt(name))` has characters other than letters A-Z, a-z and digits 0-9"
        }
        return nil
    }

    /// `Fn::ForEach::` then a loop name of letters and digits.
    static func isForEachKey(_ key: String) -> Bool {
        guard key.hasPrefix(forEachPrefix) else { return false }
        let loopName = key.dropFirst(forEachPrefix.count)
        return !loopName.isEmpty && loopName.unicodeScalars.allSatisfy(isAlphanumeric)
    }

    /// The template's `Transform`: one name or a list of names (macro objects have no name here).
    static func transforms(of root: TemplateNode) -> [String] {
        guard let transform = root["Transform"] else { return [] }
        if let name = transform.stringValue { return [name] }
        return (transform.listValue ?? []).compactMap(\.stringValue)
    }

    static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    /// A long name's first 64 characters, so a message stays readable.
    private static func excerpt(_ name: String) -> String {
        name.unicodeScalars.count <= 64 ? name : String(String.UnicodeScalarView(name.unicodeScalars.prefix(64))) + "…"
    }
}
