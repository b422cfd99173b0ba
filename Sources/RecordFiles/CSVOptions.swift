/// The field separator of a CSV file.
public enum CSVDelimiter: UInt8, Sendable, CaseIterable {
    case comma = 0x2C
    case semicolon = 0x3B
    case tab = 0x09
    case pipe = 0x7C

    /// Parses a user's spelling: `,` `;` `|` `tab` `\t` `comma` `semicolon` `pipe`.
    public init?(name: String) {
        switch name.lowercased() {
        case ",", "comma": self = .comma
        case ";", "semicolon": self = .semicolon
        case "\t", "\\t", "tab": self = .tab
        case "|", "pipe": self = .pipe
        default: return nil
        }
    }
}

/// A line ending for written CSV.
public enum LineEnding: Sendable {
    case lf
    case crlf
}

/// The character encoding of CSV input. Output is always UTF-8.
public enum TextEncoding: Sendable {
    case utf8
    /// Windows code page 1252 (Excel's "CSV" on Western-European Windows), converted to UTF-8 as read.
    case windows1252
    /// ISO-8859-1 (Latin-1), converted to UTF-8 as read.
    case iso8859_1

    /// Parses `utf-8`, `windows-1252`/`cp1252`, `iso-8859-1`/`latin1`.
    public init?(name: String) {
        switch String(name.lowercased().map { $0 == "_" ? "-" : $0 }) {
        case "utf-8", "utf8": self = .utf8
        case "windows-1252", "cp1252", "win1252": self = .windows1252
        case "iso-8859-1", "iso8859-1", "latin1", "latin-1": self = .iso8859_1
        default: return nil
        }
    }
}

/// How a `CSVReader` reads.
public struct CSVReadOptions: Sendable {
    /// The field separator.
    public var delimiter: CSVDelimiter = .comma
    /// Whether the first record is a header (its names become `CSVReader.header`).
    public var hasHeader = true
    /// The input encoding; non-UTF-8 input is converted to UTF-8.
    public var encoding: TextEncoding = .utf8
    /// Accept records whose field count differs from the header's (returned with their own count), and stray
    /// quotes (kept as data). Off by default: a ragged file is usually a broken export.
    public var lenient = false
    /// The largest single record accepted; bigger means an unclosed quote ran away, so stop with an error
    /// rather than read the rest of a 5 GB file into memory.
    public var maxRecordBytes = 64 << 20
    /// The input buffer size; memory stays at this plus the largest record.
    public var bufferSize = 256 << 10

    public init(
        delimiter: CSVDelimiter = .comma, hasHeader: Bool = true, encoding: TextEncoding = .utf8,
        lenient: Bool = false
    ) {
        self.delimiter = delimiter
        self.hasHeader = hasHeader
        self.encoding = encoding
        self.lenient = lenient
    }
}

/// How a `CSVWriter` writes.
public struct CSVWriteOptions: Sendable {
    /// The field separator.
    public var delimiter: CSVDelimiter = .comma
    /// LF (Salesforce Bulk API's default) or CRLF (RFC 4180, some Windows tools).
    public var lineEnding: LineEnding = .lf
    /// Start the file with a UTF-8 byte order mark, so Excel opens it as UTF-8.
    public var includeBOM = false
    /// Quote every field instead of only those that need it.
    public var quoteAll = false
    /// How many bytes to collect before writing to the sink.
    public var blockSize = 1 << 20

    public init(
        delimiter: CSVDelimiter = .comma, lineEnding: LineEnding = .lf, includeBOM: Bool = false,
        quoteAll: Bool = false
    ) {
        self.delimiter = delimiter
        self.lineEnding = lineEnding
        self.includeBOM = includeBOM
        self.quoteAll = quoteAll
    }
}
