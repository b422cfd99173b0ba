/// A small RFC 4180 CSV reader for seed files and Bulk uploads: any one-byte delimiter, LF or CRLF,
/// quoted fields with `""` escapes. Errors name the line.
struct SimpleCSV {
    struct ParseError: Error, CustomStringConvertible {
        let line: Int
        let reason: String
        var description: String { "line \(line): \(reason)" }
    }

    /// Parses every record; a trailing newline does not make an empty record.
    static func parse(_ bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ",")) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var i = 0
        let n = bytes.count
        var line = 1
        var start = 0
        if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        i = start
        var fieldStarted = false
        while i < n {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") && field.isEmpty && !fieldStarted {
                // Quoted field.
                i += 1
                var closed = false
                while i < n {
                    let q = bytes[i]
                    if q == UInt8(ascii: "\"") {
                        if i + 1 < n, bytes[i + 1] == UInt8(ascii: "\"") {
                            field.append(q)
                            i += 2
                            continue
                        }
                        closed = true
                        i += 1
                        break
                    }
                    if q == 0x0A { line += 1 }
                    field.append(q)
                    i += 1
                }
                guard closed else { throw ParseError(line: line, reason: "unterminated quoted field") }
                fieldStarted = true
                if i < n, bytes[i] != delimiter, bytes[i] != 0x0A, bytes[i] != 0x0D {
                    throw ParseError(line: line, reason: "unexpected character after a closing quote")
                }
                continue
            }
            if c == delimiter {
                record.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                fieldStarted = false
                i += 1
                continue
            }
            if c == 0x0A || c == 0x0D {
                record.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                fieldStarted = false
                records.append(record)
                record = []
                if c == 0x0D, i + 1 < n, bytes[i + 1] == 0x0A { i += 1 }
                i += 1
                line += 1
                continue
            }
            field.append(c)
            i += 1
        }
        if !field.isEmpty || !record.isEmpty || fieldStarted {
            record.append(String(decoding: field, as: UTF8.self))
            records.append(record)
        }
        return records
    }
}
