/// The line ending of Bulk API 2.0 CSV.
public enum LineEnding: String, Sendable, Codable, CaseIterable {
    case lf = "LF", crlf = "CRLF"
}
