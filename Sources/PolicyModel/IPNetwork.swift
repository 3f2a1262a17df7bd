/// An IPv4 or IPv6 network in CIDR form; a bare address is a /32 (or /128) network.
package struct IPNetwork: Sendable, Hashable, CustomStringConvertible {
    /// 16 bytes; IPv4 addresses are stored as IPv4-mapped IPv6 (`::ffff:a.b.c.d`).
    package let address: [UInt8]
    package let prefixLength: Int
    package let isIPv4: Bool

    package init?(cidr text: some StringProtocol) {
        let trimmed = String(text)
        let pieces = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        guard pieces.count <= 2, let (address, isIPv4) = Self.parseAddress(pieces[0]) else { return nil }
        let maximum = isIPv4 ? 32 : 128
        var length = maximum
        if pieces.count == 2 {
            guard !pieces[1].isEmpty, pieces[1].allSatisfy(\.isASCIIDigit), pieces[1].count <= 3,
                  let parsed = Int(pieces[1]), parsed <= maximum else { return nil }
            length = parsed
        }
        self.address = address
        self.isIPv4 = isIPv4
        self.prefixLength = isIPv4 ? length + 96 : length
    }

    /// True when `other` (usually a single request address) lies inside this network.
    package func contains(_ other: IPNetwork) -> Bool {
        guard other.prefixLength >= prefixLength else { return false }
        var remaining = prefixLength
        for index in 0..<16 {
            if remaining <= 0 { return true }
            let bits = min(8, remaining)
            let mask: UInt8 = bits == 8 ? 0xFF : UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
            if address[index] & mask != other.address[index] & mask { return false }
            remaining -= bits
        }
        return true
    }

    package var description: String {
        if isIPv4 {
            return address[12...].map(String.init).joined(separator: ".") + "/\(prefixLength - 96)"
        }
        var groups: [String] = []
        for index in stride(from: 0, to: 16, by: 2) {
            groups.append(String(UInt16(address[index]) << 8 | UInt16(address[index + 1]), radix: 16))
        }
        return groups.joined(separator: ":") + "/\(prefixLength)"
    }

    private static func parseAddress(_ text: Substring) -> ([UInt8], Bool)? {
        if text.contains(":") {
            return parseIPv6(text).map { ($0, false) }
        }
        guard let v4 = parseIPv4(text) else { return nil }
        return ([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF] + v4, true)
    }

    private static func parseIPv4(_ text: Substring) -> [UInt8]? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for octet in octets {
            guard !octet.isEmpty, octet.count <= 3, octet.allSatisfy(\.isASCIIDigit),
                  let value = UInt8(octet) else { return nil }
            bytes.append(value)
        }
        return bytes
    }

    private static func parseIPv6(_ text: Substring) -> [UInt8]? {
        var head: [UInt16] = []
        var tail: [UInt16] = []
        var sawDoubleColon = false
        let halves = text.components(separatedByDoubleColon: ())
        guard halves.count <= 2 else { return nil }
        sawDoubleColon = halves.count == 2
        func groups(_ part: Substring, allowIPv4Tail: Bool) -> [UInt16]? {
            if part.isEmpty { return [] }
            var result: [UInt16] = []
            let fields = part.split(separator: ":", omittingEmptySubsequences: false)
            for (offset, field) in fields.enumerated() {
                if allowIPv4Tail, offset == fields.count - 1, field.contains(".") {
                    guard let v4 = parseIPv4(field) else { return nil }
                    result.append(UInt16(v4[0]) << 8 | UInt16(v4[1]))
                    result.append(UInt16(v4[2]) << 8 | UInt16(v4[3]))
                    continue
                }
                guard !field.isEmpty, field.count <= 4, let value = UInt16(field, radix: 16) else { return nil }
                result.append(value)
            }
            return result
        }
        if sawDoubleColon {
            guard let first = groups(halves[0], allowIPv4Tail: false),
                  let second = groups(halves[1], allowIPv4Tail: true),
                  first.count + second.count <= 7 else { return nil }
            head = first
            tail = second
        } else {
            guard let all = groups(halves[0], allowIPv4Tail: true), all.count == 8 else { return nil }
            head = all
        }
        let words = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        return words.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }
}

extension Substring {
    /// Splits on the first `::` only (an address may hold at most one).
    fileprivate func components(separatedByDoubleColon _: Void) -> [Substring] {
        guard let range = firstRange(of: "::") else { return [self] }
        let rest = self[range.upperBound...]
        if rest.contains("::") { return [self, "", ""] }
        return [self[startIndex..<range.lowerBound], rest]
    }
}

extension Character {
    package var isASCIIDigit: Bool { isASCII && isNumber }
}
