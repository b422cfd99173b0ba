/// Counts CSV records in a byte stream without parsing fields: a line break ends a record only outside
/// quotes. Used by the Bulk passthrough path, which must check its row count but never re-encodes.
struct CSVRowCounter {
    private(set) var inQuotes = false
    private(set) var rows = 0
    /// Bytes seen since the last record terminator (a final row without a line break still counts).
    private(set) var pendingBytes = false

    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) {
        var quoted = inQuotes
        var count = rows
        var pending = pendingBytes
        for b in bytes {
            if b == 0x22 {
                quoted.toggle()
                pending = true
            } else if b == 0x0A && !quoted {
                count += 1
                pending = false
            } else if b != 0x0D || quoted {
                pending = true
            }
        }
        inQuotes = quoted
        rows = count
        pendingBytes = pending
    }

    /// Records seen, counting an unterminated last one.
    var total: Int { rows + (pendingBytes ? 1 : 0) }
}
