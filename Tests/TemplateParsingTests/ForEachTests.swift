import PolicyModel
import TestSupport
import Testing
@testable import TemplateParsing

/// `Fn::ForEach` of the `AWS::LanguageExtensions` transform, as its reference documents it: an
/// identifier, a collection (a list, a `CommaDelimitedList` parameter, an `Fn::FindInMap`) and an
/// output map whose keys and values name the item as `${Identifier}`, `&{Identifier}` (letters
/// and digits only) or `Ref: Identifier`; loops nest, and stand in `Conditions`, `Resources`
/// (properties included) and `Outputs`.
@Suite struct ForEachTests {
    static let template = """
        AWSTemplateFormatVersion: 2010-09-09
        Transform: AWS::LanguageExtensions
        Parameters:
          Tables:
            Type: CommaDelimitedList
            Default: "orders, order-returns"
          Queues:
            Type: CommaDelimitedList
        Mappings:
          Buckets:
            Properties:
              Identifiers: [A, B]
        Conditions:
          Fn::ForEach::Stages:
            - Stage
            - [Prod, Dev]
            - Is${Stage}: !Equals [!Ref "AWS::Region", !Ref Stage]
        Resources:
          Fn::ForEach::Tables:
            - Name
            - !Ref Tables
            - Table&{Name}:
                Type: AWS::DynamoDB::Table
                Properties:
                  TableName: !Sub ${Name}-table
                  Fn::ForEach::Settings:
                    - Setting
                    - [StreamSpecification]
                    - ${Setting}: {StreamViewType: NEW_IMAGE}
                  Tags:
                    - {Key: name, Value: !Ref Name}
          Fn::ForEach::Buckets:
            - Id
            - !FindInMap [Buckets, Properties, Identifiers]
            - Fn::ForEach::Suffixes:
                - Suffix
                - [x, y]
                - Bucket${Id}${Suffix}:
                    Type: AWS::S3::Bucket
                    Condition: IsProd
                    Properties:
                      BucketName: !Sub data-${Id}-${Suffix}
          Fn::ForEach::Queues:
            - Queue
            - !Ref Queues
            - Queue${Queue}:
                Type: AWS::SQS::Queue
        Outputs:
          Fn::ForEach::TableArns:
            - Name
            - [orders]
            - ${Name}Table:
                Value: !Sub ${Name}-table
        """

    @Test func resourcesConditionsPropertiesAndNestedLoopsExpand() throws {
        let template = try loadTemplate(Self.template, file: "loops.yaml", context: TemplateContext(region: "us-east-1"))
        #expect(template.resources.map(\.logicalId) == ["Tableorderreturns", "Tableorders"])
        let orders = try #require(template.resource("Tableorders"))
        #expect(orders.properties["TableName"]?.stringValue == "orders-table")
        #expect(orders.properties["StreamSpecification"]?["StreamViewType"]?.stringValue == "NEW_IMAGE")
        #expect(orders.properties["Tags"]?.jsonText() == #"[{"Key":"name","Value":"orders"}]"#)
        // `&{Name}` keeps letters and digits; `${Name}` in values keeps the item as it is.
        #expect(template.resource("Tableorderreturns")?.properties["TableName"]?.stringValue == "order-returns-table")
        #expect(orders.arn == "arn:aws:dynamodb:us-east-1:\(SymbolToken.make("AWS.AccountId")):table/orders-table")
    }

    /// The loop's conditions are conditions like any other: `IsProd` is false in us-east-1, so
    /// the buckets that need it are left out, and true where the region says `Prod`.
    @Test func generatedConditionsDecideGeneratedResources() throws {
        let east = try loadTemplate(Self.template, context: TemplateContext(region: "us-east-1"))
        #expect(east.excludedResources == ["BucketAx", "BucketAy", "BucketBx", "BucketBy"])
        let symbolic = try loadTemplate(Self.template)
        #expect(symbolic.resource("BucketBy")?.properties["BucketName"]?.stringValue == "data-B-y")
        #expect(symbolic.resource("BucketBy")?.conditionUnknown == true)
    }

    /// A supplied value of the list parameter is the collection.
    @Test func theCollectionFollowsTheParameter() throws {
        let template = try loadTemplate(Self.template, context: TemplateContext(parameters: ["Tables": "a,b,c", "Queues": "jobs"]))
        #expect(template.resources(ofType: "AWS::DynamoDB::Table").map(\.logicalId) == ["Tablea", "Tableb", "Tablec"])
        #expect(template.resources(ofType: "AWS::SQS::Queue").map(\.logicalId) == ["Queuejobs"])
        #expect(template.warnings.isEmpty)
    }

    /// A list parameter without a value: CloudFormation knows the items at deployment, this
    /// tool does not, so the loop's output is left out with a warning at the collection.
    @Test func anUnknownCollectionIsAWarning() throws {
        let template = try loadTemplate(Self.template, file: "loops.yaml")
        #expect(template.resources(ofType: "AWS::SQS::Queue").isEmpty)
        #expect(template.warnings.map(\.description) == [
            "loops.yaml:45:7: warning[template.unresolved-foreach]: the collection of `Fn::ForEach::Queues` is not known until deployment, so what the loop makes is left out of the analysis",
        ])
    }

    struct Invalid: Sendable, CustomTestStringConvertible {
        var name: String
        var resources: String
        var expected: String
        var testDescription: String { name }
    }

    static let invalid: [Invalid] = [
        Invalid(name: "not three arguments", resources: """
              Fn::ForEach::Topics: [Name, [a]]
            """, expected: "t.yaml:4:3: error[template.invalid-foreach]: `Fn::ForEach::Topics` takes a list of an identifier, a collection and an output map"),
        Invalid(name: "an identifier that is not a name", resources: """
              Fn::ForEach::Topics: [a-b, [a], {"Topic${a-b}": {Type: AWS::SNS::Topic}}]
            """, expected: "t.yaml:4:25: error[template.invalid-foreach]: the identifier of `Fn::ForEach::Topics` must be letters and digits, found `a-b`"),
        Invalid(name: "an output that is not a map", resources: """
              Fn::ForEach::Topics: [Name, [a], [x]]
            """, expected: "t.yaml:4:36: error[template.invalid-foreach]: the output of `Fn::ForEach::Topics` must be a map of keys to values, found list"),
        Invalid(name: "a key made twice", resources: """
              Fn::ForEach::Topics: [Name, [a, b], {Topic: {Type: AWS::SNS::Topic}}]
            """, expected: "t.yaml:4:40: error[template.invalid-foreach]: `Fn::ForEach::Topics` makes `Topic`, which is already there"),
        Invalid(name: "a key that is already a resource", resources: """
              Topica: {Type: AWS::SNS::Topic}
              Fn::ForEach::Topics: [Name, [a], {"Topic${Name}": {Type: AWS::SNS::Topic}}]
            """, expected: "t.yaml:5:37: error[template.invalid-foreach]: `Fn::ForEach::Topics` makes `Topica`, which is already there"),
        Invalid(name: "an item that makes an invalid logical id", resources: """
              Fn::ForEach::Topics: [Name, [a-b], {"Topic${Name}": {Type: AWS::SNS::Topic}}]
            """, expected: "t.yaml:4:39: error[template.invalid-logical-id]: resource logical id `Topica-b` has characters other than letters A-Z, a-z and digits 0-9"),
    ]

    @Test(arguments: invalid)
    func invalidLoopsAreErrorsAtTheirPlace(_ invalid: Invalid) throws {
        let text = "Transform: [AWS::LanguageExtensions]\nResources:\n  Other: {Type: AWS::SNS::Topic}\n" + invalid.resources + "\n"
        let error = try #require(loadError(text))
        #expect(error.diagnostics.map(\.description) == [invalid.expected])
    }

    /// Nested loops whose copies would multiply past the limit stop with an error, not a hang.
    @Test func expansionIsBounded() throws {
        let items = "[" + (0..<30).map { "i\($0)" }.joined(separator: ", ") + "]"
        let values = "[" + (0..<120).map(String.init).joined(separator: ", ") + "]"
        let text = """
            Transform: AWS::LanguageExtensions
            Resources:
              Fn::ForEach::A:
                - X
                - \(items)
                - Fn::ForEach::B:
                    - Y
                    - \(items)
                    - Fn::ForEach::C:
                        - Z
                        - \(items)
                        - R${X}${Y}${Z}: {Type: AWS::SNS::Topic, Properties: {A: \(values)}}
            """
        let error = try #require(loadError(text))
        #expect(error.diagnostics.map(\.code).contains("template.too-large"), "\(error)")
    }
}
