/// One item of a SELECT list, in the order written.
public indirect enum SelectItem: Sendable, Hashable {
    /// A field or child-to-parent path: `Name`, `Account.Owner.Name`.
    case field(FieldPath)
    /// An aggregate: `COUNT(Id)`, `SUM(Amount) total`, `COUNT()`.
    case aggregate(AggregateCall)
    /// A function over a field: `toLabel(Status)`, `FORMAT(Amount) amt`.
    case function(FunctionCall)
    /// A parent-to-child subquery: `(SELECT LastName FROM Contacts)`; its FROM names the child relationship.
    case subquery(SOQLQuery)
    /// `FIELDS(ALL | STANDARD | CUSTOM)`, expanded by whoever knows the describe.
    case fields(FieldsSelector, position: SourcePosition)
    /// A `TYPEOF ... END` clause for polymorphic relationships.
    case typeOf(TypeOfClause)
}
