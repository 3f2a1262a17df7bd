extension String {
    /// Every occurrence of `target` replaced with `replacement`, comparing UTF-8 bytes: for
    /// ARNs and the sentences that quote them, equal bytes are equal text, and this is several
    /// times faster than `replacing(_:with:)`, which compares `Character`s (the access graph
    /// templates one sentence per evaluation).
    package func replacingText(_ target: String, with replacement: String) -> String {
        let needle = Array(target.utf8)
        guard let first = needle.first, utf8.count >= needle.count else { return self }
        let haystack = Array(utf8)
        var output: [UInt8] = []
        var index = 0
        var copied = 0
        while index + needle.count <= haystack.count {
            if haystack[index] == first, haystack[index..<index + needle.count].elementsEqual(needle) {
                if output.isEmpty { output.reserveCapacity(haystack.count) }
                output += haystack[copied..<index]
                output += replacement.utf8
                index += needle.count
                copied = index
            } else {
                index += 1
            }
        }
        guard copied > 0 else { return self }
        output += haystack[copied...]
        return String(decoding: output, as: UTF8.self)
    }
}
