/// A parsed SOQL SELECT statement.
///
/// Build one with `SOQLQuery(parsing:)`, inspect its parts, change them, and render it back with `description`.
/// Names keep the case written; positions point into the original text for error messages.
public struct SOQLQuery: Sendable, Hashable {
    /// The SELECT list in the order written.
    public var selectItems: [SelectItem]
    /// The object (or, in a subquery, the child relationship) after FROM, as written.
    public var object: String
    /// Where the FROM name starts.
    public var objectPosition: SourcePosition
    /// The alias after the FROM name (`FROM Contact c`).
    public var alias: String?
    /// The WHERE condition.
    public var whereCondition: Condition?
    /// `WITH SECURITY_ENFORCED` / `WITH USER_MODE` etc., as written after WITH (accepted, not interpreted).
    public var withClause: String?
    /// GROUP BY fields.
    public var groupBy: [FieldPath]
    /// The HAVING condition.
    public var having: Condition?
    /// ORDER BY keys in order.
    public var orderBy: [OrderItem]
    /// LIMIT.
    public var limit: Int?
    /// OFFSET.
    public var offset: Int?
    /// `FOR VIEW`, `FOR REFERENCE` or `FOR UPDATE`, upper-cased (accepted, not interpreted).
    public var forClause: String?
    /// `ALL ROWS` (Apex syntax; accepted so queries copied from Apex parse).
    public var allRows: Bool

    /// Creates a query from parts.
    public init(
        selectItems: [SelectItem], object: String, objectPosition: SourcePosition = SourcePosition(),
        alias: String? = nil, whereCondition: Condition? = nil, withClause: String? = nil, groupBy: [FieldPath] = [],
        having: Condition? = nil, orderBy: [OrderItem] = [], limit: Int? = nil, offset: Int? = nil,
        forClause: String? = nil, allRows: Bool = false
    ) {
        self.selectItems = selectItems
        self.object = object
        self.objectPosition = objectPosition
        self.alias = alias
        self.whereCondition = whereCondition
        self.withClause = withClause
        self.groupBy = groupBy
        self.having = having
        self.orderBy = orderBy
        self.limit = limit
        self.offset = offset
        self.forClause = forClause
        self.allRows = allRows
    }

    /// Parses SOQL text.
    /// - Throws: `SOQLError` with code `MALFORMED_QUERY` and the position of the offending token.
    public init(parsing text: String) throws(SOQLError) {
        var parser = try Parser(text)
        self = try parser.parseStatement()
    }

    public static func == (lhs: SOQLQuery, rhs: SOQLQuery) -> Bool {
        lhs.selectItems == rhs.selectItems && lhs.object == rhs.object && lhs.alias == rhs.alias
            && lhs.whereCondition == rhs.whereCondition && lhs.withClause == rhs.withClause
            && lhs.groupBy == rhs.groupBy && lhs.having == rhs.having && lhs.orderBy == rhs.orderBy
            && lhs.limit == rhs.limit && lhs.offset == rhs.offset && lhs.forClause == rhs.forClause
            && lhs.allRows == rhs.allRows
    }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(selectItems)
        hasher.combine(object)
        hasher.combine(whereCondition)
    }
}
