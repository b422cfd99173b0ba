import FieldMapping

/// Checks one scanned row against a bound mapping: cell count, every converter, and (for keyed operations)
/// duplicate keys within the file.
struct RowChecker {
    let bound: BoundMapping
    var duplicates: DuplicateKeyIndex?
    /// Converters and their cell indexes in flat arrays, walked through pointers so that the per-row loop copies
    /// no structs (each copy would retain and release the converter's tables).
    private let converters: [CellConverter]
    private let cellIndexes: [Int]
    private let keyCell: Int?

    init(bound: BoundMapping) {
        self.bound = bound
        converters = bound.bindings.map(\.column.converter)
        cellIndexes = bound.bindings.map(\.cellIndex)
        keyCell = bound.keyBinding.map { bound.bindings[$0].cellIndex }
        let keyed = bound.compiled.operation == .upsert || bound.compiled.operation.isDestructive
            || bound.compiled.operation == .update
        duplicates = keyed && bound.keyBinding != nil
            ? DuplicateKeyIndex(caseSensitive: bound.compiled.keyIsCaseSensitive) : nil
    }

    /// Calls `report` for each problem of the current row; returns the number found.
    @inline(__always)
    mutating func check(_ scanner: CSVRowScanner, row: Int, report: (RowProblem) -> Void) -> Int {
        let expected = bound.header.count
        if scanner.cellCount != expected {
            report(
                RowProblem(
                    row: row, line: scanner.line, column: nil, field: nil, code: "INVALID_ROW",
                    message:
                        "the row has \(scanner.cellCount) cells but the header has \(expected); check quoting and delimiters"
                ))
            return 1
        }
        var found = 0
        var failures: [(Int, ConversionFailure)] = []
        var duplicateOf: Int?
        scanner.withCells { cells in
            converters.withUnsafeBufferPointer { converters in
                cellIndexes.withUnsafeBufferPointer { indexes in
                    for position in 0..<converters.count {
                        if let failure = converters[position].check(cells[indexes[position]]) {
                            failures.append((position, failure))
                        }
                    }
                }
            }
            if let keyCell, duplicates != nil {
                let key = cells[keyCell]
                if !key.isEmpty { duplicateOf = duplicates?.insert(key, row: row) }
            }
        }
        for (position, failure) in failures {
            found += 1
            report(problem(failure, bound.bindings[position], scanner, row))
        }
        if let earlier = duplicateOf, let keyIndex = bound.keyBinding {
            let binding = bound.bindings[keyIndex]
            found += 1
            report(
                RowProblem(
                    row: row, line: scanner.line, column: binding.column.column,
                    field: binding.column.target.fieldName, code: "DUPLICATE_VALUE",
                    message:
                        "key '\(scanner.string(binding.cellIndex))' also appears on row \(earlier); a key may appear once per load"
                ))
        }
        return found
    }

    func problem(_ failure: ConversionFailure, _ binding: BoundMapping.Binding, _ scanner: CSVRowScanner, _ row: Int)
        -> RowProblem
    {
        RowProblem(
            row: row, line: scanner.line, column: binding.column.column, field: binding.column.target.fieldName,
            code: failure.code, message: failure.message)
    }
}
