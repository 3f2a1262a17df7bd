/// A strict RFC 4180 reader for what `graph --format csv` writes: records end in CRLF, a quoted
/// field may hold commas, CR, LF and doubled quotes, and anything else (a bare quote inside an
/// unquoted field, text after a closing quote, a record without its CRLF) is no CSV.
package enum CSVRecords {
    package static func parse(_ text: String) -> [[String]]? {
        var records: [[String]] = []
        var record: [String] = []
        var scalars = Array(text.unicodeScalars)[...]
        while !scalars.isEmpty {
            var field = String.UnicodeScalarView()
            if scalars.first == "\"" {
                scalars = scalars.dropFirst()
                while true {
                    guard let scalar = scalars.popFirst() else { return nil }
                    if scalar != "\"" {
                        field.append(scalar)
                    } else if scalars.first == "\"" {
                        field.append(scalars.removeFirst())
                    } else {
                        break
                    }
                }
            } else {
                while let scalar = scalars.first, scalar != ",", scalar != "\r" {
                    if scalar == "\"" || scalar == "\n" { return nil }
                    field.append(scalars.removeFirst())
                }
            }
            record.append(String(field))
            if scalars.first == "," {
                scalars = scalars.dropFirst()
            } else if scalars.starts(with: ["\r", "\n"]) {
                scalars = scalars.dropFirst(2)
                records.append(record)
                record = []
            } else {
                return nil
            }
        }
        return record.isEmpty ? records : nil
    }

    /// The rows after the header, each as a dictionary from the header's names; nil when the
    /// text is no CSV or a row's length differs from the header's.
    package static func table(_ text: String) -> (header: [String], rows: [[String: String]])? {
        guard let records = parse(text), let header = records.first else { return nil }
        let rows = records.dropFirst()
        guard rows.allSatisfy({ $0.count == header.count }) else { return nil }
        return (header, rows.map { Dictionary(zip(header, $0), uniquingKeysWith: { first, _ in first }) })
    }
}
