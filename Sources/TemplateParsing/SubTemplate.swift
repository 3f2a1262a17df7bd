/// The text of an `Fn::Sub` template, read once into literal runs and `${Name}` references:
/// `${!Literal}` writes the literal `${Literal}`, and a `${` with no closing brace leaves the rest
/// as text. One left-to-right pass over the UTF-8 bytes, so a template with many references costs
/// time linear in its length (the resolver substitutes, the dependency graph collects names).
enum SubTemplate {
    enum Part: Equatable {
        case text(Substring)
        case reference(String)
    }

    static func parts(_ template: String) -> [Part] {
        let bytes = template.utf8
        var parts: [Part] = []
        var index = bytes.startIndex
        var literalStart = index
        func appendText(upTo end: String.Index) {
            if literalStart < end { parts.append(.text(template[literalStart..<end])) }
        }
        while index < bytes.endIndex {
            let next = bytes.index(after: index)
            guard bytes[index] == UInt8(ascii: "$"), next < bytes.endIndex, bytes[next] == UInt8(ascii: "{") else {
                index = next
                continue
            }
            let afterOpen = bytes.index(after: next)
            if afterOpen < bytes.endIndex, bytes[afterOpen] == UInt8(ascii: "!") {
                appendText(upTo: index)
                parts.append(.text("${"))
                index = bytes.index(after: afterOpen)
                literalStart = index
                continue
            }
            guard let close = bytes[afterOpen...].firstIndex(of: UInt8(ascii: "}")) else { break }
            appendText(upTo: index)
            parts.append(.reference(String(template[afterOpen..<close])))
            index = bytes.index(after: close)
            literalStart = index
        }
        appendText(upTo: bytes.endIndex)
        return parts
    }
}
