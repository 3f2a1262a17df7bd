import Testing
@testable import ServiceCatalog

@Suite("Condition keys")
struct ConditionKeyTests {
    let catalogue: ServiceCatalogue

    init() throws {
        catalogue = try ServiceCatalogue.embedded()
    }

    @Test func globalKeys() throws {
        let sourceIp = try #require(catalogue.conditionKey("aws:SourceIp"))
        #expect(sourceIp.type == .ipAddress)
        #expect(sourceIp.isGlobal)
        #expect(sourceIp.isFromDocumentation)
        #expect(!sourceIp.isMultivalued)
        #expect(catalogue.conditionKey("AWS:SOURCEIP")?.name == "aws:SourceIp")

        let expected: [(String, ConditionKeyType)] = [
            ("aws:SourceArn", .arn), ("aws:SourceAccount", .string), ("aws:PrincipalArn", .arn),
            ("aws:username", .string), ("aws:userid", .string), ("aws:CurrentTime", .date), ("aws:EpochTime", .date),
            ("aws:SecureTransport", .bool), ("aws:MultiFactorAuthPresent", .bool), ("aws:MultiFactorAuthAge", .numeric),
            ("aws:PrincipalServiceName", .string), ("aws:CalledVia", .arrayOfString), ("aws:PrincipalOrgID", .string),
            ("aws:ViaAWSService", .bool), ("aws:SourceVpce", .string), ("aws:SourceVpc", .string),
            ("aws:VpcSourceIp", .ipAddress), ("aws:PrincipalOrgPaths", .arrayOfString), ("aws:RequestedRegion", .string),
            ("aws:TagKeys", .arrayOfString),
        ]
        for (name, type) in expected {
            let key = catalogue.conditionKey(name)
            #expect(key?.type == type, "\(name)")
            #expect(key?.name == name, "\(name)")
            #expect(key?.isGlobal == true, "\(name)")
        }
        #expect(catalogue.conditionKey("aws:TagKeys")?.isMultivalued == true)
        #expect(catalogue.conditionKey("aws:TagKeys")?.isFromDocumentation == false)   // in iam-data
        #expect(catalogue.conditionKey("aws:CalledVia")?.isMultivalued == true)
        #expect(catalogue.conditionKey("aws:NoSuchKey") == nil)
    }

    @Test func templatedGlobalKeys() throws {
        let team = try #require(catalogue.conditionKey("aws:PrincipalTag/team"))
        #expect(team.name == "aws:PrincipalTag/team")
        #expect(team.template == "aws:PrincipalTag/${TagKey}")
        #expect(team.type == .string)
        #expect(team.isGlobal)
        #expect(catalogue.conditionKey("aws:principaltag/Cost-Center")?.name == "aws:PrincipalTag/Cost-Center")
        #expect(catalogue.conditionKey("aws:ResourceTag/x")?.template == "aws:ResourceTag/${TagKey}")
        #expect(catalogue.conditionKey("aws:RequestTag/x")?.template == "aws:RequestTag/${TagKey}")
        // The template itself resolves too, as a plain definition.
        #expect(catalogue.conditionKey("aws:ResourceTag/${TagKey}")?.template == nil)
        // A placeholder needs at least one character.
        #expect(catalogue.conditionKey("aws:PrincipalTag/") == nil)
    }

    @Test func serviceKeys() throws {
        #expect(catalogue.conditionKey("s3:prefix")?.type == .string)
        #expect(catalogue.conditionKey("s3:prefix")?.isGlobal == false)
        let tag = try #require(catalogue.conditionKey("s3:ExistingObjectTag/env"))
        #expect(tag.template == "s3:ExistingObjectTag/<key>")
        #expect(tag.name == "s3:ExistingObjectTag/env")
        #expect(catalogue.conditionKey("kms:EncryptionContext:aws:cloudtrail:arn")?.template
            == "kms:EncryptionContext:${EncryptionContextKey}")
        #expect(catalogue.conditionKey("kms:EncryptionContextKeys")?.type == .arrayOfString)
        #expect(catalogue.conditionKey("iam:PassedToService")?.type == .string)
        #expect(catalogue.conditionKey("codebuild:secondarySources/src1.location")?.template
            == "codebuild:secondarySources/${sourceIdentifier}.location")
    }

    @Test func identityProviderKeys() throws {
        let amr = try #require(catalogue.conditionKey("cognito-identity.amazonaws.com:amr"))
        #expect(amr.isMultivalued)   // corrected: iam-data says String
        #expect(amr.isIdentityProviderKey)
        #expect(catalogue.conditionKey("cognito-identity.amazonaws.com:aud")?.type == .string)
        #expect(catalogue.conditionKey("accounts.google.com:aud")?.isIdentityProviderKey == true)
        #expect(catalogue.conditionKey("saml:aud")?.type == .string)
        #expect(catalogue.conditionKey("SAML:AUD")?.name == "saml:aud")
        #expect(catalogue.conditionKey("saml:edupersonaffiliation")?.isMultivalued == true)
        #expect(catalogue.conditionKey("token.actions.githubusercontent.com:sub")?.isIdentityProviderKey == true)
        #expect(catalogue.conditionKey("token.actions.githubusercontent.com:aud") != nil)
        let eks = try #require(catalogue.conditionKey("oidc.eks.eu-west-1.amazonaws.com/id/ABC123:sub"))
        #expect(eks.isIdentityProviderKey)
        #expect(catalogue.conditionKey("token.actions.acme.ghe.com:repository")?.template
            == "token.actions.${Domain}.ghe.com:repository")
    }

    @Test func perServiceKeyTypesAreKept() throws {
        // q and qbusiness say identitystore:UserId is multivalued; identitystore says String and
        // owns the prefix, so the catalogue-wide definition is String.
        #expect(catalogue.conditionKey("identitystore:UserId")?.type == .string)
        let q = try #require(catalogue.service("q"))
        #expect(q.conditionKeys.first { $0.name == "identitystore:UserId" }?.type == .arrayOfString)
    }

    @Test func allConditionKeysIsSortedAndComplete() {
        let all = catalogue.allConditionKeys
        #expect(all.count == catalogue.source.conditionKeyCount)
        #expect(all.map { $0.name.lowercased() } == all.map { $0.name.lowercased() }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }

    @Test func everyKeyTheCatalogueMentionsResolves() throws {
        // Actions and resource types only name keys that some service page defines, so a linter
        // can rely on conditionKey(_:) for every key AWS associates with an action.
        for prefix in catalogue.servicePrefixes {
            let service = try #require(catalogue.service(prefix))
            for action in service.actions {
                for key in action.allConditionKeys {
                    #expect(catalogue.conditionKey(key) != nil, "\(action.qualifiedName): \(key)")
                }
            }
            for key in service.conditionKeys {
                #expect(catalogue.conditionKey(key.name) != nil, "\(prefix): \(key.name)")
            }
        }
    }

    @Test func typeProperties() {
        #expect(ConditionKeyType.arrayOfARN.isArray)
        #expect(ConditionKeyType.arrayOfARN.elementType == .arn)
        #expect(!ConditionKeyType.ipAddress.isArray)
        #expect(ConditionKeyType(rawValue: "IPAddress") == .ipAddress)
    }
}
