import PolicyModel
import PolicyParsing

/// A CDK cloud assembly (`cdk.out`, what `cdk synth` writes): the stacks its `manifest.json`
/// lists (artifacts of type `aws:cloudformation:stack`), each with its template file, its
/// environment and the parameter values CDK passes, and the nested assemblies of CDK stages.
/// Every other artifact (asset manifests, the construct tree) is not read. The schema is CDK's
/// `cloud-assembly.schema.json`; a manifest that breaks it is an `assembly.*` error at its place.
package struct CloudAssembly: Sendable {
    package static let manifestName = "manifest.json"

    /// One `aws:cloudformation:stack` artifact.
    package struct Stack: Sendable, Hashable {
        /// The artifact id (what `--stack` names).
        package var id: String
        /// `properties.stackName`, else the artifact id (CDK writes the name only when it differs).
        package var stackName: String
        /// The assembly's directory joined with `properties.templateFile`.
        package var templatePath: String
        /// From `environment` (`aws://ACCOUNT/REGION`); nil for `unknown-account` and
        /// `unknown-region`, which stay symbolic.
        package var account: String?
        package var region: String?
        /// `properties.parameters`: the values the deployment passes.
        package var parameters: [String: String]
        /// Artifact ids deployed before this one.
        package var dependencies: [String]
        /// Where the artifact's id is written in the manifest.
        package var location: SourceLocation
    }

    /// A `cdk:cloud-assembly` artifact: the assembly of a CDK stage, in a directory of its own.
    package struct NestedAssembly: Sendable, Hashable {
        package var id: String
        package var directory: String
        package var location: SourceLocation
    }

    package var directory: String
    /// In the manifest's order.
    package var stacks: [Stack]
    package var nestedAssemblies: [NestedAssembly]

    /// `directory/manifest.json`.
    package static func manifestPath(in directory: String) -> String {
        joined(directory, manifestName)
    }

    /// `directory` and a relative path, as the assembly names its files.
    package static func joined(_ directory: String, _ file: String) -> String {
        directory.isEmpty || directory.hasSuffix("/") ? directory + file : directory + "/" + file
    }

    /// Reads a manifest's bytes; `directory` is where it lies, which its relative paths start from.
    package static func parse(bytes: [UInt8], directory: String) throws(DiagnosticError) -> CloudAssembly {
        let file = manifestPath(in: directory)
        let root = try JSONReader.parse(bytes: bytes, file: file, limit: InputLimits.manifestBytes, tooLargeCode: "assembly.too-large", what: "the manifest")
        var reader = ManifestReader(file: file, directory: directory)
        let assembly = reader.read(root)
        if !reader.diagnostics.isEmpty { throw DiagnosticError(reader.diagnostics) }
        return assembly
    }

    /// The stack whose template is `path` (the file name within the assembly's directory).
    package func stack(withTemplateFile name: String) -> Stack? {
        stacks.first { $0.templatePath == Self.joined(directory, name) }
    }

    // MARK: Nested stacks

    /// A nested stack whose template CDK wrote into the assembly: an `AWS::CloudFormation::Stack`
    /// resource with `Metadata` `aws:asset:path` (the file, relative to the assembly).
    package struct NestedStackAsset: Sendable, Hashable {
        package var logicalId: String
        package var path: String
        /// Where the path is written in the parent template.
        package var position: SourcePosition
    }

    /// The nested stacks of a parsed template (`CloudFormationTemplate.parseDocument`) whose
    /// template is an asset. A path that leaves the assembly is an `assembly.invalid-asset-path`
    /// error (positions only; the caller names the file).
    package static func nestedStackAssets(in document: TemplateNode) throws(DiagnosticError) -> [NestedStackAsset] {
        var assets: [NestedStackAsset] = []
        var diagnostics: [Diagnostic] = []
        for member in document["Resources"]?.mapValue ?? [] where member.value["Type"]?.stringValue == "AWS::CloudFormation::Stack" {
            guard let node = member.value["Metadata"]?["aws:asset:path"], let path = node.stringValue else { continue }
            if let problem = relativePathProblem(path) {
                diagnostics.append(Diagnostic(severity: .error, code: "assembly.invalid-asset-path",
                                              message: "the template of nested stack `\(member.key)`, `\(path)`, \(problem)", position: node.position))
                continue
            }
            assets.append(NestedStackAsset(logicalId: member.key, path: path, position: node.position))
        }
        if !diagnostics.isEmpty { throw DiagnosticError(diagnostics) }
        return assets
    }

    /// Why a path an assembly names cannot be one of its files, or nil: it must stay inside the
    /// assembly's directory, so a hostile `cdk.out` cannot make the tool read other files.
    static func relativePathProblem(_ path: String) -> String? {
        if path.isEmpty { return "is empty" }
        if path.hasPrefix("/") || path.hasPrefix("\\") { return "is absolute, not a file of the assembly" }
        if path.split(whereSeparator: { $0 == "/" || $0 == "\\" }).contains("..") { return "leaves the assembly's directory" }
        if path.unicodeScalars.contains(where: { $0.value < 0x20 }) { return "holds a control character" }
        return nil
    }
}

/// Reads the manifest's JSON, collecting every schema error with its position.
private struct ManifestReader {
    let file: String
    let directory: String
    var diagnostics: [Diagnostic] = []

    mutating func report(_ code: String, _ message: String, at position: SourcePosition, help: String? = nil) {
        diagnostics.append(Diagnostic(severity: .error, code: code, message: message, file: file, position: position, help: help))
    }

    mutating func read(_ root: JSONNode) -> CloudAssembly {
        var assembly = CloudAssembly(directory: directory, stacks: [], nestedAssemblies: [])
        guard root.objectValue != nil else {
            report("assembly.invalid-manifest", "a cloud assembly manifest must be an object, found \(root.typeName)", at: root.position)
            return assembly
        }
        if root["version"]?.stringValue == nil {
            report("assembly.invalid-manifest", "the manifest needs a string `version`", at: root["version"]?.position ?? root.position,
                   help: "`cdk synth` writes `manifest.json` with its protocol version; is this a cloud assembly?")
        }
        guard let artifacts = root["artifacts"] else { return assembly }
        guard let members = artifacts.objectValue else {
            report("assembly.invalid-manifest", "`artifacts` must be an object, found \(artifacts.typeName)", at: artifacts.position)
            return assembly
        }
        for member in members {
            let artifact = member.value
            guard artifact.objectValue != nil else {
                report("assembly.invalid-manifest", "artifact `\(member.key)` must be an object, found \(artifact.typeName)", at: artifact.position)
                continue
            }
            guard let type = artifact["type"]?.stringValue else {
                report("assembly.invalid-manifest", "artifact `\(member.key)` needs a string `type`", at: artifact["type"]?.position ?? member.keyPosition)
                continue
            }
            let location = SourceLocation(file: file, position: member.keyPosition)
            switch type {
            case "aws:cloudformation:stack":
                if let stack = stack(member.key, artifact, at: location) { assembly.stacks.append(stack) }
            case "cdk:cloud-assembly":
                guard let name = string("directoryName", in: artifact["properties"], of: member.key, required: true, at: member.keyPosition),
                      path(name, of: member.key) else { continue }
                assembly.nestedAssemblies.append(CloudAssembly.NestedAssembly(id: member.key, directory: CloudAssembly.joined(directory, name.value), location: location))
            default:
                // Asset manifests, the construct tree and types CDK adds later say nothing about access.
                continue
            }
        }
        return assembly
    }

    mutating func stack(_ id: String, _ artifact: JSONNode, at location: SourceLocation) -> CloudAssembly.Stack? {
        let properties = artifact["properties"]
        if let properties, properties.objectValue == nil {
            report("assembly.invalid-manifest", "`properties` of stack `\(id)` must be an object, found \(properties.typeName)", at: properties.position)
            return nil
        }
        guard let templateFile = string("templateFile", in: properties, of: id, required: true, at: location.position), path(templateFile, of: id) else { return nil }
        var account: String?
        var region: String?
        if let environment = artifact["environment"] {
            guard let text = environment.stringValue, let parsed = Self.environment(text) else {
                report("assembly.invalid-environment", "the environment of stack `\(id)` must read `aws://ACCOUNT/REGION`, found \(Self.shown(environment))",
                       at: environment.position, help: "ACCOUNT is 12 digits or `unknown-account`, REGION a region such as `us-east-1` or `unknown-region`")
                return nil
            }
            (account, region) = parsed
        }
        var parameters: [String: String] = [:]
        if let node = properties?["parameters"] {
            if let members = node.objectValue {
                for member in members {
                    guard let value = member.value.stringValue else {
                        report("assembly.invalid-manifest", "parameter `\(member.key)` of stack `\(id)` must be a string, found \(member.value.typeName)", at: member.value.position)
                        continue
                    }
                    parameters[member.key] = value
                }
            } else {
                report("assembly.invalid-manifest", "`parameters` of stack `\(id)` must be an object, found \(node.typeName)", at: node.position)
            }
        }
        var dependencies: [String] = []
        if let node = artifact["dependencies"] {
            if let items = node.arrayValue {
                for item in items {
                    if let name = item.stringValue { dependencies.append(name) } else {
                        report("assembly.invalid-manifest", "`dependencies` of stack `\(id)` must list artifact ids, found \(item.typeName)", at: item.position)
                    }
                }
            } else {
                report("assembly.invalid-manifest", "`dependencies` of stack `\(id)` must be an array, found \(node.typeName)", at: node.position)
            }
        }
        let stackName = string("stackName", in: properties, of: id, required: false, at: location.position)?.value ?? id
        return CloudAssembly.Stack(
            id: id, stackName: stackName, templatePath: CloudAssembly.joined(directory, templateFile.value), account: account, region: region,
            parameters: parameters, dependencies: dependencies, location: location)
    }

    /// A string property of an artifact's `properties`; reported when it has another type, or is
    /// required and absent.
    mutating func string(_ key: String, in properties: JSONNode?, of id: String, required: Bool, at position: SourcePosition) -> Located<String>? {
        guard let node = properties?[key] else {
            if required { report("assembly.invalid-manifest", "artifact `\(id)` needs a string `properties.\(key)`", at: properties?.position ?? position) }
            return nil
        }
        guard let text = node.stringValue else {
            report("assembly.invalid-manifest", "`\(key)` of artifact `\(id)` must be a string, found \(node.typeName)", at: node.position)
            return nil
        }
        return Located(text, at: node.position)
    }

    /// Whether a file the manifest names stays in the assembly; reported otherwise.
    mutating func path(_ path: Located<String>, of id: String) -> Bool {
        guard let problem = CloudAssembly.relativePathProblem(path.value) else { return true }
        report("assembly.invalid-manifest", "artifact `\(id)` names `\(path.value)`, which \(problem)", at: path.position)
        return false
    }

    /// `aws://123456789012/us-east-1` as (account, region), unknowns as nil; nil when malformed.
    static func environment(_ text: String) -> (String?, String?)? {
        guard text.hasPrefix("aws://") else { return nil }
        let parts = text.dropFirst(6).split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 else { return nil }
        let account: String? = parts[0] == "unknown-account" ? nil : parts[0]
        let region: String? = parts[1] == "unknown-region" ? nil : parts[1]
        if let account, !AWSIdentifierForm.accountID.accepts(account) { return nil }
        if let region, !AWSIdentifierForm.region.accepts(region) { return nil }
        return (account, region)
    }

    static func shown(_ node: JSONNode) -> String {
        node.stringValue.map { "`\($0)`" } ?? node.typeName
    }
}
