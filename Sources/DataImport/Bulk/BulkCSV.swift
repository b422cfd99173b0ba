import FieldMapping

/// Bulk CSV cells for a record: its values in target order, `#N/A` for null, empty for omitted.
enum BulkCSV {
    static func cells(_ record: ImportRecord, targets: [WireTarget]) -> [String] {
        if targets == [.field("Id")], let key = record.key { return [key] }
        var cells = [String](repeating: "", count: targets.count)
        // Values come in target order with omitted ones left out: search on from the last match.
        var next = 0
        for (target, value) in record.values {
            var index = next
            while index < targets.count, targets[index] != target { index += 1 }
            if index == targets.count { index = targets.firstIndex(of: target) ?? -1 }
            guard index >= 0 else { continue }
            cells[index] = value.bulkText
            next = index + 1
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
