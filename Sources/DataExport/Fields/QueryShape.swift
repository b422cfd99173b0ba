import SOQL

/// What the export engine needs to know about a SOQL statement: its output columns, the object it reads,
/// and the clauses that decide which API can run it.
///
/// Read with the `SOQL` module's parser, the same one sfsim evaluates queries with: a statement it cannot
/// read is refused before any request is sent. Field and object names are not checked here (the server does
/// that and its error is passed on verbatim).
public struct QueryShape: Sendable, Equatable {
    /// Output columns in select-list order.
    public var columns: [ExportColumn]
    /// The object named in the outer FROM.
    public var objectName: String
    /// `SELECT COUNT() FROM ...`.
    public var isCountQuery: Bool
    /// The query aggregates (GROUP BY or an aggregate function); Bulk API 2.0 cannot run it.
    public var isAggregate: Bool
    /// The query has OFFSET or TYPEOF, which Bulk API 2.0 cannot run.
    public var hasBulkUnsupportedClause: Bool
    /// The query has a LIMIT clause.
    public var hasLimit: Bool
    /// The original text.
    public var text: String
    /// `SELECT COUNT()` over the same rows (FROM, WHERE and WITH kept; ORDER BY, LIMIT and OFFSET dropped).
    public var countQuery: String
    /// The parsed statement.
    public var query: SOQLQuery

    /// Whether the query has a parent-to-child subquery.
    public var hasSubquery: Bool { columns.contains { $0.kind == .subquery } }

    /// Whether Bulk API 2.0 can run this query.
    public var bulkCompatible: Bool { !hasSubquery && !isAggregate && !isCountQuery && !hasBulkUnsupportedClause }

    /// Reads a SOQL statement.
    /// - Throws: `ExportError` (usage) when the statement does not parse, or selects `FIELDS(...)` (whose
    ///   columns only describe knows: use `--object X --fields all`).
    public init(_ soql: String) throws {
        let query: SOQLQuery
        do {
            query = try SOQLQuery(parsing: soql)
        } catch {
            throw ExportError.usage("the query cannot be read (\(error)); correct it and run the export again: \(soql)")
        }
        self.query = query
        text = soql
        objectName = query.object
        isCountQuery = query.isCountOnly
        countQuery = query.countQuery().description
        hasLimit = query.limit != nil

        var columns: [ExportColumn] = []
        var aggregate = !query.groupBy.isEmpty
        var typeOf = false
        var expressionNumber = 0
        for item in query.selectItems {
            switch item {
            case .field(let path):
                var segments = path.removingAlias(query.alias).segments
                // `SELECT Account.Name FROM Account` names the queried object itself.
                if segments.count > 1 && segments[0].lowercased() == query.object.lowercased() {
                    segments.removeFirst()
                }
                columns.append(ExportColumn(header: segments.joined(separator: "."), path: segments, kind: .field))
            case .aggregate(let call):
                if query.isCountOnly { continue }
                aggregate = true
                let key: String
                if let alias = call.alias {
                    key = alias
                } else {
                    key = "expr\(expressionNumber)"
                    expressionNumber += 1
                }
                columns.append(ExportColumn(header: key, path: [key], kind: .expression))
            case .function(let call):
                // toLabel(x), convertCurrency(x), FORMAT(x): the value comes back keyed by the alias or the
                // field's own name.
                let argument = call.argument.removingAlias(query.alias)
                columns.append(
                    ExportColumn(
                        header: call.alias ?? argument.description, path: [call.alias ?? argument.fieldName],
                        kind: .expression))
            case .subquery(let subquery):
                columns.append(ExportColumn(header: subquery.object, path: [subquery.object], kind: .subquery))
            case .typeOf(let clause):
                typeOf = true
                let relationship = clause.relationship.removingAlias(query.alias)
                columns.append(
                    ExportColumn(header: relationship.description, path: relationship.segments, kind: .expression))
            case .fields(let selector, _):
                throw ExportError.usage(
                    "FIELDS(\(selector.rawValue)) in --query has columns only describe knows; use --object \(query.object) --fields all instead")
            }
        }
        if aggregate {
            // Grouped fields come back keyed by their last component (`Account.Name` -> `Name`).
            for index in columns.indices where columns[index].kind == .field {
                columns[index].path = [columns[index].path.last ?? columns[index].header]
            }
        }
        self.columns = columns
        isAggregate = aggregate
        hasBulkUnsupportedClause = query.offset != nil || typeOf
    }

    /// The statement with `condition` ANDed onto its WHERE clause (or as a new WHERE clause), rendered by
    /// the SOQL module.
    /// - Throws: `ExportError` (usage) when `condition` does not parse.
    public func addingCondition(_ condition: String) throws -> String {
        let parsed: Condition
        do {
            parsed = try Condition.parse(condition)
        } catch {
            throw ExportError.usage("the condition cannot be read (\(error)): \(condition)")
        }
        return query.addingCondition(parsed).description
    }

    public static func == (lhs: QueryShape, rhs: QueryShape) -> Bool {
        lhs.text == rhs.text && lhs.columns == rhs.columns
    }
}
