import Testing
@testable import ServiceCatalog

@Suite("ARN template matching")
struct ResourceTypeMatchingTests {
    let catalogue: ServiceCatalogue

    init() throws {
        catalogue = try ServiceCatalogue.embedded()
    }

    private func type(_ service: String, _ name: String) throws -> ResourceTypeInfo {
        try #require(catalogue.resourceType(service: service, name: name))
    }

    @Test func s3BucketAndObject() throws {
        let bucket = try type("s3", "bucket")
        let object = try type("s3", "object")
        #expect(bucket.arnTemplate == "arn:${Partition}:s3:::${BucketName}")
        #expect(bucket.matches(arn: "arn:aws:s3:::my-bucket"))
        #expect(!bucket.matches(arn: "arn:aws:s3:::my-bucket/key"))
        #expect(object.matches(arn: "arn:aws:s3:::my-bucket/a/b/c.txt"))
        #expect(object.matches(arn: "arn:aws-cn:s3:::my-bucket/k"))
        #expect(!object.matches(arn: "arn:aws:s3:::my-bucket"))
        #expect(!object.matches(arn: "arn:aws:s3:::my-bucket/"))         // placeholders need a character
        #expect(!object.matches(arn: "arn:aws:s3:us-east-1::my-bucket/k"))  // region must be empty
        #expect(!object.matches(arn: "ARN:aws:s3:::my-bucket/k"))           // literals are case-sensitive
    }

    @Test func prefixFieldsDoNotSpanColons() throws {
        let domain = try type("es", "domain")
        #expect(domain.matches(arn: "arn:aws:es:us-east-1:123456789012:domain/search"))
        #expect(!domain.matches(arn: "arn:aws:es:us-east-1:123456789012:extra:domain/search"))
        #expect(!domain.matches(arn: "arn:aws:es:us-east-1:123456789012:collection/search"))
    }

    @Test func trailingPlaceholderTakesTheRest() throws {
        let role = try type("iam", "role")
        #expect(role.matches(arn: "arn:aws:iam::123456789012:role/service-role/my-role"))
        let function = try type("lambda", "function")
        #expect(function.matches(arn: "arn:aws:lambda:us-east-1:123456789012:function:my-fn"))
        #expect(function.matches(arn: "arn:aws:lambda:us-east-1:123456789012:function:my-fn:PROD"))
    }

    @Test func middlePlaceholderStopsAtItsSeparator() throws {
        let stream = try type("logs", "log-stream")
        #expect(stream.matches(arn: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/fn:log-stream:2024/01/01/x"))
        #expect(!stream.matches(arn: "arn:aws:logs:us-east-1:123456789012:log-group:a:b:log-stream:x"))
        let group = try type("logs", "log-group")
        #expect(group.matches(arn: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/fn:*"))
    }

    @Test func alternativesAreSplit() throws {
        let stage = try type("apigateway", "Stage")
        #expect(stage.arnTemplates.count == 2)
        #expect(stage.matches(arn: "arn:aws:apigateway:us-east-1::/restapis/abc/stages/prod"))
        #expect(stage.matches(arn: "arn:aws:apigateway:us-east-1::/apis/abc/stages/prod"))
    }

    @Test func policyPatterns() throws {
        let bucket = try type("s3", "bucket")
        let object = try type("s3", "object")
        #expect(object.matches(pattern: "arn:aws:s3:::my-bucket/*"))
        #expect(!bucket.matches(pattern: "arn:aws:s3:::my-bucket/*"))
        #expect(bucket.matches(pattern: "arn:aws:s3:::my-bucket"))
        #expect(!object.matches(pattern: "arn:aws:s3:::my-bucket"))
        #expect(bucket.matches(pattern: "arn:aws:s3:::*"))
        #expect(object.matches(pattern: "arn:aws:s3:::*"))
        #expect(bucket.matches(pattern: "*"))
        #expect(object.matches(pattern: "arn:aws:s3:::my-bucket/${aws:username}/*"))
        #expect(bucket.matches(pattern: "arn:*:s3:::my-bucke?"))
        #expect(!bucket.matches(pattern: "arn:aws:dynamodb:*:*:table/*"))
        let table = try type("dynamodb", "table")
        #expect(table.matches(pattern: "arn:aws:dynamodb:*:*:table/*"))
        #expect(table.matches(pattern: "arn:aws:dynamodb:us-east-1:123456789012:table/Orders"))
        // A trailing placeholder takes the rest of the ARN, so this "could" be a table too; the
        // stream type is the precise match.
        #expect(table.matches(pattern: "arn:aws:dynamodb:us-east-1:123456789012:table/Orders/stream/*"))
        #expect(try type("dynamodb", "stream").matches(pattern: "arn:aws:dynamodb:us-east-1:123456789012:table/Orders/stream/*"))
        #expect(!(try type("dynamodb", "stream").matches(pattern: "arn:aws:dynamodb:us-east-1:123456789012:table/Orders")))
    }

    @Test func escapesAndWildcardsAcrossParts() throws {
        let bucket = try type("s3", "bucket")
        let object = try type("s3", "object")
        // One glob over the whole ARN: `*` may span `:`, as AWS's own policies assume.
        let secret = try type("secretsmanager", "Secret")
        #expect(secret.matches(pattern: "arn:aws:secretsmanager:*:*:sqlworkbench!*"))
        // `${*}` and `${?}` are literal characters, not wildcards.
        #expect(object.matches(pattern: "arn:aws:s3:::b*"))
        #expect(!object.matches(pattern: "arn:aws:s3:::b${*}"))
        #expect(bucket.matches(pattern: "arn:aws:s3:::b${*}"))
        #expect(object.matches(pattern: "arn:aws:s3:::b?k"))
        #expect(!object.matches(pattern: "arn:aws:s3:::b${?}k"))
    }

    @Test func everyTemplateCompilesAndMatchesItsOwnShape() throws {
        // Each template, with placeholders filled in, must match itself: guards the tokenizer
        // against templates the rules do not anticipate.
        var checked = 0
        for prefix in catalogue.servicePrefixes {
            let service = try #require(catalogue.service(prefix))
            for resourceType in service.resourceTypes {
                for template in resourceType.arnTemplates where template.hasPrefix("arn:") {
                    var arn = template
                    while let open = arn.range(of: "${"), let close = arn[open.upperBound...].firstIndex(of: "}") {
                        arn.replaceSubrange(open.lowerBound...close, with: "x1")
                    }
                    arn = arn.replacingOccurrences(of: "*", with: "y")
                    #expect(resourceType.matches(arn: arn), "\(prefix) \(resourceType.name): \(template) vs \(arn)")
                    #expect(resourceType.matches(pattern: template.replacingOccurrences(of: "${", with: "*${")))
                    checked += 1
                }
            }
        }
        #expect(checked > 2000)
    }

    @Test func intersectionIsPolynomial() throws {
        // Many stars: the product walk visits at most |pattern|·|template| states. A bucket name
        // holds no `/`, so this pattern names no bucket.
        let bucket = try type("s3", "bucket")
        #expect(!bucket.matches(pattern: "arn:aws:s3:::" + String(repeating: "*a", count: 200) + "/"))
    }
}
