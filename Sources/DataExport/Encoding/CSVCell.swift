/// Writes one CSV cell: quoted only when the value holds the delimiter, a quote or a line break,
/// with quotes doubled (RFC 4180).
enum CSVCell {
    /// Appends `value[range]` as a cell.
    @inline(__always)
    static func append(_ value: UnsafeBufferPointer<UInt8>, delimiter: UInt8, to out: inout [UInt8]) {
        var needsQuotes = false
        for b in value where b == delimiter || b == 0x22 || b == 0x0A || b == 0x0D {
            needsQuotes = true
            break
        }
        if !needsQuotes {
            out.append(contentsOf: value)
            return
        }
        out.append(0x22)
        for b in value {
            if b == 0x22 { out.append(0x22) }
            out.append(b)
        }
        out.append(0x22)
    }

    static func append(_ value: [UInt8], delimiter: UInt8, to out: inout [UInt8]) {
        value.withUnsafeBufferPointer { append($0, delimiter: delimiter, to: &out) }
    }

    static func append(_ value: [UInt8], _ range: Range<Int>, delimiter: UInt8, to out: inout [UInt8]) {
        value.withUnsafeBufferPointer { buffer in
            append(UnsafeBufferPointer(rebasing: buffer[range]), delimiter: delimiter, to: &out)
        }
    }
}
