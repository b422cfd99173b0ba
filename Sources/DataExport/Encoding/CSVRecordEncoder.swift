/// Writes REST records as CSV rows in select-list order.
///
/// Every column is always written: a null parent anywhere on a relationship path gives the null value,
/// never a missing or shifted cell. Strings are copied as bytes (decoded only when they contain
/// escapes), numbers keep their exact text without exponent, booleans are `true`/`false`.
final class CSVRecordEncoder: RecordEncoder {
    private let columns: [ExportColumn]
    private let keys: ColumnKeys
    private let options: CSVFormatOptions
    private let subqueryAsJSON: Bool
    private var scratch: [UInt8] = []
    private let jsonWriter: JSONValueWriter
    /// Copies of `options`' byte strings, kept so the per-row path allocates nothing (`LineEnding.bytes`
    /// builds an array each time it is read).
    private let lineEnding: [UInt8]
    private let nullValue: [UInt8]

    /// - Throws: `ExportError` (usage) when the columns include a subquery and `subqueryAsJSON` is off.
    init(columns: [ExportColumn], options: CSVFormatOptions, subqueryAsJSON: Bool) throws {
        if !subqueryAsJSON, let sub = columns.first(where: { $0.kind == .subquery }) {
            throw ExportError.usage(
                "the subquery '\(sub.header)' cannot go into CSV columns; write JSON Lines (.jsonl) or pass --subquery-as-json to put each record's children as JSON in one cell")
        }
        self.columns = columns
        self.keys = ColumnKeys(columns)
        self.options = options
        self.subqueryAsJSON = subqueryAsJSON
        self.jsonWriter = JSONValueWriter(keepAttributes: false)
        self.lineEnding = options.lineEnding.bytes
        self.nullValue = options.nullValue
        scratch.reserveCapacity(4096)
    }

    func preamble() -> [UInt8] {
        var out: [UInt8] = options.byteOrderMark ? [0xEF, 0xBB, 0xBF] : []
        for (index, column) in columns.enumerated() {
            if index > 0 { out.append(options.delimiter) }
            CSVCell.append(Array(column.header.utf8), delimiter: options.delimiter, to: &out)
        }
        out.append(contentsOf: options.lineEnding.bytes)
        return out
    }

    func encode(_ document: JSONDocument, record: Int, into out: inout [UInt8]) throws {
        // Locals, and one buffer over the page for the whole row: reading class properties and re-entering
        // `withUnsafeBufferPointer` per cell cost a retain/release pair each, a tenth of the REST CPU.
        let delimiter = options.delimiter
        let keys = self.keys.keys
        let nullValue = self.nullValue
        var hint = document.nodes[record].firstChild
        document.bytes.withUnsafeBufferPointer { page in
            for index in 0..<keys.count {
                if index > 0 { out.append(delimiter) }
                guard let node = document.resolve(record, keys[index], hint: &hint) else {
                    out.append(contentsOf: nullValue)
                    continue
                }
                let n = document.nodes[node]
                switch n.kind {
                case .null:
                    out.append(contentsOf: nullValue)
                case .string:
                    if n.escaped {
                        scratch.removeAll(keepingCapacity: true)
                        document.appendDecodedString(node, to: &scratch)
                        CSVCell.append(scratch, delimiter: delimiter, to: &out)
                    } else {
                        CSVCell.append(UnsafeBufferPointer(rebasing: page[n.start..<n.end]), delimiter: delimiter, to: &out)
                    }
                case .number:
                    PlainNumber.append(document.bytes, n.start..<n.end, to: &out)
                case .trueValue:
                    out.append(contentsOf: [0x74, 0x72, 0x75, 0x65])
                case .falseValue:
                    out.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])
                case .object, .array:
                    // A subquery (with --subquery-as-json) or a compound address/location value: JSON in one cell.
                    scratch.removeAll(keepingCapacity: true)
                    if columns[index].kind == .subquery || document.isQueryResult(node) {
                        jsonWriter.writeChildRecords(document, node, into: &scratch)
                    } else {
                        jsonWriter.writeValue(document, node, into: &scratch)
                    }
                    CSVCell.append(scratch, delimiter: delimiter, to: &out)
                }
            }
        }
        out.append(contentsOf: lineEnding)
    }
}
