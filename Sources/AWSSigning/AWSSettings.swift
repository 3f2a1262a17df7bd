import PolicyModel

/// Where requests go and with which credentials, found as the AWS CLI finds them (environment
/// variables, then the shared `credentials` and `config` files and the profile), before any call
/// is made. Secrets never appear in what this type prints or throws.
package struct AWSSettings: Sendable {
    /// How to get credentials. Only `.keys` is usable at once; the others need a process to run
    /// or an STS call, which the client makes.
    package indirect enum CredentialSource: Sendable, Equatable, CustomStringConvertible {
        /// Keys given directly; `origin` says where from (`environment`, `profile dev in ~/.aws/credentials`).
        case keys(AWSCredentials, origin: String)
        /// `credential_process`: a command that prints the keys as JSON.
        case process(command: String, profile: String)
        /// `role_arn` with `source_profile` (or `credential_source = Environment`): the source's
        /// credentials call `sts:AssumeRole`.
        case assumeRole(roleARN: String, sessionName: String, externalId: String?, source: CredentialSource, profile: String)
        /// `role_arn` with `web_identity_token_file` (or `AWS_ROLE_ARN` with
        /// `AWS_WEB_IDENTITY_TOKEN_FILE`): the token read from the file calls
        /// `sts:AssumeRoleWithWebIdentity`, unsigned. `origin` says where the settings came from.
        case webIdentity(roleARN: String, sessionName: String, tokenFile: String, origin: String)

        package var description: String {
            switch self {
            case .keys(let credentials, let origin): "access key \(credentials.accessKeyId) from \(origin)"
            case .process(_, let profile): "credential_process of profile `\(profile)`"
            case .assumeRole(let role, _, _, let source, let profile): "role \(role) (profile `\(profile)`), assumed with \(source)"
            case .webIdentity(let role, _, let tokenFile, let origin): "role \(role) assumed with the web identity token in \(tokenFile) (\(origin))"
            }
        }
    }

    package var profile: String
    package var credentials: CredentialSource
    package var region: String?
    /// `AWS_ENDPOINT_URL_<SERVICE>` values by service id in their variable form (`DYNAMODB`).
    package var serviceEndpoints: [String: String]
    /// `AWS_ENDPOINT_URL`, else the profile's `endpoint_url`.
    package var endpoint: String?

    package init(profile: String, credentials: CredentialSource, region: String?, serviceEndpoints: [String: String] = [:], endpoint: String? = nil) {
        self.profile = profile
        self.credentials = credentials
        self.region = region
        self.serviceEndpoints = serviceEndpoints
        self.endpoint = endpoint
    }

    /// The endpoint for a service, by its SDK service id (`DynamoDB`, `Cognito Identity`), when
    /// one is configured: its own variable first, then the global one.
    package func endpoint(forService serviceId: String) -> String? {
        serviceEndpoints[Self.variableForm(serviceId)] ?? endpoint
    }

    /// `Cognito Identity` → `COGNITO_IDENTITY`, as the per-service variables spell it.
    static func variableForm(_ serviceId: String) -> String {
        serviceId.uppercased().map { $0 == " " || $0 == "-" ? "_" : String($0) }.joined()
    }
}

/// What the resolver reads: the process environment and files by path, given as values so tests
/// bring their own.
package struct AWSSettingsSources: Sendable {
    package var environment: [String: String]
    package var home: String?
    package var readFile: @Sendable (String) -> String?

    package init(environment: [String: String], home: String?, readFile: @escaping @Sendable (String) -> String?) {
        self.environment = environment
        self.home = home
        self.readFile = readFile
    }
}

package enum AWSSettingsResolver {
    /// - Parameters:
    ///   - profile: `--profile`; it wins over keys in the environment, as in the AWS CLI.
    ///   - region: `--region`; it wins over `AWS_REGION`, `AWS_DEFAULT_REGION` and the profile.
    package static func resolve(profile explicitProfile: String?, region explicitRegion: String?, from sources: AWSSettingsSources) throws(DiagnosticError) -> AWSSettings {
        let environment = sources.environment.filter { !$0.value.isEmpty }
        let profile = explicitProfile ?? environment["AWS_PROFILE"] ?? "default"
        let files = try ProfileFiles(sources: sources, environment: environment)
        let settings = files.settings(of: profile)
        let credentials: AWSSettings.CredentialSource
        if explicitProfile == nil, let key = environment["AWS_ACCESS_KEY_ID"], let secret = environment["AWS_SECRET_ACCESS_KEY"] {
            credentials = .keys(AWSCredentials(accessKeyId: key, secretAccessKey: secret, sessionToken: environment["AWS_SESSION_TOKEN"]), origin: "the environment")
        } else {
            var visited: [String] = []
            // botocore reads the web identity variables only when no profile is named.
            credentials = try files.credentials(of: profile, visited: &visited, environment: environment,
                                                webIdentityVariables: explicitProfile == nil ? environment : [:])
        }
        let ignoreConfigured = environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.lowercased() == "true"
        let prefix = "AWS_ENDPOINT_URL_"
        return AWSSettings(
            profile: profile, credentials: credentials,
            region: explicitRegion ?? environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"] ?? settings["region"],
            serviceEndpoints: ignoreConfigured ? [:] : Dictionary(uniqueKeysWithValues: environment.filter { $0.key.hasPrefix(prefix) }.map { (String($0.key.dropFirst(prefix.count)), $0.value) }),
            endpoint: ignoreConfigured ? nil : environment["AWS_ENDPOINT_URL"] ?? settings["endpoint_url"])
    }
}

/// The two shared files, read once.
struct ProfileFiles {
    var config: AWSProfileFile?
    var configPath: String
    var credentials: AWSProfileFile?
    var credentialsPath: String

    init(sources: AWSSettingsSources, environment: [String: String]) throws(DiagnosticError) {
        let home = environment["HOME"] ?? sources.home ?? ""
        configPath = environment["AWS_CONFIG_FILE"] ?? "\(home)/.aws/config"
        credentialsPath = environment["AWS_SHARED_CREDENTIALS_FILE"] ?? "\(home)/.aws/credentials"
        config = try sources.readFile(configPath).map { text throws(DiagnosticError) in try AWSProfileFile(text: text, kind: .config, file: configPath) }
        credentials = try sources.readFile(credentialsPath).map { text throws(DiagnosticError) in try AWSProfileFile(text: text, kind: .credentials, file: credentialsPath) }
    }

    /// The profile's settings: the credentials file's over the config file's.
    func settings(of profile: String) -> [String: String] {
        (config?.profiles[profile] ?? [:]).merging(credentials?.profiles[profile] ?? [:]) { _, fromCredentials in fromCredentials }
    }

    func exists(_ profile: String) -> Bool {
        config?.profiles[profile] != nil || credentials?.profiles[profile] != nil
    }

    /// botocore's order for a profile: a role to assume with a source profile's credentials, a
    /// web identity (`webIdentityVariables`: the environment's `AWS_WEB_IDENTITY_TOKEN_FILE`,
    /// `AWS_ROLE_ARN` and `AWS_ROLE_SESSION_NAME`, each over the profile's setting), static keys,
    /// then `credential_process`. SSO profiles are refused with what to do instead.
    func credentials(of profile: String, visited: inout [String], environment: [String: String],
                     webIdentityVariables: [String: String] = [:]) throws(DiagnosticError) -> AWSSettings.CredentialSource {
        guard !visited.contains(profile) else {
            throw Self.problem("aws-config.source-profile-cycle", "profiles name each other as `source_profile`: " + (visited + [profile]).map { "`\($0)`" }.joined(separator: " → "))
        }
        visited.append(profile)
        let settings = self.settings(of: profile)
        // A role with a source comes first, as in botocore; a web identity from the environment
        // needs no profile (a Kubernetes pod's, say).
        let sourcedRole = settings["role_arn"] != nil && settings["web_identity_token_file"] == nil
            && (settings["source_profile"] != nil || settings["credential_source"] != nil)
        if !sourcedRole, let tokenFile = webIdentityVariables["AWS_WEB_IDENTITY_TOKEN_FILE"] ?? settings["web_identity_token_file"],
           let role = webIdentityVariables["AWS_ROLE_ARN"] ?? settings["role_arn"] {
            let origin = webIdentityVariables["AWS_WEB_IDENTITY_TOKEN_FILE"] != nil && webIdentityVariables["AWS_ROLE_ARN"] != nil ? "the environment" : "profile `\(profile)`"
            return .webIdentity(roleARN: role, sessionName: webIdentityVariables["AWS_ROLE_SESSION_NAME"] ?? settings["role_session_name"] ?? "accessgraph-audit",
                                tokenFile: tokenFile, origin: origin)
        }
        guard exists(profile) else {
            throw Self.problem("aws-config.no-profile", "profile `\(profile)` is in neither \(credentialsPath) nor \(configPath)",
                               help: "name a profile those files define (`--profile`, `AWS_PROFILE`), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
        }
        if let role = settings["role_arn"] {
            let source: AWSSettings.CredentialSource
            if let sourceProfile = settings["source_profile"] {
                // A profile that is its own source uses its static keys for the first step.
                if sourceProfile == profile, let keys = staticKeys(of: profile) {
                    source = keys
                } else {
                    source = try credentials(of: sourceProfile, visited: &visited, environment: environment)
                }
            } else if settings["credential_source"]?.lowercased() == "environment" {
                guard let key = environment["AWS_ACCESS_KEY_ID"], let secret = environment["AWS_SECRET_ACCESS_KEY"] else {
                    throw Self.problem("aws-config.no-credentials", "profile `\(profile)` takes its source credentials from the environment, but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set")
                }
                source = .keys(AWSCredentials(accessKeyId: key, secretAccessKey: secret, sessionToken: environment["AWS_SESSION_TOKEN"]), origin: "the environment")
            } else {
                throw Self.problem("aws-config.no-credentials", "profile `\(profile)` has `role_arn` but neither `source_profile` nor `credential_source = Environment`",
                                   help: "accessgraph supports source_profile and credential_source = Environment for roles")
            }
            return .assumeRole(roleARN: role, sessionName: settings["role_session_name"] ?? "accessgraph-audit", externalId: settings["external_id"], source: source, profile: profile)
        }
        if let keys = staticKeys(of: profile) { return keys }
        if let command = settings["credential_process"] { return .process(command: command, profile: profile) }
        let export = "export its keys (`aws configure export-credentials --profile \(profile) --format env`) and run again, or give keys in the environment"
        if settings["sso_session"] != nil || settings["sso_start_url"] != nil {
            throw Self.problem("aws-config.sso-unsupported", "profile `\(profile)` signs in with IAM Identity Center (SSO), which accessgraph does not read", help: export)
        }
        throw Self.problem("aws-config.no-credentials",
                           "profile `\(profile)` has no credentials: no `aws_access_key_id`/`aws_secret_access_key`, `credential_process`, `role_arn` or `web_identity_token_file`",
                           help: export)
    }

    func staticKeys(of profile: String) -> AWSSettings.CredentialSource? {
        for (file, path) in [(credentials, credentialsPath), (config, configPath)] {
            guard let settings = file?.profiles[profile], let key = settings["aws_access_key_id"], let secret = settings["aws_secret_access_key"] else { continue }
            return .keys(AWSCredentials(accessKeyId: key, secretAccessKey: secret, sessionToken: settings["aws_session_token"]), origin: "profile `\(profile)` in \(path)")
        }
        return nil
    }

    static func problem(_ code: String, _ message: String, help: String? = nil) -> DiagnosticError {
        DiagnosticError(Diagnostic(severity: .error, code: code, message: message, help: help))
    }
}
