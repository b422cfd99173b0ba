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
