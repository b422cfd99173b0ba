/// A line ending for written CSV.
public enum LineEnding: Sendable {
    case lf
    case crlf
}
