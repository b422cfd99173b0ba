/// Every failure of the record layer: malformed CSV or JSON, a file that cannot be read or written, damaged gzip.
///
/// The `description` is one sentence naming the file, record, physical line, column or field, and what to do.
public struct RecordFileError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The class of failure.
    public enum Kind: Sendable, Equatable {
        /// A quoted field that never closes before the end of the input.
        case unterminatedQuote
        /// A quote inside an unquoted field, or a closing quote followed by something other than a delimiter or
        /// line break.
        case strayQuote
        /// A record with a different number of fields than the header (or the first record).
        case wrongFieldCount(expected: Int, found: Int)
        /// Bytes that are not UTF-8 in an input read as UTF-8.
        case invalidUTF8
        /// A single record larger than `CSVReadOptions.maxRecordBytes` (usually an unterminated quote).
        case recordTooLarge(limit: Int)
        /// Text that is not valid JSON.
        case invalidJSON
        /// A gzip input that is truncated, corrupt or not gzip.
        case compression(GzipError.Kind)
        /// The operating system refused an open, read, write, sync or rename.
        case io(errno: Int32)
        /// A writer used after `finish()`/`commit()`, or an option out of range.
        case misuse
    }

    /// The class of failure.
    public let kind: Kind
    /// The file the failure is about ("-" for standard input or output), if known.
    public var file: String?
    /// The 1-based record number (the header is record 1), if the failure is about a record.
    public var record: Int?
    /// The 1-based physical line (line breaks inside quoted fields count), if known.
    public var line: Int?
    /// The 1-based byte column within that line, if known.
    public var column: Int?
    /// The 1-based field number within the record, if known.
    public var field: Int?
    /// What exactly was found, in words.
    public let detail: String

    public init(
        _ kind: Kind, _ detail: String, file: String? = nil, record: Int? = nil, line: Int? = nil,
        column: Int? = nil, field: Int? = nil
    ) {
        self.kind = kind
        self.detail = detail
        self.file = file
        self.record = record
        self.line = line
        self.column = column
        self.field = field
    }

    public var description: String {
        var place: [String] = []
        if let record { place.append("record \(record)") }
        if let line { place.append("line \(line)") }
        if let column { place.append("column \(column)") }
        if let field { place.append("field \(field)") }
        var text = file ?? ""
        if !place.isEmpty { text += (text.isEmpty ? "" : ": ") + place.joined(separator: ", ") }
        if !text.isEmpty { text += ": " }
        return text + detail + advice
    }

    private var advice: String {
        switch kind {
        case .unterminatedQuote:
            return "; close the quoted field, or double any quote inside it"
        case .strayQuote:
            return "; quote the whole field and double the quotes inside it (\"\"), or fix the quoting"
        case .wrongFieldCount:
            return "; fix the row, or read with the lenient option to accept ragged rows"
        case .invalidUTF8:
            return "; save the file as UTF-8, or read it with encoding windows-1252 or iso-8859-1"
        case .recordTooLarge:
            return "; look for an unclosed quote above this point, or raise the record size limit"
        case .invalidJSON, .compression, .io, .misuse:
            return ""
        }
    }
}

extension RecordFileError {
    static func io(_ code: Int32, _ action: String, file: String) -> RecordFileError {
        RecordFileError(.io(errno: code), "cannot \(action): \(POSIX.message(code))", file: file)
    }

    static func wrapping(_ error: GzipError, file: String) -> RecordFileError {
        RecordFileError(.compression(error.kind), error.description, file: file)
    }
}
