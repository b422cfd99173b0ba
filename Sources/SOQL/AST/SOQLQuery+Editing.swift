extension SOQLQuery {
    /// The same query with `condition` ANDed onto its WHERE clause (or as its WHERE clause when it has none).
    ///
    /// Used for incremental exports: `query.addingCondition(try .parse("SystemModstamp >= 2024-01-01T00:00:00Z"))`.
    public func addingCondition(_ condition: Condition) -> SOQLQuery {
        var copy = self
        if let existing = whereCondition {
            copy.whereCondition = .and([existing, condition])
        } else {
            copy.whereCondition = condition
        }
        return copy
    }

    /// `SELECT COUNT() FROM <object> [WHERE ...]`: the row count of this query's filter, keeping its WHERE,
    /// WITH and ALL ROWS and dropping ordering, grouping, LIMIT and OFFSET.
    public func countQuery() -> SOQLQuery {
        SOQLQuery(
            selectItems: [.aggregate(AggregateCall(.count, nil))], object: object, objectPosition: objectPosition,
            alias: alias, whereCondition: whereCondition, withClause: withClause, allRows: allRows)
    }
}

extension Condition {
    /// Parses a condition on its own, as written after WHERE: `Name LIKE 'A%' AND CreatedDate = TODAY`.
    /// - Throws: `SOQLError` (`MALFORMED_QUERY`) with positions relative to `text`.
    public static func parse(_ text: String) throws(SOQLError) -> Condition {
        var parser = try Parser(text)
        return try parser.parseStandaloneCondition()
    }
}
