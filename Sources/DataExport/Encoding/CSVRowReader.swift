/// A streaming CSV record reader for Bulk API result pages, fed in arbitrary chunks.
///
/// Each completed record is handed over as one byte buffer of decoded field contents plus the end
/// offset of each field, so the per-record cost is two reused arrays and no `String`.
struct CSVRowReader {
    let delimiter: UInt8
    private var field: [UInt8] = []
    private(set) var row: [UInt8] = []
    private(set) var ends: [Int] = []
    private var inQuotes = false
    private var quoteSeenInQuotes = false
    private var rowStarted = false

    init(delimiter: UInt8) {
        self.delimiter = delimiter
        row.reserveCapacity(4096)
        ends.reserveCapacity(64)
    }

    /// Feeds bytes; calls `onRow` for every record completed by them.
    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, onRow: (_ row: [UInt8], _ ends: [Int]) throws -> Void)
        rethrows
    {
        // Runs of ordinary bytes (inside quotes: anything but a quote; outside: anything but a quote,
        // delimiter or line break) are copied in one append instead of byte by byte.
        let count = bytes.count
        var i = 0
        while i < count {
            if inQuotes && !quoteSeenInQuotes {
                var j = i
                while j < count && bytes[j] != 0x22 { j += 1 }
                if j > i { row.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<j])) }
                if j < count { quoteSeenInQuotes = true }
                i = j + 1
                continue
            }
            let b = bytes[i]
            i += 1
            if inQuotes {
                // A quote was seen inside quotes: "" is a literal quote, anything else closes the field.
                quoteSeenInQuotes = false
                if b == 0x22 {
                    row.append(0x22)
                    continue
                }
                inQuotes = false
            }
            if b == 0x22 {
                inQuotes = true
                rowStarted = true
            } else if b == delimiter {
                ends.append(row.count)
                rowStarted = true
            } else if b == 0x0A {
                if rowStarted || !ends.isEmpty || !row.isEmpty {
                    ends.append(row.count)
                    try onRow(row, ends)
                }
                row.removeAll(keepingCapacity: true)
                ends.removeAll(keepingCapacity: true)
                rowStarted = false
            } else if b == 0x0D {
                continue
            } else {
                var j = i
                while j < count {
                    let c = bytes[j]
                    if c == 0x22 || c == delimiter || c == 0x0A || c == 0x0D { break }
                    j += 1
                }
                row.append(b)
                if j > i { row.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<j])) }
                i = j
                rowStarted = true
            }
        }
    }

    /// Completes a final record that had no line break.
    mutating func finish(onRow: (_ row: [UInt8], _ ends: [Int]) throws -> Void) rethrows {
        if quoteSeenInQuotes {
            quoteSeenInQuotes = false
            inQuotes = false
        }
        if rowStarted || !ends.isEmpty || !row.isEmpty {
            ends.append(row.count)
            try onRow(row, ends)
        }
        row.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        rowStarted = false
    }
}
