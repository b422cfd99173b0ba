/// How a Bulk CSV value (always text) is written to JSON Lines, from the field's describe type.
public enum ValueKind: Sendable, Equatable {
    /// A JSON string.
    case text
    /// A JSON number (int, double, currency, percent).
    case number
    /// `true` / `false`.
    case boolean
}
