import RecordFiles

/// The rows of one ingest job while it is built, uploaded and reconciled, kept on disk instead of in memory: the
/// upload CSV (header first) and, line for line, each row's number and input cells for the result files. Memory
/// per job is then one `Int` a row, whatever the job's size, so several jobs can run at once within a flat
/// memory budget.
///
/// `@unchecked Sendable`: a chunk is filled by one task and then handed to exactly one job task; it is never
/// touched by two at once.
final class BulkJobChunk: @unchecked Sendable {
    private let upload: SpoolFile
    private let echo: SpoolFile
    /// Input row numbers in upload order (for the run journal).
    private(set) var rows: [Int] = []

    /// Starts a chunk whose upload begins with `header` (the Bulk CSV header line).
    init(header: [UInt8]) throws {
        upload = try SpoolFile(purpose: "upload", bufferBytes: 256 << 10)
        echo = try SpoolFile(purpose: "rows", bufferBytes: 256 << 10)
        try upload.append(header)
        // The echo file gets a header too, so it reads back through the same CSV reader as any input.
        try echo.append { BulkCSV.appendRow(["sf__Row"], to: &$0) }
    }

    var count: Int { rows.count }
    var uploadBytes: Int { upload.byteCount }
    var uploadPath: String { upload.path }

    /// Adds a row: its Bulk CSV line (newline included) and the cells echoed into the result files.
    func add(line: [UInt8], row: Int, cells: [String]) throws {
        try upload.append(line)
        try echo.append { buffer in
            CSVLineWriter.appendCell(String(row), to: &buffer)
            for cell in cells {
                buffer.append(UInt8(ascii: ","))
                CSVLineWriter.appendCell(cell, to: &buffer)
            }
            buffer.append(10)
        }
        rows.append(row)
    }

    /// Writes out what is buffered; the upload file is then complete.
    func finish() throws {
        try upload.finish()
        try echo.finish()
    }

    /// Deletes both files (idempotent).
    func remove() {
        upload.remove()
        echo.remove()
    }

    /// Visits every row in upload order with its uploaded cells, row number and echoed input cells.
    func forEachRow(_ body: (_ uploaded: [String], _ row: Int, _ cells: [String]) throws -> Void) throws {
        let uploaded = try CSVReader(source: try InputFile.open(upload.path), options: Self.readOptions, name: "the Bulk upload")
        let echoed = try CSVReader(source: try InputFile.open(echo.path), options: Self.readOptions, name: "the Bulk row list")
        while let cells = try uploaded.readRow() {
            guard var echo = try echoed.readRow(), let row = Int(echo.first ?? "") else {
                throw DataImportError(.output, "the Bulk row list ended before the upload; the temporary folder may be full")
            }
            echo.removeFirst()
            try body(cells, row, echo)
        }
    }

    /// Line for line what `BulkCSV` writes: comma-separated, quoted where needed, any field count per row.
    private static var readOptions: CSVReadOptions {
        var options = CSVReadOptions(delimiter: .comma, hasHeader: true, encoding: .utf8, lenient: false)
        options.acceptsAnyFieldCount = true
        return options
    }
}
