import RecordFiles

/// Opens import input (a CSV file, "-" for standard input, gzip recognised by its magic bytes) as a RecordFiles
/// `CSVReader` positioned after the header.
///
/// A row with the wrong number of cells is reported for that row (`INVALID_ROW`, and the row goes to the error
/// file) instead of stopping the whole validation or load. A quoting error (an unclosed or stray quote), invalid
/// UTF-8 or an unreadable file stops the run with a `RecordFileError` naming the file, record, line and column:
/// past a quoting error the row boundaries themselves cannot be trusted.
public enum InputOpener {
    /// The read options for import input.
    public static func options(delimiter: CSVDelimiter = .comma, encoding: TextEncoding = .utf8) -> CSVReadOptions {
        var options = CSVReadOptions(delimiter: delimiter, hasHeader: true, encoding: encoding, lenient: false)
        options.acceptsAnyFieldCount = true
        return options
    }

    /// Opens `path` and reads its header.
    /// - Throws: `DataImportError` (`.input`) naming the file when it cannot be opened or has no header row.
    public static func reader(path: String, options: CSVReadOptions = options()) throws -> CSVReader {
        let reader: CSVReader
        do {
            reader = try CSVReader(path: path, options: options)
        } catch {
            throw DataImportError(.input, "\(error)")
        }
        return try checked(reader)
    }

    /// Reads CSV held in memory (Bulk API result files, tests).
    /// - Throws: `DataImportError` (`.input`) when the bytes have no header row or a malformed one.
    public static func reader(bytes: [UInt8], name: String, options: CSVReadOptions = options()) throws -> CSVReader {
        let reader: CSVReader
        do {
            reader = try CSVReader(source: MemorySource(bytes), options: options, name: name)
        } catch {
            throw DataImportError(.input, "\(error)")
        }
        return try checked(reader)
    }

    private static func checked(_ reader: CSVReader) throws -> CSVReader {
        guard let header = reader.header, !header.isEmpty else {
            throw DataImportError(.input, "\(reader.name): the file is empty; a header row is required")
        }
        return reader
    }
}

extension CSVReader {
    /// The header, which `InputOpener` guarantees is present.
    var columns: [String] { header ?? [] }

    /// The data-row number (1 = the first row after the header) of a record.
    @inline(__always)
    static func dataRow(_ record: CSVRecordView) -> Int { record.number - 1 }
}
