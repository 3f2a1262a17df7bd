import PolicyModel

/// A CloudFormation intrinsic left in pipeline YAML as a marker: `{{Ref:LogicalId}}` or
/// `{{GetAtt:LogicalId.Attribute}}` (the seed-stack fixtures write them so; `${…}` is avoided because
/// it would clash with Data Prepper's own `${getMetadata(…)}` expressions).
///
/// The token form is the one `TemplateParsing` gives unresolved CloudFormation values (its
/// `SymbolToken`), so a standalone `--pipeline FILE.yaml` can be matched against a template's
/// resources: `{{Ref:X}}` → `⟦Ref.X⟧`, `{{GetAtt:X.Attr}}` → `⟦GetAtt.X.Attr⟧`, and a pseudo
/// parameter `{{Ref:AWS::Region}}` → `⟦AWS.Region⟧` (U+27E6, U+27E7; a body never holds `:`).
/// With several stacks, a stack-qualified id (`{{GetAtt:Storage/Orders.Arn}}`) becomes the
/// stack's token (`⟦GetAtt.Storage_Orders.Arn⟧`).
package struct CloudFormationMarker: Sendable, Hashable {
    package enum Kind: String, Sendable, Hashable {
        case ref = "Ref"
        case getAtt = "GetAtt"
    }

    package var kind: Kind
    /// The logical id, or the pseudo parameter (`AWS::Region`) for a `Ref`.
    package var logicalID: String
    /// The attribute of a `GetAtt` (`Arn`, `DomainEndpoint`, `Endpoint.Address`); nil for a `Ref`.
    package var attribute: String?
    /// The marker as written, e.g. `{{GetAtt:DynamoDBTable59784FC0.Arn}}`.
    package var marker: String
    /// Where the marker starts in the text, in Unicode scalars from the start.
    package var offset: Int

    package init(kind: Kind, logicalID: String, attribute: String?, marker: String, offset: Int) {
        self.kind = kind
        self.logicalID = logicalID
        self.attribute = attribute
        self.marker = marker
        self.offset = offset
    }

    /// The `Ref` of a pseudo parameter (`AWS::Region`, `AWS::AccountId`, …).
    package var isPseudoParameter: Bool { kind == .ref && logicalID.contains("::") }

    /// `⟦Ref.LogicalId⟧`, `⟦AWS.Region⟧` or `⟦GetAtt.LogicalId.Attribute⟧`: the same token a
    /// template gives the unresolved value (`SymbolToken`), so the two can be matched.
    package var token: String {
        switch kind {
        case .ref: SymbolToken.make(isPseudoParameter ? logicalID : "Ref.\(logicalID)")
        case .getAtt: SymbolToken.make("GetAtt.\(logicalID).\(attribute ?? "")")
        }
    }

    /// Every well-formed marker in `text`, in order. Malformed ones (`{{Ref:}}`, `{{Sub:x}}`,
    /// an unclosed `{{Ref:X`) are not markers.
    package static func markers(in text: String) -> [CloudFormationMarker] {
        scan(text).compactMap { piece in
            if case .marker(let marker) = piece { return marker }
            return nil
        }
    }

    /// `text` with every well-formed marker replaced by its token; everything else, including
    /// `${getMetadata("…")}`, is kept verbatim.
    package static func replacingMarkersWithTokens(in text: String) -> String {
        replacingMarkers(in: text) { $0.token }
    }

    /// `text` with every well-formed marker replaced by `replacement(marker)`.
    package static func replacingMarkers(in text: String, with replacement: (CloudFormationMarker) -> String) -> String {
        guard text.contains("{{") else { return text }
        var result = ""
        for piece in scan(text) {
            switch piece {
            case .text(let literal): result += literal
            case .marker(let marker): result += replacement(marker)
            }
        }
        return result
    }

    private enum Piece {
        case text(Substring)
        case marker(CloudFormationMarker)
    }

    private static func scan(_ text: String) -> [Piece] {
        var pieces: [Piece] = []
        let scalars = text.unicodeScalars
        var literalStart = scalars.startIndex
        var index = scalars.startIndex
        var offset = 0
        while index < scalars.endIndex {
            if scalars[index] == "{", let marker = marker(in: text, at: index, offset: offset) {
                if literalStart < index {
                    pieces.append(.text(Substring(scalars[literalStart..<index])))
                }
                pieces.append(.marker(marker.value))
                offset += marker.value.marker.unicodeScalars.count
                index = marker.end
                literalStart = index
                continue
            }
            index = scalars.index(after: index)
            offset += 1
        }
        if literalStart < scalars.endIndex {
            pieces.append(.text(Substring(scalars[literalStart...])))
        }
        return pieces
    }

    private static func marker(
        in text: String, at start: String.Index, offset: Int
    ) -> (value: CloudFormationMarker, end: String.Index)? {
        let rest = text.unicodeScalars[start...]
        let kind: Kind
        let prefixLength: Int
        if rest.starts(with: "{{Ref:".unicodeScalars) {
            kind = .ref
            prefixLength = 6
        } else if rest.starts(with: "{{GetAtt:".unicodeScalars) {
            kind = .getAtt
            prefixLength = 9
        } else {
            return nil
        }
        let bodyStart = rest.index(rest.startIndex, offsetBy: prefixLength)
        // A logical id has at most 255 characters; 600 leaves room for any attribute name.
        var bodyEnd = bodyStart
        var length = 0
        while bodyEnd < rest.endIndex, rest[bodyEnd] != "}", length <= 600 {
            bodyEnd = rest.index(after: bodyEnd)
            length += 1
        }
        let closeEnd = rest.index(bodyEnd, offsetBy: 2, limitedBy: rest.endIndex)
        guard let closeEnd, String(rest[bodyEnd..<closeEnd]) == "}}" else { return nil }
        let body = String(rest[bodyStart..<bodyEnd])
        let segments: [Substring]
        switch kind {
        case .ref:
            // `LogicalId` or a pseudo parameter `AWS::Name`.
            segments = body.split(separator: "::", omittingEmptySubsequences: false)
            guard segments.count <= 2 else { return nil }
        case .getAtt:
            segments = body.split(separator: ".", omittingEmptySubsequences: false)
            guard segments.count >= 2 else { return nil }
        }
        // The logical id (first) may be stack-qualified; a pseudo parameter's two parts may not.
        let qualifiable = kind == .getAtt || segments.count == 1
        guard segments.enumerated().allSatisfy({ index, segment in index == 0 && qualifiable ? isLogicalID(segment) : isIdentifier(segment) }) else {
            return nil
        }
        let marker = CloudFormationMarker(
            kind: kind,
            logicalID: kind == .ref ? body : String(segments[0]),
            attribute: kind == .ref ? nil : segments.dropFirst().joined(separator: "."),
            marker: String(rest[start..<closeEnd]),
            offset: offset
        )
        return (marker, closeEnd)
    }

    private static func isIdentifier(_ text: Substring) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy(isIdentifierScalar)
    }

    /// A logical id, or with several stacks in one analysis one qualified by its stack
    /// (`Storage/Orders`, `App/NestedStack/Role`: stack names of letters, digits and `-`), as
    /// labels name it.
    private static func isLogicalID(_ text: Substring) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard let last = parts.last, isIdentifier(last) else { return false }
        return parts.dropLast().allSatisfy { part in !part.isEmpty && part.unicodeScalars.allSatisfy { isIdentifierScalar($0) || $0 == "-" } }
    }

    private static func isIdentifierScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9": true
        default: false
        }
    }
}
