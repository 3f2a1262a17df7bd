import AWSSigning
import PolicyModel
import Testing

/// Credentials, region and endpoints found as the AWS CLI finds them, from a given environment
/// and files; errors are positioned and never repeat a secret.
@Suite struct AWSSettingsTests {
    static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"

    static let credentialsFile = """
    [default]
    aws_access_key_id = AKIDDEFAULT
    aws_secret_access_key = \(secret)

    # a comment
    [dev]
    aws_access_key_id=AKIDDEV
    aws_secret_access_key=\(secret)   ; trailing comment
    aws_session_token = dev-token
    """

    static let configFile = """
    [default]
    region = eu-west-1
    s3 =
      max_concurrent_requests = 20

    [profile dev]
    region = us-east-2
    aws_access_key_id = AKIDFROMCONFIG
    aws_secret_access_key = other

    [profile audit]
    role_arn = arn:aws:iam::111122223333:role/Auditor
    source_profile = dev
    external_id = ext-1
    role_session_name = nightly

    [profile from-env]
    role_arn = arn:aws:iam::111122223333:role/Auditor
    credential_source = Environment

    [profile process]
    credential_process = /usr/local/bin/get-keys --account prod

    [profile loop-a]
    role_arn = arn:aws:iam::111122223333:role/A
    source_profile = loop-b

    [profile loop-b]
    role_arn = arn:aws:iam::111122223333:role/B
    source_profile = loop-a

    [profile local]
    endpoint_url = http://127.0.0.1:5000
    aws_access_key_id = testing
    aws_secret_access_key = testing

    [profile web]
    role_arn = arn:aws:iam::111122223333:role/WebAuditor
    web_identity_token_file = /var/run/secrets/token
    role_session_name = pod

    [profile sso]
    sso_session = corp
    sso_account_id = 111122223333
    sso_role_name = ReadOnly

    [profile sso-legacy]
    sso_start_url = https://corp.awsapps.com/start
    sso_region = us-east-1

    [sso-session corp]
    sso_region = us-east-1
    """

    static func sources(_ environment: [String: String] = [:], config: String? = configFile, credentials: String? = credentialsFile) -> AWSSettingsSources {
        AWSSettingsSources(environment: environment, home: "/home/u") { path in
            switch path {
            case "/home/u/.aws/config": config
            case "/home/u/.aws/credentials": credentials
            default: nil
            }
        }
    }

    static func resolve(profile: String? = nil, region: String? = nil, _ sources: AWSSettingsSources) throws -> AWSSettings {
        try AWSSettingsResolver.resolve(profile: profile, region: region, from: sources)
    }

    @Test func environmentKeysWinUnlessAProfileIsNamed() throws {
        let environment = ["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": Self.secret, "AWS_SESSION_TOKEN": "env-token"]
        let fromEnvironment = try Self.resolve(Self.sources(environment))
        #expect(fromEnvironment.credentials == .keys(AWSCredentials(accessKeyId: "AKIDENV", secretAccessKey: Self.secret, sessionToken: "env-token"), origin: "the environment"))
        #expect(fromEnvironment.region == "eu-west-1", "the default profile's region still applies")
        let named = try Self.resolve(profile: "dev", Self.sources(environment))
        #expect(named.credentials.description == "access key AKIDDEV from profile `dev` in /home/u/.aws/credentials")
        #expect(named.region == "us-east-2")
    }

    @Test func theCredentialsFileWinsOverTheConfigFileAndTokensAreKept() throws {
        let settings = try Self.resolve(Self.sources(["AWS_PROFILE": "dev"]))
        guard case .keys(let credentials, _) = settings.credentials else { Issue.record("\(settings.credentials)"); return }
        #expect(credentials == AWSCredentials(accessKeyId: "AKIDDEV", secretAccessKey: Self.secret, sessionToken: "dev-token"))
    }

    @Test func regionComesFromTheOptionThenTheEnvironmentThenTheProfile() throws {
        #expect(try Self.resolve(region: "ap-south-1", Self.sources(["AWS_REGION": "us-west-2"])).region == "ap-south-1")
        #expect(try Self.resolve(Self.sources(["AWS_REGION": "us-west-2", "AWS_DEFAULT_REGION": "us-west-1"])).region == "us-west-2")
        #expect(try Self.resolve(Self.sources(["AWS_DEFAULT_REGION": "us-west-1"])).region == "us-west-1")
        #expect(try Self.resolve(Self.sources([:], config: nil)).region == nil)
    }

    @Test func aRoleIsAssumedWithItsSourceProfilesKeys() throws {
        let settings = try Self.resolve(profile: "audit", Self.sources())
        #expect(settings.credentials == .assumeRole(
            roleARN: "arn:aws:iam::111122223333:role/Auditor", sessionName: "nightly", externalId: "ext-1",
            source: .keys(AWSCredentials(accessKeyId: "AKIDDEV", secretAccessKey: Self.secret, sessionToken: "dev-token"), origin: "profile `dev` in /home/u/.aws/credentials"),
            profile: "audit"))
        let fromEnvironment = try Self.resolve(profile: "from-env", Self.sources(["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": Self.secret]))
        #expect(fromEnvironment.credentials.description == "role arn:aws:iam::111122223333:role/Auditor (profile `from-env`), assumed with access key AKIDENV from the environment")
    }

    /// As botocore: the web identity variables when no profile is named (keys in the environment
    /// first), a profile's `web_identity_token_file` with its `role_arn`; no config file needed.
    @Test func aWebIdentityComesFromTheEnvironmentOrAProfile() throws {
        let variables = ["AWS_WEB_IDENTITY_TOKEN_FILE": "/var/run/secrets/eks/token", "AWS_ROLE_ARN": "arn:aws:iam::111122223333:role/PodAuditor"]
        let pod = try Self.resolve(Self.sources(variables.merging(["AWS_ROLE_SESSION_NAME": "nightly"]) { $1 }, config: nil, credentials: nil))
        #expect(pod.credentials == .webIdentity(roleARN: "arn:aws:iam::111122223333:role/PodAuditor", sessionName: "nightly", tokenFile: "/var/run/secrets/eks/token",
                                                origin: "the environment"))
        #expect(pod.credentials.description == "role arn:aws:iam::111122223333:role/PodAuditor assumed with the web identity token in /var/run/secrets/eks/token (the environment)")
        let keysFirst = try Self.resolve(Self.sources(variables.merging(["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": Self.secret]) { $1 }))
        #expect(keysFirst.credentials.description == "access key AKIDENV from the environment")
        let named = try Self.resolve(profile: "dev", Self.sources(variables))
        #expect(named.credentials.description == "access key AKIDDEV from profile `dev` in /home/u/.aws/credentials", "a named profile ignores the variables")
        let sourcedRole = try Self.resolve(profile: "audit", Self.sources(variables))
        #expect(sourcedRole.credentials.description.hasPrefix("role arn:aws:iam::111122223333:role/Auditor (profile `audit`)"))

        let profile = try Self.resolve(profile: "web", Self.sources())
        #expect(profile.credentials == .webIdentity(roleARN: "arn:aws:iam::111122223333:role/WebAuditor", sessionName: "pod", tokenFile: "/var/run/secrets/token",
                                                    origin: "profile `web`"))
    }

    @Test(arguments: ["sso", "sso-legacy"])
    func anSSOProfileIsRefusedWithWhatToDoInstead(profile: String) throws {
        do {
            _ = try Self.resolve(profile: profile, Self.sources())
            Issue.record("an SSO profile must be refused")
        } catch let error as DiagnosticError {
            let diagnostic = try #require(error.diagnostics.first)
            #expect(diagnostic.code == "aws-config.sso-unsupported")
            #expect(diagnostic.message == "profile `\(profile)` signs in with IAM Identity Center (SSO), which accessgraph does not read")
            #expect(diagnostic.help == "export its keys (`aws configure export-credentials --profile \(profile) --format env`) and run again, or give keys in the environment")
        }
    }

    @Test func aCredentialProcessIsNamedNotRun() throws {
        #expect(try Self.resolve(profile: "process", Self.sources()).credentials == .process(command: "/usr/local/bin/get-keys --account prod", profile: "process"))
    }

    @Test func endpointsComeFromTheServiceVariableThenTheGlobalOneThenTheProfile() throws {
        let settings = try Self.resolve(profile: "local", Self.sources(["AWS_ENDPOINT_URL_DYNAMODB": "http://127.0.0.1:8000", "AWS_ENDPOINT_URL_COGNITO_IDENTITY": "http://127.0.0.1:9000"]))
        #expect(settings.endpoint(forService: "DynamoDB") == "http://127.0.0.1:8000")
        #expect(settings.endpoint(forService: "Cognito Identity") == "http://127.0.0.1:9000")
        #expect(settings.endpoint(forService: "IAM") == "http://127.0.0.1:5000")
        let global = try Self.resolve(profile: "local", Self.sources(["AWS_ENDPOINT_URL": "http://127.0.0.1:4566"]))
        #expect(global.endpoint(forService: "IAM") == "http://127.0.0.1:4566")
        let ignored = try Self.resolve(profile: "local", Self.sources(["AWS_ENDPOINT_URL": "http://127.0.0.1:4566", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"]))
        #expect(ignored.endpoint(forService: "IAM") == nil)
    }

    /// Problems name the profile and the files, with a code, and never a secret.
    @Test(arguments: [
        ("missing", "aws-config.no-profile", "profile `missing` is in neither /home/u/.aws/credentials nor /home/u/.aws/config"),
        ("loop-a", "aws-config.source-profile-cycle", "profiles name each other as `source_profile`: `loop-a` → `loop-b` → `loop-a`"),
        ("from-env", "aws-config.no-credentials", "profile `from-env` takes its source credentials from the environment, but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set"),
    ])
    func problemsAreExplained(profile: String, code: String, message: String) throws {
        #expect {
            try Self.resolve(profile: profile, Self.sources())
        } throws: { error in
            guard let diagnostic = (error as? DiagnosticError)?.diagnostics.first else { return false }
            return diagnostic.code == code && diagnostic.message == message
        }
    }

    @Test func aMalformedLineIsReportedByPositionWithoutItsText() throws {
        let broken = "[default]\nregion = us-east-1\naws_secret_access_key \(Self.secret)\n"
        do {
            _ = try Self.resolve(Self.sources([:], credentials: broken))
            Issue.record("a line without `=` must be an error")
        } catch let error as DiagnosticError {
            #expect(error.description == "/home/u/.aws/credentials:3:1: error[aws-config.malformed]: expected `key = value`")
            #expect(!error.description.contains("wJalr"))
        }
    }

    @Test func credentialProcessOutputIsReadAndItsTextNeverRepeated() throws {
        let output = #"{"Version": 1, "AccessKeyId": "ASIAEXAMPLE", "SecretAccessKey": "s3cret", "SessionToken": "tok", "Expiration": "2030-01-01T00:00:00Z"}"#
        #expect(try CredentialProcess.parse(Array(output.utf8), profile: "p") == AWSCredentials(accessKeyId: "ASIAEXAMPLE", secretAccessKey: "s3cret", sessionToken: "tok"))
        for bad in [#"{"AccessKeyId": "A", "SecretAccessKey": "s3cret"}"#, "s3cret not json"] {
            do {
                _ = try CredentialProcess.parse(Array(bad.utf8), profile: "p")
                Issue.record("\(bad) must be refused")
            } catch {
                #expect(!error.description.contains("s3cret"))
            }
        }
        let run = try CredentialProcess.credentials(command: "printf '%s' '\(output)'", profile: "p")
        #expect(run.accessKeyId == "ASIAEXAMPLE")
        #expect(throws: DiagnosticError.self) { try CredentialProcess.credentials(command: "exit 3", profile: "p") }
    }
}
