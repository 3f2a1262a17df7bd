import Foundation
import PolicyParsing

/// A template value: text, a reference to another resource or a pseudo parameter, or a
/// concatenation of these (`"https://" + .endpoint(of: "Search")`). It is written as a
/// CloudFormation user would write it (a string, `Ref`, `Fn::GetAtt`, or `Fn::Sub`), so the code
/// under test resolves it as it resolves a user's template; inside a separate pipeline file it
/// becomes a `{{GetAtt:X.Attr}}` marker.
package struct TestValue: Sendable, ExpressibleByStringLiteral {
    enum Part: Sendable {
        case text(String)
        case ref(String)
        case getAtt(String, String)
        /// `{"Fn::ImportValue": name}`: another stack's export.
        case importValue(String)
    }

    var parts: [Part]

    init(parts: [Part]) {
        self.parts = parts
    }

    package init(stringLiteral text: String) {
        parts = [.text(text)]
    }

    package static func text(_ text: String) -> TestValue { TestValue(parts: [.text(text)]) }

    /// `{"Ref": logicalId}`: a bucket's or table's name, a key's id, a managed policy's ARN.
    package static func ref(_ logicalId: String) -> TestValue { TestValue(parts: [.ref(logicalId)]) }

    package static func getAtt(_ logicalId: String, _ attribute: String) -> TestValue { TestValue(parts: [.getAtt(logicalId, attribute)]) }

    /// `{"Fn::ImportValue": exportName}`: a value another stack exports.
    package static func importValue(_ exportName: String) -> TestValue { TestValue(parts: [.importValue(exportName)]) }

    /// `{"Fn::GetAtt": [logicalId, "Arn"]}`.
    package static func arn(of logicalId: String) -> TestValue { getAtt(logicalId, "Arn") }

    /// An OpenSearch domain's endpoint host (no scheme).
    package static func endpoint(of domain: String) -> TestValue { getAtt(domain, "DomainEndpoint") }

    package static let partition = TestValue(parts: [.ref("AWS::Partition")])
    package static let accountId = TestValue(parts: [.ref("AWS::AccountId")])
    package static let region = TestValue(parts: [.ref("AWS::Region")])

    /// `arn:<partition>:iam::<account>:root`, the stack's own account.
    package static let accountRoot: TestValue = "arn:" + partition + ":iam::" + accountId + ":root"

    /// An ARN in the stack's partition, region and account, written without naming a resource of
    /// the template: it adds no dependency, as CloudFormation requires where `.arn(of:)` would
    /// close a cycle (a domain policy naming its own domain, a key policy naming a role whose
    /// policy names the key's bucket).
    package static func regionalARN(_ service: String, _ resource: String) -> TestValue {
        "arn:" + partition + .text(":\(service):") + region + ":" + accountId + .text(":\(resource)")
    }

    /// `arn:<partition>:iam::<account>:role/<name>`, without naming the role's resource (see
    /// `regionalARN`).
    package static func roleARN(named name: String) -> TestValue {
        "arn:" + partition + ":iam::" + accountId + .text(":role/\(name)")
    }

    /// The ARN of an AWS managed policy, as CDK writes it (`arn:${AWS::Partition}:iam::aws:policy/…`).
    package static func awsManagedPolicy(_ name: String) -> TestValue {
        "arn:" + partition + ":iam::aws:policy/" + .text(name)
    }

    /// Adjacent text joins into one part, so literal text stays a plain string.
    package static func + (lhs: TestValue, rhs: TestValue) -> TestValue {
        var parts = lhs.parts
        for part in rhs.parts {
            if case .text(let next) = part, case .text(let previous)? = parts.last {
                parts[parts.count - 1] = .text(previous + next)
            } else {
                parts.append(part)
            }
        }
        return TestValue(parts: parts)
    }

    /// The value as template JSON: plain text as a string, one reference as `Ref` or `Fn::GetAtt`,
    /// anything else as `Fn::Sub` (`Fn::Join` when it imports, which `Fn::Sub` cannot inline).
    package var json: JSONOutput {
        switch parts.count == 1 ? parts[0] : nil {
        case .text(let text)?: .string(text)
        case .ref(let logicalId)?: .object([("Ref", .string(logicalId))])
        case .getAtt(let logicalId, let attribute)?: .object([("Fn::GetAtt", .array([.string(logicalId), .string(attribute)]))])
        case .importValue(let name)?: .object([("Fn::ImportValue", .string(name))])
        case nil:
            if parts.contains(where: { if case .importValue = $0 { true } else { false } }) {
                .object([("Fn::Join", .array([.string(""), .array(parts.map { TestValue(parts: [$0]).json })]))])
            } else {
                .object([("Fn::Sub", .string(subTemplate))])
            }
        }
    }

    /// The value inside an `Fn::Sub` string: references as `${X.Attr}`, literal `${` escaped.
    var subTemplate: String {
        parts.map { part in
            switch part {
            case .text(let text): text.replacingOccurrences(of: "${", with: "${!")
            case .ref(let logicalId): "${\(logicalId)}"
            case .getAtt(let logicalId, let attribute): "${\(logicalId).\(attribute)}"
            case .importValue: ""  // never reached: `json` joins values that import
            }
        }.joined()
    }

    /// The value in a separate pipeline file: references as `{{Ref:X}}` / `{{GetAtt:X.Attr}}`.
    var pipelineMarkers: String {
        parts.map { part in
            switch part {
            case .text(let text): text
            case .ref(let logicalId): "{{Ref:\(logicalId)}}"
            case .getAtt(let logicalId, let attribute): "{{GetAtt:\(logicalId).\(attribute)}}"
            case .importValue(let name): "{{ImportValue:\(name)}}"
            }
        }.joined()
    }
}
