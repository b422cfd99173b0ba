/// One stored value, decoded from a `Row`.
///
/// Dates and datetimes are numbers (days / milliseconds since 1970-01-01 UTC) so they sort and
/// compare without parsing; `ValueFormat` renders them as Salesforce does.
public enum FieldValue: Sendable, Hashable {
    case null
    case text(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)
    /// An 18-character record Id (id and reference fields).
    case id(String)
    /// Days since 1970-01-01.
    case date(Int32)
    /// Milliseconds since 1970-01-01T00:00:00Z.
    case dateTime(Int64)

    public var isNull: Bool { if case .null = self { return true }; return false }

    /// The value as REST JSON renders it inside a string, or nil for null (text of numbers, `true`, dates).
    public var text: String? {
        switch self {
        case .null: return nil
        case let .text(s): return s
        case let .int(i): return String(i)
        case let .double(d): return ValueFormat.double(d)
        case let .bool(b): return b ? "true" : "false"
        case let .id(s): return s
        case let .date(d): return ValueFormat.date(d)
        case let .dateTime(ms): return ValueFormat.dateTime(ms)
        }
    }
}
