import PolicyModel
import PolicyParsing

/// A value for a template parameter as a user gives it (`--parameter Key=Value`, a parameters
/// file, a CDK stack's manifest), with where it was given.
package struct ParameterValue: Sendable, Hashable {
    package var key: String
    /// nil for `UsePreviousValue`: the deployed stack's value, which the inputs do not hold, so
    /// the parameter stays symbolic.
    package var value: String?
    /// The file and position, or the option (`--parameter`) with no position.
    package var location: SourceLocation

    package init(key: String, value: String?, location: SourceLocation) {
        self.key = key
        self.value = value
        self.location = location
    }
}

/// Reads parameter values: `Key=Value` pairs and parameters files in the two forms AWS tools
/// write, the CloudFormation CLI's `[{"ParameterKey": "K", "ParameterValue": "V"}]` and a
/// template configuration `{"Parameters": {"K": "V"}}` (CodePipeline's; its `Tags` and
/// `StackPolicy` say nothing about access). Every problem is a `parameter.*` error at its place.
package enum ParameterValues {
    /// `Key=Value`; the value is everything after the first `=` and may be empty.
    package static func pair(_ text: String, option: String = "--parameter") throws(DiagnosticError) -> ParameterValue {
        guard let equals = text.firstIndex(of: "=") else {
            throw DiagnosticError(Diagnostic(severity: .error, code: "parameter.invalid", message: "`\(DisplayText.escaped(text))` is not `Key=Value`",
                                             file: option, help: "give each parameter as --parameter Key=Value"))
        }
        let key = String(text[..<equals])
        try checkKey(key, at: SourceLocation(file: option, position: .unknown))
        return ParameterValue(key: key, value: String(text[text.index(after: equals)...]), location: SourceLocation(file: option, position: .unknown))
    }

    /// The values of a parameters file, in the file's order (a key given twice is `merged`'s to report).
    package static func parse(bytes: [UInt8], file: String) throws(DiagnosticError) -> [ParameterValue] {
        let root = try JSONReader.parse(bytes: bytes, file: file, limit: InputLimits.parameterFileBytes, tooLargeCode: "parameter.too-large", what: "the parameters file")
        var values: [ParameterValue] = []
        var diagnostics: [Diagnostic] = []
        func report(_ message: String, at position: SourcePosition) {
            diagnostics.append(Diagnostic(severity: .error, code: "parameter.invalid-file", message: message, file: file, position: position,
                                          help: "write `[{\"ParameterKey\": \"K\", \"ParameterValue\": \"V\"}]` or `{\"Parameters\": {\"K\": \"V\"}}`"))
        }
        func add(_ key: String, _ value: String?, at position: SourcePosition) {
            let location = SourceLocation(file: file, position: position)
            do {
                try checkKey(key, at: location)
            } catch {
                diagnostics += error.diagnostics
                return
            }
            values.append(ParameterValue(key: key, value: value, location: location))
        }
        switch root.value {
        case .array(let entries):
            for entry in entries {
                guard entry.objectValue != nil else {
                    report("each parameter must be an object with `ParameterKey`, found \(entry.typeName)", at: entry.position)
                    continue
                }
                guard let key = entry["ParameterKey"], let name = key.stringValue else {
                    report("a parameter needs a string `ParameterKey`", at: entry["ParameterKey"]?.position ?? entry.position)
                    continue
                }
                if entry["UsePreviousValue"]?.value == .bool(true) {
                    add(name, nil, at: key.position)
                } else if let value = entry["ParameterValue"] {
                    guard let text = scalarText(value) else {
                        report("the `ParameterValue` of `\(name)` must be a string, found \(value.typeName)", at: value.position)
                        continue
                    }
                    add(name, text, at: key.position)
                } else {
                    report("parameter `\(name)` needs a `ParameterValue` (or `UsePreviousValue: true`)", at: key.position)
                }
            }
        case .object(let members):
            for member in members {
                switch member.key {
                case "Parameters":
                    guard let parameters = member.value.objectValue else {
                        report("`Parameters` must be an object of names and values, found \(member.value.typeName)", at: member.value.position)
                        continue
                    }
                    for parameter in parameters {
                        guard let text = scalarText(parameter.value) else {
                            report("the value of `\(parameter.key)` must be a string, found \(parameter.value.typeName)", at: parameter.value.position)
                            continue
                        }
                        add(parameter.key, text, at: parameter.keyPosition)
                    }
                case "Tags", "StackPolicy":
                    continue
                default:
                    report("`\(member.key)` is not part of a template configuration file (`Parameters`, `Tags`, `StackPolicy`)", at: member.keyPosition)
                }
            }
        default:
            report("a parameters file is an array or an object, found \(root.typeName)", at: root.position)
        }
        if !diagnostics.isEmpty { throw DiagnosticError(diagnostics) }
        return values
    }

    /// The values of several files and `--parameter` pairs as one set: a pair overrides a file,
    /// as a command line overrides a file it names; a key two files give, or two pairs, is an
    /// error naming both places, since which one is meant cannot be told.
    package static func merged(files: [[ParameterValue]], pairs: [ParameterValue]) throws(DiagnosticError) -> [ParameterValue] {
        var diagnostics: [Diagnostic] = []
        func unique(_ values: [ParameterValue]) -> [ParameterValue] {
            var kept: [ParameterValue] = []
            for value in values {
                if let earlier = kept.first(where: { $0.key == value.key }) {
                    diagnostics.append(Diagnostic(severity: .error, code: "parameter.duplicate",
                                                  message: "parameter `\(value.key)` is given twice (also at \(earlier.location))",
                                                  file: value.location.file, position: value.location.position))
                } else {
                    kept.append(value)
                }
            }
            return kept
        }
        let fromFiles = unique(files.flatMap { $0 })
        let fromPairs = unique(pairs)
        if !diagnostics.isEmpty { throw DiagnosticError(diagnostics) }
        return fromFiles.filter { value in !fromPairs.contains { $0.key == value.key } } + fromPairs
    }

    /// Strings as they are; numbers and booleans as written (CloudFormation passes every
    /// parameter as text).
    static func scalarText(_ node: JSONNode) -> String? {
        switch node.value {
        case .string(let text): text
        case .number(let text): text
        case .bool(let flag): flag ? "true" : "false"
        default: nil
        }
    }

    /// A parameter key is a logical id (CloudFormation's rule, `LogicalID`).
    static func checkKey(_ key: String, at location: SourceLocation) throws(DiagnosticError) {
        guard let problem = LogicalID.problem(key) else { return }
        throw DiagnosticError(Diagnostic(severity: .error, code: "parameter.invalid", message: "parameter name \(problem)",
                                         file: location.file, position: location.position,
                                         help: "a parameter's name is 1 to \(LogicalID.maximumLength) letters and digits (A-Za-z0-9), as the template declares it"))
    }
}
