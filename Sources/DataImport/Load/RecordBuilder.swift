import FieldMapping
import RecordFiles

/// Converts a scanned row into an `ImportRecord`, or into the problems that keep it from being sent.
struct RecordBuilder {
    let bound: BoundMapping
    /// Input cells echoed into result files (the `sf__` columns of a retried error file are dropped).
    let echoColumns: [Int]
    /// Cell holding the original row number when retrying an error file.
    let rowNumberColumn: Int?

    init(bound: BoundMapping) {
        self.bound = bound
        echoColumns = bound.header.indices.filter { !bound.header[$0].hasPrefix("sf__") }
        rowNumberColumn = bound.header.firstIndex(of: "sf__Row")
    }

    var echoHeader: [String] { echoColumns.map { bound.header[$0] } }

    func rowNumber(_ record: CSVRecordView, counted: Int) -> Int {
        guard let column = rowNumberColumn, column < record.count, let row = Int(record.string(at: column)) else {
            return counted
        }
        return row
    }

    /// The echoed cells of a record, CSV-encoded.
    func echo(_ record: CSVRecordView) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(echoColumns.count * 16)
        for (position, column) in echoColumns.enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            CSVLineWriter.appendCell(bytes: record[column], to: &bytes)
        }
        return bytes
    }

    /// The record, or the `CODE:message` error cell of its first problems.
    func build(_ record: CSVRecordView, row: Int, echo: [UInt8]) -> Result<ImportRecord, RowProblem> {
        if record.count != bound.header.count {
            return .failure(
                RowProblem(
                    row: row, line: record.line, column: nil, field: nil, code: "INVALID_ROW",
                    message: "the row has \(record.count) cells but the header has \(bound.header.count)"))
        }
        var values: [(target: WireTarget, value: WireValue)] = []
        values.reserveCapacity(bound.bindings.count + bound.compiled.constants.count)
        var problems: [RowProblem] = []
        var key: String?
        for (index, binding) in bound.bindings.enumerated() {
            switch binding.column.converter.convert(record[binding.cellIndex]) {
            case .success(let value):
                if index == bound.keyBinding, case .text(let text) = value { key = text }
                if value != .omit { values.append((binding.column.target, value)) }
            case .failure(let failure):
                problems.append(
                    RowProblem(
                        row: row, line: record.line, column: binding.column.column,
                        field: binding.column.target.fieldName, code: failure.code, message: failure.message))
            }
        }
        if let first = problems.first {
            var combined = first
            if problems.count > 1 {
                combined.message += problems.dropFirst().map { "; \($0.code):\($0.message)" }.joined()
            }
            return .failure(combined)
        }
        for constant in bound.compiled.constants where constant.value != .omit {
            values.append((constant.target, constant.value))
        }
        return .success(ImportRecord(row: row, echo: echo, values: values, key: key))
    }
}
