/// A converted cell, ready for either wire format.
///
/// REST (sObject Collections) sends `.number` and `.bool` as JSON literals and `.null` as `null`, and leaves
/// `.omit` out of the record; Bulk API 2.0 CSV writes every value as text, `.null` as `#N/A` and `.omit` as an
/// empty cell.
public enum WireValue: Sendable, Hashable {
    case omit
    case null
    case text(String)
    case number(String)
    case bool(Bool)

    /// The value as a Bulk API 2.0 CSV cell.
    public var bulkText: String {
        switch self {
        case .omit: return ""
        case .null: return "#N/A"
        case .text(let text), .number(let text): return text
        case .bool(let value): return value ? "true" : "false"
        }
    }
}
