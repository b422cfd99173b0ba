import FieldMapping

/// Bulk CSV cells for a record: its values in target order, `#N/A` for null, empty for omitted.
enum BulkCSV {
    static func cells(_ record: ImportRecord, targets: [WireTarget]) -> [String] {
        if targets == [.field("Id")], let key = record.key { return [key] }
        var cells = [String](repeating: "", count: targets.count)
        for (target, value) in record.values {
            if let index = targets.firstIndex(of: target) { cells[index] = value.bulkText }
        }
        return cells
    }

    static func appendRow(_ cells: [String], to buffer: inout [UInt8]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            CSVLineWriter.appendCell(cell, to: &buffer)
        }
        buffer.append(10)
    }

}
