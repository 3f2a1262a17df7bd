import Foundation
import Testing
@testable import ServiceCatalog

@Suite("Managed policies")
struct ManagedPolicyTests {
    let catalogue: ServiceCatalogue

    init() throws {
        catalogue = try ServiceCatalogue.embedded()
    }

    @Test func byName() throws {
        let policy = try #require(catalogue.managedPolicy(named: "AmazonS3FullAccess"))
        #expect(policy.name == "AmazonS3FullAccess")
        #expect(policy.arn == "arn:aws:iam::aws:policy/AmazonS3FullAccess")
        #expect(policy.path == "/")
        #expect(policy.defaultVersionId == "v2")
        #expect(policy.updateDate == "2021-09-27T20:16:37+00:00")
        #expect(policy.documentJSON
            == #"{"Statement":[{"Action":["s3:*","s3-object-lambda:*"],"Effect":"Allow","Resource":"*"}],"Version":"2012-10-17"}"#)
        #expect(catalogue.managedPolicy(named: "amazons3fullaccess")?.name == "AmazonS3FullAccess")
        #expect(catalogue.managedPolicy(named: "NoSuchPolicy") == nil)
    }

    @Test func byARN() throws {
        #expect(catalogue.managedPolicy(arn: "arn:aws:iam::aws:policy/AmazonS3FullAccess")?.name == "AmazonS3FullAccess")
        let china = try #require(catalogue.managedPolicy(arn: "arn:aws-cn:iam::aws:policy/AmazonS3FullAccess"))
        #expect(china.arn == "arn:aws-cn:iam::aws:policy/AmazonS3FullAccess")
        let lambdaRole = try #require(catalogue.managedPolicy(arn: "arn:aws:iam::aws:policy/service-role/AWSLambdaRole"))
        #expect(lambdaRole.path == "/service-role/")
        #expect(lambdaRole.arn == "arn:aws:iam::aws:policy/service-role/AWSLambdaRole")
        // Wrong path, customer account, wrong service, malformed: not found.
        #expect(catalogue.managedPolicy(arn: "arn:aws:iam::aws:policy/AWSLambdaRole") == nil)
        #expect(catalogue.managedPolicy(arn: "arn:aws:iam::123456789012:policy/AmazonS3FullAccess") == nil)
        #expect(catalogue.managedPolicy(arn: "arn:aws:s3::aws:policy/AmazonS3FullAccess") == nil)
        #expect(catalogue.managedPolicy(arn: "arn:aws:iam::aws:policy/") == nil)
        #expect(catalogue.managedPolicy(arn: "AmazonS3FullAccess") == nil)
        #expect(catalogue.managedPolicy(arn: "arn:aws:iam::aws:policy/amazons3fullaccess") == nil)   // ARNs are case-sensitive
    }

    @Test func wellKnownPoliciesExist() throws {
        for name in ["AmazonOpenSearchServiceFullAccess", "AmazonDynamoDBFullAccess", "AdministratorAccess", "ReadOnlyAccess"] {
            #expect(catalogue.managedPolicy(named: name) != nil, "\(name)")
        }
        #expect(catalogue.managedPolicy(arn: "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess") != nil)
    }

    @Test func namesAreSortedAndDocumentsAreJSON() throws {
        let names = catalogue.managedPolicyNames
        #expect(names.count == 1582)
        #expect(names == names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        for name in names {
            let policy = try #require(catalogue.managedPolicy(named: name))
            let object = try JSONSerialization.jsonObject(with: Data(policy.documentJSON.utf8))
            #expect((object as? [String: Any])?["Statement"] != nil, "\(name)")
            #expect(!policy.documentJSON.contains("\n"))
        }
    }
}
