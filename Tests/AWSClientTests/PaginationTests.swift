@testable import AWSClient
import Foundation
import Testing

/// Every page of a paginated listing is read and merged: IAM's `Marker`/`IsTruncated`.
@Suite struct PaginationTests {
    static func xml(_ body: String) -> ScriptedTransport.Answer {
        .response(HTTPResponse(status: 200, headers: ["content-type": "text/xml"], body: Array(body.utf8)))
    }

    @Test func authorizationDetailsFollowTheMarkerAcrossPages() async throws {
        let transport = ScriptedTransport([
            Self.xml("""
            <GetAccountAuthorizationDetailsResponse><GetAccountAuthorizationDetailsResult>\
            <RoleDetailList><member><RoleName>first</RoleName></member></RoleDetailList><UserDetailList/>\
            <IsTruncated>true</IsTruncated><Marker>page2</Marker></GetAccountAuthorizationDetailsResult></GetAccountAuthorizationDetailsResponse>
            """),
            Self.xml("""
            <GetAccountAuthorizationDetailsResponse><GetAccountAuthorizationDetailsResult>\
            <RoleDetailList><member><RoleName>second</RoleName></member></RoleDetailList>\
            <UserDetailList><member><UserName>u</UserName></member></UserDetailList>\
            <IsTruncated>false</IsTruncated></GetAccountAuthorizationDetailsResult></GetAccountAuthorizationDetailsResponse>
            """),
        ])
        let details = try await AccountFetcher.authorizationDetails(AWSClientTests.client(transport))
        #expect(details.renderedCompact()
            == #"{"UserDetailList":[{"UserName":"u"}],"GroupDetailList":[],"RoleDetailList":[{"RoleName":"first"},{"RoleName":"second"}],"Policies":[]}"#)
        #expect(transport.sent.count == 2)
        #expect(transport.sent.map { String(decoding: $0.body, as: UTF8.self) } == [
            "Action=GetAccountAuthorizationDetails&Version=2010-05-08",
            "Action=GetAccountAuthorizationDetails&Version=2010-05-08&Marker=page2",
        ])
    }
}

/// JSON listings follow `NextToken` to the last page, and a token that comes back ends the list.
@Suite struct NextTokenTests {
    @Test func everyPageIsReadAndARepeatedTokenEndsTheList() async throws {
        let transport = ScriptedTransport([
            AWSClientTests.json(200, #"{"IdentityPools": [{"IdentityPoolId": "p1"}], "NextToken": "t1"}"#),
            AWSClientTests.json(200, #"{"IdentityPools": [{"IdentityPoolId": "p2"}], "NextToken": "t2"}"#),
            AWSClientTests.json(200, #"{"IdentityPools": [{"IdentityPoolId": "p3"}]}"#),
        ])
        let client = AWSClientTests.client(transport)
        let items = try await client.listItems(.listIdentityPools, [("MaxResults", .int(60))], list: "IdentityPools")
        #expect(items.compactMap { $0["IdentityPoolId"]?.stringValue } == ["p1", "p2", "p3"])
        #expect(transport.sent.map { String(decoding: $0.body, as: UTF8.self) } == [
            #"{"MaxResults":60}"#, #"{"MaxResults":60,"NextToken":"t1"}"#, #"{"MaxResults":60,"NextToken":"t2"}"#,
        ])
        // A service that hands back the same token again: the listing ends instead of looping.
        let looping = ScriptedTransport(Array(repeating: AWSClientTests.json(200, #"{"IdentityPools": [{"IdentityPoolId": "p"}], "NextToken": "same"}"#), count: 5))
        let once = try await AWSClientTests.client(looping).listItems(.listIdentityPools, [], list: "IdentityPools")
        #expect(once.count == 2)
        #expect(looping.sent.count == 2)
    }
}
