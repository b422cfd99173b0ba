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
