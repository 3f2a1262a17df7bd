import PolicyModel
import Testing
@testable import ServiceCatalog

@Suite("Actions")
struct ActionTests {
    let catalogue: ServiceCatalogue

    init() throws {
        catalogue = try ServiceCatalogue.embedded()
    }

    @Test func esHttpExpandsToExactlyTheHttpActions() {
        // The data has six ESHttp actions (no ESHttpOptions or similar).
        let expected = [
            "es:ESHttpDelete", "es:ESHttpGet", "es:ESHttpHead", "es:ESHttpPatch", "es:ESHttpPost", "es:ESHttpPut",
        ]
        #expect(catalogue.expandActionPattern("es:ESHttp*").map(\.qualifiedName) == expected)
        #expect(catalogue.expandActionPattern("ES:eshttp*").map(\.qualifiedName) == expected)
        #expect(catalogue.expandActionPattern("es:ESHttp???").map(\.qualifiedName) == ["es:ESHttpGet", "es:ESHttpPut"])
    }

    @Test func s3GetStar() {
        let names = catalogue.expandActionPattern("s3:Get*").map(\.name)
        #expect(names.count == 63)
        #expect(names.allSatisfy { $0.hasPrefix("Get") })
        #expect(names.contains("GetObject"))
        #expect(names.contains("GetBucketPolicy"))
    }

    @Test func questionMarkIsOneCharacter() {
        #expect(catalogue.expandActionPattern("s3:GetObjec?").map(\.qualifiedName) == ["s3:GetObject"])
        #expect(catalogue.expandActionPattern("s3:GetObject?").isEmpty)
    }

    @Test func expansionAgreesWithTheEvaluatorOnMultiByteNames() throws {
        // Catalogue names are ASCII today; rename `ESHttpGet` to `ESHttpGé` (same byte length, so
        // the index still fits) to put a two-byte character where a pattern has `?`. The catalogue
        // once matched `?` against one byte and the evaluator against one character.
        let embedded = try ServiceCatalogue.embedded()
        let text = String(decoding: embedded.storage.bytes, as: UTF8.self)
        let record = try #require(text.range(of: "A\tESHttpGet\t"))
        let renamed = Array(text.replacingCharacters(in: record, with: "A\tESHttpGé\t").utf8)
        let catalogue = try ServiceCatalogue(catalogueData: renamed, managedPolicyData: embedded.policies.bytes)
        let names = try #require(catalogue.service("es")).actions.map(\.qualifiedName)
        #expect(names.contains("es:ESHttpGé"))

        #expect(catalogue.expandActionPattern("es:ESHttpG?").map(\.qualifiedName) == ["es:ESHttpGé"])
        for pattern in ["es:ESHttpG?", "ES:eshttpg?", "es:ESHttpG??", "es:ESHttp??", "es:ESHttp???", "es:*G?", "*:ESHttpG?", "es?ESHttpG?"] {
            let entry = ActionPattern(pattern)
            let evaluated = names.filter { entry.matches(lowercasedAction: RequestAction($0).lowercased) }
            #expect(catalogue.expandActionPattern(pattern).map(\.qualifiedName) == evaluated, "\(pattern)")
        }
    }

    @Test func starIsEveryAction() {
        let all = catalogue.expandActionPattern("*")
        #expect(all.count == catalogue.source.actionCount)
        #expect(Set(all.map { $0.qualifiedName.lowercased() }).count == all.count)
    }

    @Test func wildcardInServicePart() {
        let names = catalogue.expandActionPattern("*:GetObject").map(\.qualifiedName)
        // Sorted by service prefix ("s3" before "s3-object-lambda").
        #expect(names == [
            "mediapackagev2:GetObject", "mediastore:GetObject", "s3:GetObject", "s3-object-lambda:GetObject",
            "s3-outposts:GetObject",
        ])
        // IAM matches the whole "service:action" string, so a star may span the colon.
        #expect(catalogue.expandActionPattern("s3*GetObjectAcl").map(\.qualifiedName).contains("s3:GetObjectAcl"))
        #expect(catalogue.expandActionPattern("nosuchservice:*").isEmpty)
        #expect(catalogue.expandActionPattern("").isEmpty)
    }

    @Test func hostilePatternCompletes() {
        // Exponential-time matchers never finish this against 21,788 names.
        let result = catalogue.expandActionPattern("*a*a*a*a*a*a*a*a*b")
        #expect(result.allSatisfy { $0.qualifiedName.lowercased().contains("b") })
        _ = catalogue.expandActionPattern("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*z")
        _ = catalogue.expandActionPattern("?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*!")
    }

    @Test func actionLookup() throws {
        let action = try #require(catalogue.action("ES:eshttpget"))
        #expect(action.service == "es")
        #expect(action.name == "ESHttpGet")
        #expect(action.qualifiedName == "es:ESHttpGet")
        #expect(catalogue.action("es:NoSuchAction") == nil)
        #expect(catalogue.action("es") == nil)
        #expect(catalogue.action("") == nil)
    }

    @Test func wildcardOnlyActions() throws {
        #expect(catalogue.isWildcardOnly("s3:ListAllMyBuckets") == true)
        #expect(catalogue.isWildcardOnly("s3:GetObject") == false)
        #expect(catalogue.isWildcardOnly("s3:NoSuchAction") == nil)
        #expect(catalogue.resourceTypes(forAction: "s3:ListAllMyBuckets").isEmpty)
    }

    @Test func s3GetObjectResourceTypes() throws {
        let rows = catalogue.resourceTypes(forAction: "s3:GetObject")
        #expect(rows.map(\.name) == ["accesspointobject", "object"])
        let object = try #require(rows.first { $0.name == "object" })
        #expect(object.arnTemplate == "arn:${Partition}:s3:::${BucketName}/${ObjectName}")
        #expect(!object.isRequired)
        #expect(object.resourceType.service == "s3")
        let getObject = try #require(catalogue.action("s3:GetObject"))
        #expect(getObject.conditionKeys.contains("s3:ExistingObjectTag/<key>"))
        #expect(getObject.allConditionKeys.contains("s3:ExistingObjectTag/<key>"))
    }

    @Test func accessLevels() throws {
        // iam-data (like the Service Authorization Reference) classifies PassRole as Write.
        #expect(catalogue.action("iam:PassRole")?.accessLevel == .write)
        let putPolicy = try #require(catalogue.action("s3:PutBucketPolicy"))
        #expect(putPolicy.accessLevel == .permissionsManagement)
        #expect(putPolicy.accessLevels == [.permissionsManagement, .write])
        #expect(catalogue.action("s3:PutObjectTagging")?.accessLevel == .tagging)
        #expect(catalogue.action("s3:GetObject")?.accessLevel == .read)
        #expect(catalogue.action("s3:ListBucket")?.accessLevel == .list)
        #expect(AccessLevel.list < AccessLevel.permissionsManagement)
        #expect(AccessLevel.allCases.map(\.rawValue) == ["List", "Read", "Write", "Tagging", "Permissions management"])
    }

    @Test func dynamoDBExportUsesTable() throws {
        let rows = catalogue.resourceTypes(forAction: "dynamodb:ExportTableToPointInTime")
        #expect(rows.map(\.name) == ["table"])
        #expect(rows.first?.isRequired == true)
        #expect(rows.first?.arnTemplate == "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}")
    }

    @Test func dependentActionsAndPassRole() throws {
        let passRole = try #require(catalogue.action("iam:PassRole"))
        #expect(passRole.resourceTypes.map(\.name) == ["role"])
        #expect(passRole.conditionKeys == ["iam:AssociatedResourceArn", "iam:PassedToService"])
    }

    @Test func duplicateResourceRowsAreMerged() {
        // frauddetector:TagResource lists `variable` twice in the source data.
        let names = catalogue.resourceTypes(forAction: "frauddetector:TagResource").map(\.name)
        #expect(names.count == Set(names).count)
        #expect(names.contains("variable"))
    }
}
