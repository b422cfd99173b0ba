import FieldMapping

/// Checks one scanned row against a bound mapping: cell count, every converter, and (for keyed operations)
/// duplicate keys within the file.
struct RowChecker {
    let bound: BoundMapping
    var duplicates: DuplicateKeyIndex?

    init(bound: BoundMapping) {
        self.bound = bound
        let keyed = bound.compiled.operation == .upsert || bound.compiled.operation.isDestructive
            || bound.compiled.operation == .update
        duplicates = keyed && bound.keyBinding != nil
            ? DuplicateKeyIndex(caseSensitive: bound.compiled.keyIsCaseSensitive) : nil
    }

    /// Calls `report` for each problem of the current row; returns the number found.
    @inline(__always)
    mutating func check(_ scanner: CSVRowScanner, row: Int, report: (RowProblem) -> Void) -> Int {
        var found = 0
        if scanner.cellCount != bound.header.count {
            found += 1
            report(
                RowProblem(
                    row: row, line: scanner.line, column: nil, field: nil, code: "INVALID_ROW",
                    message:
                        "the row has \(scanner.cellCount) cells but the header has \(bound.header.count); check quoting and delimiters"
                ))
            return found
        }
        for binding in bound.bindings {
            if let failure = binding.column.converter.check(scanner.cell(binding.cellIndex)) {
                found += 1
                report(problem(failure, binding, scanner, row))
            }
        }
        if let keyIndex = bound.keyBinding, duplicates != nil {
            let binding = bound.bindings[keyIndex]
            let key = scanner.cell(binding.cellIndex)
            if !key.isEmpty, let earlier = duplicates?.insert(key, row: row) {
                found += 1
                report(
                    RowProblem(
                        row: row, line: scanner.line, column: binding.column.column,
                        field: binding.column.target.fieldName, code: "DUPLICATE_VALUE",
                        message:
                            "key '\(scanner.string(binding.cellIndex))' also appears on row \(earlier); a key may appear once per load"
                    ))
            }
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
