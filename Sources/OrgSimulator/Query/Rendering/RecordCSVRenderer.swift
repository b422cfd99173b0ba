/// Writes Bulk API 2.0 query results as CSV: a header row of canonical dotted column names on every page,
/// every value quoted, nulls as `""`, datetimes as `…000Z`.
///
/// Writes bytes directly (no per-field String) so a page of 100k+ rows renders at memory speed.
/// Call inside `OrgStore.read`.
struct RecordCSVRenderer {
    let result: QueryResult
    let columns: [FlatColumn]
    let delimiter: UInt8
    let lineEnding: [UInt8]

    /// Appends the header row.
    func appendHeader(to out: inout [UInt8]) {
        for (i, column) in columns.enumerated() {
            if i > 0 { out.append(delimiter) }
            out.append(UInt8(ascii: "\""))
            for byte in column.header.utf8 {
                if byte == UInt8(ascii: "\"") { out.append(byte) }
                out.append(byte)
            }
            out.append(UInt8(ascii: "\""))
        }
        out.append(contentsOf: lineEnding)
    }

    /// Appends the rows `range` of the result.
    func appendRows(_ range: Range<Int>, to out: inout [UInt8]) {
        let buffer = ByteOutput(capacity: max(1024, range.count * 64))
        appendRows(range, to: buffer)
        out.append(contentsOf: UnsafeBufferPointer(start: buffer.base, count: buffer.count))
    }

    /// Appends the rows `range` of the result to a byte buffer (the fast path of Bulk results pages).
    func appendRows(_ range: Range<Int>, to out: ByteOutput) {
        let table = result.plan.table
        // Direct columns as plain ordinals (-1 for relationship columns): no struct copies per value.
        let ordinals = columns.map { $0.accessor.hops.isEmpty ? $0.accessor.ordinal : -1 }
        let accessors = columns.map(\.accessor)
        let delimiter = self.delimiter
        let quote = UInt8(ascii: "\"")
        ordinals.withUnsafeBufferPointer { ordinals in
            lineEnding.withUnsafeBufferPointer { lineEnding in
                result.slots.withUnsafeBufferPointer { slots in
                    for i in range {
                        guard let row = table.row(at: Int(slots[i])) else { continue }
                        out.ensure(CSVValueWriter.bound(row, columns: ordinals.count) + lineEnding.count)
                        CSVValueWriter.writeRow(row, ordinals, delimiter: delimiter, to: out) { c in
                            if let (target, ordinal) = accessors[c].locate(row) {
                                out.ensure(CSVValueWriter.bound(target, columns: 1))
                                target.bytes.withUnsafeBufferPointer { CSVValueWriter.writeCell($0, ordinal, to: out) }
                            } else {
                                out.put(quote)
                                out.put(quote)
                            }
                        }
                        out.put(lineEnding)
                    }
                }
            }
        }
    }
}
