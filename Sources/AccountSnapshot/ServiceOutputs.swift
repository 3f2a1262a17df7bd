import PolicyModel
import PolicyParsing

/// What the AWS CLI prints for the resources an audit reads, one value per command, with the
/// positions of what the checks use. Each is recognised by its content (`CLIOutput.recognise`);
/// those whose output does not name their resource take the name the file gives them.
package enum ServiceOutputs {
    /// `aws osis get-pipeline`.
    package struct Pipeline: Sendable {
        package var name: String
        package var arn: String
        package var roleARN: Located<String>?
        package var configurationBody: Located<String>
        package var publishesLogs: Bool?
        package var position: SourcePosition
    }

    /// `aws opensearch describe-domain(s)` (`DomainStatus`) or `describe-domain-config`
    /// (`DomainConfig`, each setting under `Options`).
    package struct Domain: Sendable {
        package var name: String
        package var arn: String
        /// `Endpoint`, or `Endpoints.vpc` for a domain in a VPC.
        package var endpoint: String?
        package var accessPolicy: Located<PolicyDocument>?
        package var cognitoEnabled: Bool
        package var identityPoolId: Located<String>?
        package var fineGrainedAccessControl: Bool
        package var encryptionAtRest: Bool
        package var nodeToNodeEncryption: Bool
        package var enforceHTTPS: Bool
        package var inVPC: Bool
        package var position: SourcePosition
    }

    /// `aws dynamodb describe-table`.
    package struct Table: Sendable {
        package var name: String
        package var arn: String
        package var streamARN: String?
        /// nil when the stream is off.
        package var streamViewType: String?
        package var kmsKeyARN: Located<String>?
        package var position: SourcePosition
    }

    /// `aws cognito-identity describe-identity-pool` and `get-identity-pool-roles`.
    package struct IdentityPool: Sendable {
        package var poolId: String
        package var name: String?
        package var allowsUnauthenticatedIdentities: Bool?
        package var authenticatedRoleARN: Located<String>?
        package var unauthenticatedRoleARN: Located<String>?
        package var position: SourcePosition
    }

    /// `aws organizations describe-organization`: the account is in this organization.
    package struct Organization: Sendable {
        package var id: String
        /// SCPs and RCPs do not affect the management account.
        package var managementAccountId: String
    }

    /// `aws organizations list-parents`: a root or an organizational unit.
    package struct OrganizationParent: Sendable, Hashable {
        package var id: String
        /// `ROOT` or `ORGANIZATIONAL_UNIT`.
        package var type: String
    }

    /// A policy of an organization as `list-policies` lists it (`PolicySummary` in
    /// `describe-policy`).
    package struct OrganizationPolicySummary: Sendable, Hashable {
        package var id: String
        package var name: String
        /// `SERVICE_CONTROL_POLICY`, `RESOURCE_CONTROL_POLICY`, ...
        package var type: String
    }

    /// `aws organizations describe-policy`: a policy and its document.
    package struct OrganizationPolicy: Sendable {
        package var summary: OrganizationPolicySummary
        package var document: PolicyDocument
    }

    /// `aws kms describe-key`.
    package struct KeyMetadata: Sendable {
        package var keyId: String
        package var arn: String
        /// `CUSTOMER` or `AWS`.
        package var manager: String?
    }
}

extension ServiceOutputs.Pipeline {
    init(_ node: JSONNode) throws(DiagnosticError) {
        let body = try node.member("PipelineConfigurationBody")
        guard let text = body.stringValue else { throw body.invalid("`PipelineConfigurationBody` must be a string, found \(body.typeName)") }
        name = try node.string("PipelineName")
        arn = try node.string("PipelineArn")
        roleARN = try node.optionalString("PipelineRoleArn").map { Located($0, at: node["PipelineRoleArn"]?.position ?? node.position) }
        configurationBody = Located(text, at: body.position)
        publishesLogs = try node.object("LogPublishingOptions").flatMap { options throws(DiagnosticError) in try options.bool("IsLoggingEnabled") }
        position = node.position
    }
}

extension ServiceOutputs.Domain {
    /// `DomainStatus`; with `options`, a `DomainConfig`, whose settings sit under `Options`.
    init(_ node: JSONNode, name configName: String? = nil, options: Bool = false) throws(DiagnosticError) {
        func setting(_ key: String) throws(DiagnosticError) -> JSONNode? {
            guard let value = try node.object(key) else { return nil }
            return options ? try value.object("Options") : value
        }
        func flag(_ key: String, _ field: String) throws(DiagnosticError) -> Bool {
            try setting(key)?.bool(field) ?? false
        }
        if options {
            guard let configName else { throw node.invalid("a `DomainConfig` does not name its domain: name the file `<domain>.describe-domain-config.json`") }
            name = configName
            arn = ""
        } else {
            name = try node.string("DomainName")
            arn = try node.string("ARN")
        }
        if options {
            endpoint = nil
        } else if let direct = try node.optionalString("Endpoint") {
            endpoint = direct
        } else {
            endpoint = try node.object("Endpoints")?.optionalString("vpc")
        }
        let policy = options ? try node.object("AccessPolicies")?.member("Options") : node["AccessPolicies"]
        accessPolicy = nil
        if let policy {
            guard let text = policy.stringValue else { throw policy.invalid("`AccessPolicies` must be a JSON string, found \(policy.typeName)") }
            accessPolicy = text.isEmpty ? nil : Located(try PolicyDocumentField.document(policy, urlEncoded: false), at: policy.position)
        }
        let cognito = try setting("CognitoOptions")
        cognitoEnabled = try cognito?.bool("Enabled") ?? false
        identityPoolId = try cognito?.optionalString("IdentityPoolId").map { Located($0, at: cognito?["IdentityPoolId"]?.position ?? node.position) }
        fineGrainedAccessControl = try flag("AdvancedSecurityOptions", "Enabled")
        encryptionAtRest = try flag("EncryptionAtRestOptions", "Enabled")
        nodeToNodeEncryption = try flag("NodeToNodeEncryptionOptions", "Enabled")
        enforceHTTPS = try flag("DomainEndpointOptions", "EnforceHTTPS")
        inVPC = try setting("VPCOptions")?.strings("SubnetIds").isEmpty == false
        position = node.position
    }
}

extension ServiceOutputs.Table {
    init(_ node: JSONNode) throws(DiagnosticError) {
        name = try node.string("TableName")
        arn = try node.string("TableArn")
        let stream = try node.object("StreamSpecification")
        let enabled = try stream?.bool("StreamEnabled") ?? false
        streamViewType = enabled ? try stream?.optionalString("StreamViewType") : nil
        streamARN = enabled ? try node.optionalString("LatestStreamArn") : nil
        let encryption = try node.object("SSEDescription")
        kmsKeyARN = try encryption?.optionalString("KMSMasterKeyArn").map { Located($0, at: encryption?["KMSMasterKeyArn"]?.position ?? node.position) }
        position = node.position
    }
}

extension ServiceOutputs.OrganizationPolicySummary {
    init(_ node: JSONNode) throws(DiagnosticError) {
        id = try node.string("Id")
        name = try node.optionalString("Name") ?? id
        type = try node.string("Type")
    }
}
