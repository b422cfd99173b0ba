/// One `ORDER BY` key.
public struct OrderItem: Sendable, Hashable {
    /// Sort direction.
    public enum Direction: String, Sendable, Hashable {
        case ascending = "ASC"
        case descending = "DESC"
    }

    /// Where nulls go.
    public enum Nulls: String, Sendable, Hashable {
        case first = "FIRST"
        case last = "LAST"
    }

    /// What to sort on: a field path, or an aggregate in grouped queries.
    public enum Key: Sendable, Hashable {
        case field(FieldPath)
        case aggregate(AggregateCall)
        case function(FunctionCall)
    }

    /// The sort key.
    public var key: Key
    /// The direction as written; `nil` means ascending (not written).
    public var direction: Direction?
    /// The nulls placement as written; `nil` means the default (see `effectiveNulls`).
    public var nulls: Nulls?

    /// Creates an ORDER BY key.
    public init(_ key: Key, direction: Direction? = nil, nulls: Nulls? = nil) {
        self.key = key
        self.direction = direction
        self.nulls = nulls
    }

    /// Whether the sort is descending.
    public var isDescending: Bool { direction == .descending }

    /// Where nulls go: Salesforce sorts nulls first by default, whatever the direction.
    public var effectiveNulls: Nulls { nulls ?? .first }
}
