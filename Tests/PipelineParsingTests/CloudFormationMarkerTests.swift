import PipelineParsing
import Testing

@Suite struct CloudFormationMarkerTests {
    struct Conversion: Sendable, CustomTestStringConvertible {
        var text: String
        var expected: String
        var testDescription: String { text }
        init(_ text: String, _ expected: String) {
            self.text = text
            self.expected = expected
        }
    }

    static let conversions = [
        Conversion("{{GetAtt:DynamoDBTable59784FC0.Arn}}", "⟦GetAtt.DynamoDBTable59784FC0.Arn⟧"),
        Conversion("{{Ref:OpenSearchDynamoDBIngestionBackupS3BucketE80E3ADB}}", "⟦Ref.OpenSearchDynamoDBIngestionBackupS3BucketE80E3ADB⟧"),
        Conversion("https://{{GetAtt:ZeroETLDashboardDemoLC05C24EB.DomainEndpoint}}", "https://⟦GetAtt.ZeroETLDashboardDemoLC05C24EB.DomainEndpoint⟧"),
        Conversion("{{Ref:AWS::Region}}", "⟦AWS.Region⟧"),
        Conversion("arn:{{Ref:AWS::Partition}}:s3:::{{Ref:Bucket}}/*", "arn:⟦AWS.Partition⟧:s3:::⟦Ref.Bucket⟧/*"),
        Conversion("{{GetAtt:Db.Endpoint.Address}}", "⟦GetAtt.Db.Endpoint.Address⟧"),
        Conversion("{{Ref:A}}{{Ref:B}}", "⟦Ref.A⟧⟦Ref.B⟧"),
        // A logical id qualified by its stack, as labels name it when several stacks are analysed.
        Conversion("{{GetAtt:Storage/Orders.Arn}}", "⟦GetAtt.Storage_Orders.Arn⟧"),
        Conversion("{{Ref:My-App/NestedStack/Bucket}}", "⟦Ref.My-App_NestedStack_Bucket⟧"),
        Conversion("{{Ref:/A}}", "{{Ref:/A}}"),
        Conversion("{{Ref:A/}}", "{{Ref:A/}}"),
        Conversion("{{Ref:A/B-C}}", "{{Ref:A/B-C}}"),
        Conversion("{{Ref:A/B::C}}", "{{Ref:A/B::C}}"),
        Conversion("{{GetAtt:A.B/C}}", "{{GetAtt:A.B/C}}"),
        Conversion("{{{Ref:A}}}", "{⟦Ref.A⟧}"),
        // Data Prepper's own expressions and anything malformed stay as written.
        Conversion(#"${getMetadata("primary_key")}"#, #"${getMetadata("primary_key")}"#),
        Conversion("{{Ref:}}", "{{Ref:}}"),
        Conversion("{{Sub:X}}", "{{Sub:X}}"),
        Conversion("{{Ref:X", "{{Ref:X"),
        Conversion("{{Ref:X}", "{{Ref:X}"),
        Conversion("{{GetAtt:X}}", "{{GetAtt:X}}"),
        Conversion("{{GetAtt:X.}}", "{{GetAtt:X.}}"),
        Conversion("{{Ref:A:B}}", "{{Ref:A:B}}"),
        Conversion("{{Ref:A::B::C}}", "{{Ref:A::B::C}}"),
        Conversion("{{Ref:A-B}}", "{{Ref:A-B}}"),
        Conversion("{{ Ref:A }}", "{{ Ref:A }}"),
        Conversion("⟦Ref.A⟧", "⟦Ref.A⟧"),
        Conversion("", ""),
        Conversion("é{{Ref:Ü}}", "é{{Ref:Ü}}"),
    ]

    @Test(arguments: conversions)
    func convertsMarkersToTokens(_ conversion: Conversion) {
        #expect(CloudFormationMarker.replacingMarkersWithTokens(in: conversion.text) == conversion.expected)
    }

    @Test func describesEachMarker() {
        let markers = CloudFormationMarker.markers(in: "é{{Ref:AWS::Region}}/{{GetAtt:Db.Endpoint.Address}} {{Ref:Bucket}}")
        #expect(markers == [
            CloudFormationMarker(kind: .ref, logicalID: "AWS::Region", attribute: nil, marker: "{{Ref:AWS::Region}}", offset: 1),
            CloudFormationMarker(
                kind: .getAtt, logicalID: "Db", attribute: "Endpoint.Address",
                marker: "{{GetAtt:Db.Endpoint.Address}}", offset: 21
            ),
            CloudFormationMarker(kind: .ref, logicalID: "Bucket", attribute: nil, marker: "{{Ref:Bucket}}", offset: 52),
        ])
        #expect(markers.map(\.isPseudoParameter) == [true, false, false])
        #expect(markers.map(\.token) == ["⟦AWS.Region⟧", "⟦GetAtt.Db.Endpoint.Address⟧", "⟦Ref.Bucket⟧"])
    }

    @Test func tokenBodiesHaveNoColon() {
        for conversion in Self.conversions where conversion.expected.contains("⟦") {
            for marker in CloudFormationMarker.markers(in: conversion.text) {
                #expect(!marker.token.contains(":"))
            }
        }
    }

    /// Long bodies are shortened the way `TemplateParsing.SymbolToken.make` does: 111 scalars,
    /// `.`, and the FNV-1a hash of the whole body as 16 hex digits.
    @Test func shortensLongBodiesLikeTemplateTokens() {
        let logicalID = String(repeating: "A", count: 200)
        let token = CloudFormationMarker.replacingMarkersWithTokens(in: "{{Ref:\(logicalID)}}")
        let body = "Ref." + logicalID
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in body.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        let expectedHash = String(repeating: "0", count: 16 - hex.count) + hex
        #expect(token == "⟦" + String(body.prefix(111)) + "." + expectedHash + "⟧")
        #expect(token.count == 130)
    }

    @Test func replacesWithCustomValues() {
        let text = "arn:{{Ref:AWS::Partition}}:dynamodb:{{Ref:AWS::Region}}:1:table/{{Ref:Table}}"
        let resolved = CloudFormationMarker.replacingMarkers(in: text) { marker in
            marker.isPseudoParameter ? "aws" : marker.logicalID.lowercased()
        }
        #expect(resolved == "arn:aws:dynamodb:aws:1:table/table")
    }
}
