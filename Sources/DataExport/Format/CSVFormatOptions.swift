/// How CSV output is written: the user's `--delimiter`, `--line-ending`, `--null-value` and `--bom`.
public struct CSVFormatOptions: Sendable, Equatable {
    /// Line ending written after each row.
    public enum LineEnding: String, Sendable, CaseIterable, Codable {
        case lf
        case crlf

        var bytes: [UInt8] { self == .lf ? [0x0A] : [0x0D, 0x0A] }
        /// The name Bulk API 2.0 uses in a job's `lineEnding`.
        var bulkName: String { self == .lf ? "LF" : "CRLF" }
    }

    /// Field separator, one ASCII byte.
    public var delimiter: UInt8 = UInt8(ascii: ",")
    public var lineEnding: LineEnding = .lf
    /// Text written for a null value (empty by default).
    public var nullValue: [UInt8] = []
    /// Write a UTF-8 byte order mark first (for spreadsheet programs).
    public var byteOrderMark = false

    public init(
        delimiter: UInt8 = UInt8(ascii: ","), lineEnding: LineEnding = .lf, nullValue: [UInt8] = [],
        byteOrderMark: Bool = false
    ) {
        self.delimiter = delimiter
        self.lineEnding = lineEnding
        self.nullValue = nullValue
        self.byteOrderMark = byteOrderMark
    }

    /// Parses a `--delimiter` argument: one ASCII character, or `tab`, `comma`, `semicolon`, `pipe`,
    /// `caret`, `backquote`.
    /// - Throws: `ExportError` (usage) for anything else, including quotes and line breaks.
    public static func delimiter(named text: String) throws -> UInt8 {
        let names: [String: UInt8] = [
            "tab": 0x09, "\\t": 0x09, "\t": 0x09, "comma": 0x2C, "semicolon": 0x3B, "pipe": 0x7C,
            "caret": 0x5E, "backquote": 0x60,
        ]
        if let byte = names[text.lowercased()] { return byte }
        let bytes = Array(text.utf8)
        guard bytes.count == 1, bytes[0] < 0x80, bytes[0] != 0x22, bytes[0] != 0x0A, bytes[0] != 0x0D else {
            throw ExportError.usage(
                "--delimiter '\(text)' is not usable; give one ASCII character other than a quote or line break, or tab, comma, semicolon, pipe, caret, backquote")
        }
        return bytes[0]
    }

    /// The Bulk API 2.0 `columnDelimiter` name for this delimiter, when Bulk can produce it directly.
    var bulkDelimiterName: String? {
        switch delimiter {
        case 0x2C: return "COMMA"
        case 0x09: return "TAB"
        case 0x3B: return "SEMICOLON"
        case 0x7C: return "PIPE"
        case 0x5E: return "CARET"
        case 0x60: return "BACKQUOTE"
        default: return nil
        }
    }
}
