/// A Bulk API 2.0 ingest operation.
public enum BulkOperation: String, Sendable, Codable, CaseIterable {
    case insert, update, upsert, delete, hardDelete
}

/// The column delimiter of Bulk API 2.0 CSV.
public enum ColumnDelimiter: String, Sendable, Codable, CaseIterable {
    case comma = "COMMA", tab = "TAB", semicolon = "SEMICOLON", pipe = "PIPE", caret = "CARET",
        backquote = "BACKQUOTE"

    /// The delimiter byte.
    public var byte: UInt8 {
        switch self {
        case .comma: return UInt8(ascii: ",")
        case .tab: return UInt8(ascii: "\t")
        case .semicolon: return UInt8(ascii: ";")
        case .pipe: return UInt8(ascii: "|")
        case .caret: return UInt8(ascii: "^")
        case .backquote: return UInt8(ascii: "`")
        }
    }
}

/// The line ending of Bulk API 2.0 CSV.
public enum LineEnding: String, Sendable, Codable, CaseIterable {
    case lf = "LF", crlf = "CRLF"
}

/// Which result file of an ingest job to read.
public enum IngestResultKind: String, Sendable, CaseIterable {
    /// Rows saved (`sf__Id`, `sf__Created`, original columns).
    case successful = "successfulResults"
    /// Rows rejected (`sf__Id`, `sf__Error`, original columns).
    case failed = "failedResults"
    /// Rows never processed (original columns only), e.g. after an abort.
    case unprocessed = "unprocessedrecords"
}
