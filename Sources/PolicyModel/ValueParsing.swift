/// Parsers for typed condition values. They are strict: a value that does not parse makes the
/// policy invalid (for policy values) or the comparison false (for request values).
package enum ValueParsing {
    /// Integer or decimal, optionally signed; no exponents or hex, as IAM's numeric operators
    /// take plain numbers.
    package static func number(_ text: String) -> Double? {
        let trimmed = text
        guard !trimmed.isEmpty else { return nil }
        var sawDigit = false
        var sawDot = false
        for (offset, character) in trimmed.unicodeScalars.enumerated() {
            switch character {
            case "0"..."9": sawDigit = true
            case ".": if sawDot { return nil }; sawDot = true
            case "-", "+": if offset != 0 { return nil }
            default: return nil
            }
        }
        guard sawDigit else { return nil }
        return Double(trimmed)
    }

    /// A W3C ISO 8601 date (`2026-01`, `2026-01-31`, `2026-01-31T12:00:00Z`, fractional
    /// seconds, `+02:00` offsets) or epoch seconds (a bare number, even one that looks like a year), as seconds since 1970-01-01T00:00:00Z.
    package static func date(_ text: String) -> Double? {
        if let epoch = number(text) { return epoch }
        let bytes = Array(text.utf8)
        var index = 0
        func digits(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for offset in 0..<count {
                let byte = bytes[index + offset]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            index += count
            return value
        }
        func expect(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
        // W3C's ISO 8601 profile also allows `YYYY` and `YYYY-MM` (the first day they name).
        guard let year = digits(4) else { return nil }
        var month = 1
        var day = 1
        if index < bytes.count {
            guard expect(45), let parsedMonth = digits(2) else { return nil }
            month = parsedMonth
            if index < bytes.count {
                guard expect(45), let parsedDay = digits(2) else { return nil }
                day = parsedDay
            }
        }
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day) else { return nil }
        var seconds = Double(daysSinceEpoch(year: year, month: month, day: day)) * 86_400
        if index == bytes.count { return seconds }
        guard bytes[index] == 84 || bytes[index] == 116 else { return nil }  // T or t
        index += 1
        guard let hour = digits(2), hour < 24, expect(58), let minute = digits(2), minute < 60 else { return nil }
        var second = 0.0
        if expect(58) {
            guard let whole = digits(2), whole < 61 else { return nil }
            second = Double(whole)
            if expect(46) {
                var scale = 0.1
                var sawDigit = false
                while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                    second += Double(bytes[index] - 48) * scale
                    scale /= 10
                    index += 1
                    sawDigit = true
                }
                guard sawDigit else { return nil }
            }
        }
        seconds += Double(hour * 3600 + minute * 60) + second
        if index == bytes.count { return seconds }
        if bytes[index] == 90 || bytes[index] == 122 {  // Z
            index += 1
            return index == bytes.count ? seconds : nil
        }
        guard bytes[index] == 43 || bytes[index] == 45 else { return nil }
        let sign: Double = bytes[index] == 43 ? 1 : -1
        index += 1
        guard let offsetHours = digits(2), offsetHours < 24 else { return nil }
        _ = expect(58)
        guard let offsetMinutes = digits(2), offsetMinutes < 60, index == bytes.count else { return nil }
        return seconds - sign * Double(offsetHours * 3600 + offsetMinutes * 60)
    }

    package static func bool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true": true
        case "false": false
        default: nil
        }
    }

    /// Standard base64 with padding optional.
    package static func base64(_ text: String) -> [UInt8]? {
        var bits: UInt32 = 0
        var bitCount = 0
        var output: [UInt8] = []
        var padding = 0
        for byte in text.utf8 {
            let value: UInt32
            switch byte {
            case 65...90: value = UInt32(byte - 65)
            case 97...122: value = UInt32(byte - 97 + 26)
            case 48...57: value = UInt32(byte - 48 + 52)
            case 43: value = 62
            case 47: value = 63
            case 61: padding += 1; continue
            default: return nil
            }
            guard padding == 0 else { return nil }
            bits = bits << 6 | value
            bitCount += 6
            if bitCount >= 8 {
                bitCount -= 8
                output.append(UInt8(truncatingIfNeeded: bits >> UInt32(bitCount)))
            }
        }
        return padding <= 2 ? output : nil
    }

    private static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 (proleptic Gregorian), Howard Hinnant's `days_from_civil`.
    private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let adjustedYear = month <= 2 ? year - 1 : year
        let era = (adjustedYear >= 0 ? adjustedYear : adjustedYear - 399) / 400
        let yearOfEra = adjustedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
