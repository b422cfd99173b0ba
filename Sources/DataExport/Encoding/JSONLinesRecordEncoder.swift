/// Writes REST records as JSON Lines: one object per line, `attributes` dropped unless kept, parents as
/// nested objects (or dotted keys when flattening) and subqueries as arrays of child records.
final class JSONLinesRecordEncoder: RecordEncoder {
    private let columns: [ExportColumn]
    private let keys: ColumnKeys
    private let flatten: Bool
    private let writer: JSONValueWriter
    private let headerKeys: [[UInt8]]

    init(columns: [ExportColumn], keepAttributes: Bool, flatten: Bool) {
        self.columns = columns
        self.keys = ColumnKeys(columns)
        self.flatten = flatten
        self.writer = JSONValueWriter(keepAttributes: keepAttributes)
        self.headerKeys = columns.map { JSONText.quoted($0.header) + [0x3A] }
    }

    func preamble() -> [UInt8] { [] }

    func encode(_ document: JSONDocument, record: Int, into out: inout [UInt8]) throws {
        if !flatten {
            writer.writeValue(document, record, into: &out)
            out.append(0x0A)
            return
        }
        out.append(0x7B)
        for index in 0..<columns.count {
            if index > 0 { out.append(0x2C) }
            out.append(contentsOf: headerKeys[index])
            guard let node = document.resolve(record, keys.keys[index]) else {
                if columns[index].kind == .subquery {
                    out.append(contentsOf: [0x5B, 0x5D])
                } else {
                    out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
                }
                continue
            }
            if columns[index].kind == .subquery {
                writer.writeChildRecords(document, node, into: &out)
            } else {
                writer.writeValue(document, node, into: &out)
            }
        }
        out.append(0x7D)
        out.append(0x0A)
    }
}
