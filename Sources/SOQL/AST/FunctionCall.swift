/// A non-aggregate function over a field: `toLabel(Status)`, `FORMAT(Amount)`, `convertCurrency(Amount)`,
/// `CALENDAR_YEAR(CreatedDate)`, `DAY_ONLY(CreatedDate)`.
///
/// The parser accepts any name; evaluators decide which they support. Equality ignores `position`.
public struct FunctionCall: Sendable, Hashable, CustomStringConvertible {
    /// The function name as written.
    public var name: String
    /// The field the function applies to.
    public var argument: FieldPath
    /// The alias written after the call.
    public var alias: String?
    /// Where the function name starts.
    public var position: SourcePosition

    /// Creates a function call.
    public init(name: String, argument: FieldPath, alias: String? = nil, position: SourcePosition = SourcePosition()) {
        self.name = name
        self.argument = argument
        self.alias = alias
        self.position = position
    }

    /// `toLabel(Status)` without the alias.
    public var description: String { "\(name)(\(argument))" }

    public static func == (lhs: FunctionCall, rhs: FunctionCall) -> Bool {
        lhs.name.lowercased() == rhs.name.lowercased() && lhs.argument == rhs.argument && lhs.alias == rhs.alias
    }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(name.lowercased())
        hasher.combine(argument)
        hasher.combine(alias)
    }
}
