/// An aggregate in the SELECT list, HAVING or ORDER BY: `COUNT(Id)`, `SUM(Amount) total`, or `COUNT()`.
///
/// Equality ignores `position`.
public struct AggregateCall: Sendable, Hashable, CustomStringConvertible {
    /// The function.
    public var function: AggregateFunction
    /// The field aggregated; `nil` only for `COUNT()`.
    public var argument: FieldPath?
    /// The alias written after the call, used verbatim as the result key.
    public var alias: String?
    /// Where the function name starts.
    public var position: SourcePosition

    /// Creates an aggregate call.
    public init(
        _ function: AggregateFunction, _ argument: FieldPath?, alias: String? = nil,
        position: SourcePosition = SourcePosition()
    ) {
        self.function = function
        self.argument = argument
        self.alias = alias
        self.position = position
    }

    /// True for `COUNT()`, which returns only a row count.
    public var isCountAll: Bool { function == .count && argument == nil }

    /// `SUM(Amount)` without the alias.
    public var description: String { "\(function.rawValue)(\(argument?.description ?? ""))" }

    public static func == (lhs: AggregateCall, rhs: AggregateCall) -> Bool {
        lhs.function == rhs.function && lhs.argument == rhs.argument && lhs.alias == rhs.alias
    }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(function)
        hasher.combine(argument)
        hasher.combine(alias)
    }
}
