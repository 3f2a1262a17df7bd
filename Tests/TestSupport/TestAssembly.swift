import Foundation
import PolicyParsing

/// A CDK cloud assembly (`cdk.out`) written as `cdk synth` writes one: `manifest.json` (protocol
/// version, an asset manifest artifact and a stack artifact per stack with its environment,
/// `templateFile`, bootstrap properties, dependencies and construct metadata, and the `Tree`
/// artifact), each stack's template, its asset manifest, `tree.json`, and nested stacks'
/// templates beside their parents.
package struct TestAssembly {
    package struct Stack {
        package var id: String
        package var template: TestStack
        /// `aws://ACCOUNT/REGION`; `aws://unknown-account/unknown-region` for an
        /// environment-agnostic stack.
        package var environment: String
        package var dependencies: [String]
        package var parameters: [(String, String)]
        /// `properties.stackName`, written when it differs from the id.
        package var stackName: String?
    }

    package var stacks: [Stack] = []
    /// Nested stacks' templates, by file name.
    package var nestedTemplates: [(String, TestStack)] = []

    package init() {}

    package func stack(
        _ id: String, _ template: TestStack, environment: String = "aws://123456789012/us-east-1", dependencies: [String] = [],
        parameters: [(String, String)] = [], stackName: String? = nil
    ) -> TestAssembly {
        var assembly = self
        assembly.stacks.append(Stack(id: id, template: template, environment: environment, dependencies: dependencies, parameters: parameters, stackName: stackName))
        return assembly
    }

    package func nestedTemplate(_ file: String, _ template: TestStack) -> TestAssembly {
        var assembly = self
        assembly.nestedTemplates.append((file, template))
        return assembly
    }

    /// `manifest.json` as CDK 2 writes it.
    package var manifest: JSONOutput {
        var artifacts: [(String, JSONOutput)] = []
        for stack in stacks {
            artifacts.append(("\(stack.id).assets", .object([
                ("type", .string("cdk:asset-manifest")),
                ("properties", .object([
                    ("file", .string("\(stack.id).assets.json")), ("requiresBootstrapStackVersion", .int(6)),
                    ("bootstrapStackVersionSsmParameter", .string("/cdk-bootstrap/hnb659fds/version")),
                ])),
            ])))
            let account = stack.environment.split(separator: "/").dropFirst(1).first.map(String.init) ?? "unknown-account"
            let region = stack.environment.split(separator: "/").last.map(String.init) ?? "unknown-region"
            let roleAccount = account == "unknown-account" ? "${AWS::AccountId}" : account
            let roleRegion = region == "unknown-region" ? "${AWS::Region}" : region
            var properties: [(String, JSONOutput)] = [
                ("templateFile", .string("\(stack.id).template.json")), ("terminationProtection", .bool(false)), ("validateOnSynth", .bool(false)),
                ("assumeRoleArn", .string("arn:${AWS::Partition}:iam::\(roleAccount):role/cdk-hnb659fds-deploy-role-\(roleAccount)-\(roleRegion)")),
                ("cloudFormationExecutionRoleArn", .string("arn:${AWS::Partition}:iam::\(roleAccount):role/cdk-hnb659fds-cfn-exec-role-\(roleAccount)-\(roleRegion)")),
                ("stackTemplateAssetObjectUrl", .string("s3://cdk-hnb659fds-assets-\(roleAccount)-\(roleRegion)/6c4f3d9a2b1e8f7d.json")),
                ("requiresBootstrapStackVersion", .int(6)), ("bootstrapStackVersionSsmParameter", .string("/cdk-bootstrap/hnb659fds/version")),
                ("additionalDependencies", .array([.string("\(stack.id).assets")])),
                ("lookupRole", .object([
                    ("arn", .string("arn:${AWS::Partition}:iam::\(roleAccount):role/cdk-hnb659fds-lookup-role-\(roleAccount)-\(roleRegion)")),
                    ("requiresBootstrapStackVersion", .int(8)), ("bootstrapStackVersionSsmParameter", .string("/cdk-bootstrap/hnb659fds/version")),
                ])),
            ]
            if !stack.parameters.isEmpty { properties.append(("parameters", .object(stack.parameters.map { ($0.0, .string($0.1)) }))) }
            if let stackName = stack.stackName { properties.append(("stackName", .string(stackName))) }
            artifacts.append((stack.id, .object([
                ("type", .string("aws:cloudformation:stack")),
                ("environment", .string(stack.environment)),
                ("properties", .object(properties)),
                ("dependencies", .array(([stack.id + ".assets"] + stack.dependencies).map(JSONOutput.string))),
                ("metadata", .object([
                    ("/\(stack.id)/BootstrapVersion", .array([.object([("type", .string("aws:cdk:logicalId")), ("data", .string("BootstrapVersion"))])])),
                    ("/\(stack.id)/CheckBootstrapVersion", .array([.object([("type", .string("aws:cdk:logicalId")), ("data", .string("CheckBootstrapVersion"))])])),
                ])),
                ("displayName", .string(stack.id)),
            ])))
        }
        artifacts.append(("Tree", .object([("type", .string("cdk:tree")), ("properties", .object([("file", .string("tree.json"))]))])))
        return .object([("version", .string("36.0.0")), ("artifacts", .object(artifacts)), ("minimumCliVersion", .string("2.1005.0"))])
    }

    /// Writes the assembly into `directory` (created) and returns its path.
    @discardableResult
    package func write(in temporary: TemporaryDirectory, at directory: String = "cdk.out") throws -> String {
        try temporary.write("\(directory)/manifest.json", manifest.rendered())
        try temporary.write("\(directory)/tree.json", JSONOutput.object([
            ("version", .string("tree-0.1")),
            ("tree", .object([("id", .string("App")), ("path", .string("")), ("children", .object(stacks.map { stack in
                (stack.id, .object([("id", .string(stack.id)), ("path", .string(stack.id))]))
            }))])),
        ]).rendered())
        for stack in stacks {
            try temporary.write("\(directory)/\(stack.id).template.json", stack.template.templateText)
            try temporary.write("\(directory)/\(stack.id).assets.json", JSONOutput.object([
                ("version", .string("36.0.0")), ("files", .object([])), ("dockerImages", .object([])),
            ]).rendered())
        }
        for (file, template) in nestedTemplates {
            try temporary.write("\(directory)/\(file)", template.templateText)
        }
        return (temporary.path as NSString).appendingPathComponent(directory)
    }
}
