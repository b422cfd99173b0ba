/// A WHERE or HAVING condition.
///
/// SOQL never mixes AND and OR at one level without parentheses, so `.and` and `.or` hold flat lists and nesting
/// always means parentheses.
public indirect enum Condition: Sendable, Hashable {
    /// All must hold.
    case and([Condition])
    /// Any must hold.
    case or([Condition])
    /// `NOT <condition>`.
    case not(Condition)
    /// A single comparison.
    case predicate(Predicate)

    /// `lhs AND rhs`, flattening when `lhs` is already an AND.
    public static func && (lhs: Condition, rhs: Condition) -> Condition {
        if case .and(let items) = lhs { return .and(items + [rhs]) }
        return .and([lhs, rhs])
    }

    /// Every predicate in the condition, depth first.
    public var predicates: [Predicate] {
        switch self {
        case .and(let items), .or(let items): items.flatMap(\.predicates)
        case .not(let inner): inner.predicates
        case .predicate(let predicate): [predicate]
        }
    }
}

/// `operand operator value`, e.g. `Name LIKE 'Acme%'`, `Id IN (SELECT AccountId FROM Contact)`.
public struct Predicate: Sendable, Hashable {
    /// What the left side is.
    public enum Operand: Sendable, Hashable, CustomStringConvertible {
        case field(FieldPath)
        /// An aggregate, in HAVING.
        case aggregate(AggregateCall)
        /// A date function or similar, e.g. `CALENDAR_YEAR(CreatedDate)`.
        case function(FunctionCall)

        /// The operand as written.
        public var description: String {
            switch self {
            case .field(let path): path.description
            case .aggregate(let call): call.description
            case .function(let call): call.description
            }
        }

        /// Where the operand starts in the query.
        public var position: SourcePosition {
            switch self {
            case .field(let path): path.position
            case .aggregate(let call): call.position
            case .function(let call): call.position
            }
        }
    }

    /// The left side.
    public var operand: Operand
    /// The operator.
    public var comparison: ComparisonOperator
    /// The right side.
    public var value: Value

    /// Creates a predicate.
    public init(_ operand: Operand, _ comparison: ComparisonOperator, _ value: Value) {
        self.operand = operand
        self.comparison = comparison
        self.value = value
    }
}

/// The comparison operators of SOQL.
public enum ComparisonOperator: String, Sendable, Hashable, CaseIterable {
    case equals = "="
    case notEquals = "!="
    case lessThan = "<"
    case lessOrEqual = "<="
    case greaterThan = ">"
    case greaterOrEqual = ">="
    case like = "LIKE"
    case `in` = "IN"
    case notIn = "NOT IN"
    case includes = "INCLUDES"
    case excludes = "EXCLUDES"
}
