/// A `Resource` entry split into its colon-separated ARN parts, keeping `${...}` policy variables
/// whole (`${aws:username}` holds a colon). The sixth part keeps any further colons.
struct ARNText {
    let parts: [String]

    init(_ text: String) {
        var parts: [String] = []
        var current = ""
        var insideVariable = false
        var previous: Character?
        for character in text {
            if parts.count < 5, !insideVariable, character == ":" {
                parts.append(current)
                current = ""
            } else {
                if character == "{", previous == "$" { insideVariable = true }
                if character == "}" { insideVariable = false }
                current.append(character)
            }
            previous = character
        }
        parts.append(current)
        self.parts = parts
    }

    var isComplete: Bool { parts.count == 6 }
    var hasARNPrefix: Bool { parts.first?.lowercased() == "arn" && parts.count > 1 }
    var service: String? { parts.count > 2 ? parts[2] : nil }

    /// The text with the five prefix parts lower-cased: IAM compares them case-insensitively, while
    /// resource-type templates spell them in lower case.
    var normalized: String {
        guard isComplete else { return parts.joined(separator: ":") }
        return (parts[0..<5].map { $0.lowercased() } + [parts[5]]).joined(separator: ":")
    }
}
