/// Writes stored values straight from a row's packed bytes as Bulk CSV cells: always quoted, quotes doubled,
/// nulls `""`, datetimes `…000Z` — the same output as `Row.appendCSV`, without a closure, bounds checks or
/// array bookkeeping per byte. This is the inner loop of Bulk query results.
enum CSVValueWriter {
    /// Upper bound of the bytes one row's cells can take: text may double, other values fit in 48 bytes.
    @inline(__always)
    static func bound(_ row: Row, columns: Int) -> Int { row.bytes.count * 2 + 48 * columns + 2 }

    /// Writes the cells `ordinals` of `row`, separated by `delimiter`. Relationship columns (-1) are written by
    /// `relationship(c)`. Room for `bound(row, columns:)` bytes must have been ensured.
    @inline(__always)
    static func writeRow(
        _ row: Row, _ ordinals: UnsafeBufferPointer<Int>, delimiter: UInt8, to out: ByteOutput,
        relationship: (Int) -> Void
    ) {
        row.bytes.withUnsafeBufferPointer { b in
            for c in 0..<ordinals.count {
                if c > 0 { out.put(delimiter) }
                let ordinal = ordinals[c]
                if ordinal < 0 {
                    relationship(c)
                } else {
                    writeCell(b, ordinal, to: out)
                }
            }
        }
    }

    /// Writes one quoted cell from a row's bytes.
    @inline(__always)
    static func writeCell(_ b: UnsafeBufferPointer<UInt8>, _ ordinal: Int, to out: ByteOutput) {
        let quote = UInt8(ascii: "\"")
        out.put(quote)
        if let p = position(b, ordinal) {
            switch Row.Tag(rawValue: b[p]) {
            case .text:
                let (length, start) = Row.readVarint(b, p + 1)
                let text = UnsafeBufferPointer(rebasing: b[start..<start + length])
                if text.contains(quote) {
                    for byte in text {
                        if byte == quote { out.put(quote) }
                        out.put(byte)
                    }
                } else {
                    out.put(text)
                }
            case .id:
                out.put(UnsafeBufferPointer(rebasing: b[p + 1..<p + 19]))
            case .int:
                writeInteger(Int64(bitPattern: Row.read64(b, p + 1)), to: out)
            case .double:
                let value = Double(bitPattern: Row.read64(b, p + 1))
                var text = value.description
                // Plain decimals go out as they are; exponent forms take Salesforce's `1.0E10` shape.
                if text.utf8.contains(UInt8(ascii: "e")) { text = ValueFormat.double(value) }
                text.withUTF8 { out.put($0) }
            case .boolFalse:
                for byte in "false".utf8 { out.put(byte) }
            case .boolTrue:
                for byte in "true".utf8 { out.put(byte) }
            case .date:
                writeDate(Int64(Int32(bitPattern: UInt32(truncatingIfNeeded: Row.read32(b, p + 1)))), to: out)
            case .dateTime:
                writeDateTime(Int64(bitPattern: Row.read64(b, p + 1)), to: out)
            case nil:
                break
            }
        }
        out.put(quote)
    }

    /// Byte position of the value at `ordinal` in a row's bytes, or nil for null (the layout of `Row`).
    @inline(__always)
    static func position(_ b: UnsafeBufferPointer<UInt8>, _ ordinal: Int) -> Int? {
        let count = Int(b[0]) | Int(b[1]) << 8
        guard ordinal >= 0, ordinal < count else { return nil }
        let width = Int(b[2])
        let total = Int(b[3]) | Int(b[4]) << 8
        let byteIndex = ordinal >> 3
        let bit = UInt8(1) << UInt8(ordinal & 7)
        let here = b[5 + byteIndex]
        guard here & bit != 0 else { return nil }
        var before = (here & (bit &- 1)).nonzeroBitCount
        var i = 0
        while i < byteIndex {
            before += b[5 + i].nonzeroBitCount
            i += 1
        }
        let offsetsStart = 5 + ((count + 7) >> 3)
        let o = offsetsStart + before * width
        var offset = Int(b[o]) | Int(b[o + 1]) << 8
        if width == 4 { offset |= Int(b[o + 2]) << 16 | Int(b[o + 3]) << 24 }
        return offsetsStart + total * width + offset
    }

    @inline(__always)
    static func writeInteger(_ value: Int64, to out: ByteOutput) {
        if value < 0 { out.put(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits = 1
        var probe = magnitude
        while probe >= 10 {
            probe /= 10
            digits += 1
        }
        // Digits are written right to left in place.
        var index = out.count + digits - 1
        for _ in 0..<digits {
            out.base[index] = UInt8(48 + magnitude % 10)
            magnitude /= 10
            index -= 1
        }
        out.count += digits
    }

    @inline(__always)
    static func two(_ value: Int, to out: ByteOutput) {
        out.put(UInt8(48 + (value / 10) % 10))
        out.put(UInt8(48 + value % 10))
    }

    static func writeDate(_ days: Int64, to out: ByteOutput) {
        let (year, month, day) = ValueFormat.civil(days: days)
        let y = Int(year)
        out.put(UInt8(48 + (y / 1000) % 10))
        out.put(UInt8(48 + (y / 100) % 10))
        two(y % 100, to: out)
        out.put(UInt8(ascii: "-"))
        two(Int(month), to: out)
        out.put(UInt8(ascii: "-"))
        two(Int(day), to: out)
    }

    static func writeDateTime(_ millis: Int64, to out: ByteOutput) {
        var days = millis / 86_400_000
        var rest = millis % 86_400_000
        if rest < 0 {
            rest += 86_400_000
            days -= 1
        }
        writeDate(days, to: out)
        out.put(UInt8(ascii: "T"))
        let seconds = Int(rest / 1000)
        two(seconds / 3600, to: out)
        out.put(UInt8(ascii: ":"))
        two((seconds / 60) % 60, to: out)
        out.put(UInt8(ascii: ":"))
        two(seconds % 60, to: out)
        out.put(UInt8(ascii: "."))
        let ms = Int(rest % 1000)
        out.put(UInt8(48 + ms / 100))
        two(ms % 100, to: out)
        out.put(UInt8(ascii: "Z"))
    }
}
