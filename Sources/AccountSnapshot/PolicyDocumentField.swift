import Foundation
import PolicyModel
import PolicyParsing

/// Every policy document of a snapshot (trust, inline, default managed versions) is read here. The
/// CLI prints documents as JSON objects; the raw API returns them as URL-encoded JSON strings.
enum PolicyDocumentField {
    /// - Parameter urlEncoded: IAM's strings are URL-encoded JSON; S3, OpenSearch and KMS print
    ///   their policies as plain JSON strings.
    static func document(_ node: JSONNode, urlEncoded: Bool = true) throws(DiagnosticError) -> PolicyDocument {
        guard let encoded = node.stringValue else { return try PolicyParser.parse(node: node) }
        guard let decoded = urlEncoded ? encoded.removingPercentEncoding : encoded else {
            throw node.invalid("this URL-encoded policy document does not decode: a `%` is not followed by two hex digits, or the bytes are not UTF-8")
        }
        let decodedNode: JSONNode
        do {
            decodedNode = try JSONReader.parse(decoded)
        } catch {
            throw pointingAtString(error, node.position, urlEncoded: urlEncoded)
        }
        do {
            // Positions inside the decoded text are not positions in the file: every statement
            // points at the string, so explanations name a place the reader can open.
            return try PolicyParser.parse(node: decodedNode.withEveryPosition(node.position))
        } catch let errorAtString {
            // Parsed again with the decoded positions only to say where inside the text it failed.
            do {
                _ = try PolicyParser.parse(node: decodedNode)
            } catch {
                throw pointingAtString(error, node.position, urlEncoded: urlEncoded)
            }
            throw errorAtString
        }
    }

    /// Errors from inside a decoded string, moved to the string's position in the file; the
    /// message keeps where in the decoded text they are.
    private static func pointingAtString(_ error: DiagnosticError, _ position: SourcePosition, urlEncoded: Bool) -> DiagnosticError {
        let what = urlEncoded ? "URL-encoded policy document" : "policy document string"
        return DiagnosticError(error.diagnostics.map { diagnostic in
            var moved = diagnostic
            moved.position = position
            let place = diagnostic.position.isKnown ? ", at \(diagnostic.position) of the decoded text" : ""
            moved.message += " (in this \(what), once decoded\(place))"
            return moved
        })
    }
}

extension JSONNode {
    /// The same tree with every position, of values and of keys, replaced by `position`.
    /// (TemplateParsing's `relocated(to:)` is the same for JSON inside template strings; one copy in
    /// PolicyParsing would serve both.)
    fileprivate func withEveryPosition(_ position: SourcePosition) -> JSONNode {
        switch value {
        case .array(let items):
            JSONNode(.array(items.map { $0.withEveryPosition(position) }), position: position)
        case .object(let members):
            JSONNode(.object(members.map {
                JSONMember(key: $0.key, keyPosition: position, value: $0.value.withEveryPosition(position))
            }), position: position)
        default:
            JSONNode(value, position: position)
        }
    }
}
