import FieldMapping
import RecordFiles

/// Checks one scanned row against a bound mapping: cell count, every converter, and (for keyed operations)
/// duplicate keys within the file.
struct RowChecker {
    let bound: BoundMapping
    var duplicates: DuplicateKeyIndex?
    /// Rows whose key hashed like an earlier row's, confirmed after the pass by `DuplicateKeyResolver`.
    var hits: [DuplicateKeyResolver.Hit] = []
    /// Converters and their cell indexes in flat arrays, compiled once per run and walked through pointers. The
    /// per-cell call still copies the converter it passes, which is why `CellConverter` keeps everything behind one
    /// reference: one retain and release per cell instead of about ten (its name, tables and patterns).
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

    /// Calls `report` for each problem of `record`; returns the number found.
    @inline(__always)
    mutating func check(_ record: CSVRecordView, row: Int, report: (RowProblem) -> Void) -> Int {
        let found = convert(record, row: row, report: report)
        if found >= 0 { noteKey(record, row: row, hadProblems: found > 0) }
        return abs(found)
    }

    /// The cell-count check and every converter, without the duplicate-key index: safe to run for different
    /// rows on several threads at once. Returns the number of problems, negated for a row with the wrong
    /// number of cells (whose key is not recorded).
    @inline(__always)
    func convert(_ record: CSVRecordView, row: Int, report: (RowProblem) -> Void) -> Int {
        let expected = bound.header.count
        if record.count != expected {
            report(
                RowProblem(
                    row: row, line: record.line, column: nil, field: nil, code: "INVALID_ROW",
                    message:
                        "the row has \(record.count) cells but the header has \(expected); check quoting and delimiters"
                ))
            return -1
        }
        var found = 0
        var failures: [(Int, ConversionFailure)] = []
        converters.withUnsafeBufferPointer { converters in
            cellIndexes.withUnsafeBufferPointer { indexes in
                for position in 0..<converters.count {
                    if let failure = converters[position].check(record[indexes[position]]) {
                        failures.append((position, failure))
                    }
                }
            }
        }
        for (position, failure) in failures {
            found += 1
            report(problem(failure, bound.bindings[position], record, row))
        }
        return found
    }

    /// Sizes the duplicate-key index for about `rows` rows.
    mutating func expectRows(_ rows: Int) { duplicates?.reserve(rows) }

    /// Whether rows of this mapping are checked for duplicate keys.
    var checksKeys: Bool { keyCell != nil && duplicates != nil }

    /// Records the row's key in the duplicate index (rows in file order); a probable repeat becomes a hit.
    @inline(__always)
    mutating func noteKey(_ record: CSVRecordView, row: Int, hadProblems: Bool) {
        guard let keyCell, duplicates != nil, record.count == bound.header.count else { return }
        let key = record[keyCell]
        if !key.isEmpty, let hash = duplicates?.insert(key) {
            hits.append(
                DuplicateKeyResolver.Hit(
                    row: row, line: record.line, hash: hash, key: record.string(at: keyCell), rowHadProblems: hadProblems))
        }
    }

    /// The resolver for this mapping's key column, when duplicate keys are checked.
    var resolver: DuplicateKeyResolver? {
        guard let keyCell, let duplicates else { return nil }
        return DuplicateKeyResolver(
            keyCell: keyCell, caseSensitive: duplicates.caseSensitive, cellCount: bound.header.count)
    }

    /// The `DUPLICATE_VALUE` problem of a confirmed duplicate.
    func duplicateProblem(_ hit: DuplicateKeyResolver.Hit, earlier: Int?) -> RowProblem? {
        guard let keyIndex = bound.keyBinding else { return nil }
        let binding = bound.bindings[keyIndex]
        let place = earlier.map { "row \($0)" } ?? "an earlier row"
        return RowProblem(
            row: hit.row, line: hit.line, column: binding.column.column, field: binding.column.target.fieldName,
            code: "DUPLICATE_VALUE", message: "key '\(hit.key)' also appears on \(place); a key may appear once per load")
    }

    func problem(_ failure: ConversionFailure, _ binding: BoundMapping.Binding, _ record: CSVRecordView, _ row: Int)
        -> RowProblem
    {
        RowProblem(
            row: row, line: record.line, column: binding.column.column, field: binding.column.target.fieldName,
            code: failure.code, message: failure.message)
    }
}

