/// What the export engine needs to know about a SOQL statement: its output columns, the object it reads,
/// and the clauses that decide which API can run it.
///
/// This is a deliberately small reader of the select list and clause keywords; it does not validate
/// the query (the server does that and its error is passed on verbatim).
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
    /// Offset in the text where a condition can be added: the end of the WHERE clause or, without
    /// one, the end of the FROM clause.
    var conditionInsertionPoint: String.Index
    /// Whether the statement already has a WHERE clause.
    var hasWhere: Bool
    /// The original text.
    public var text: String
    /// `SELECT COUNT()` over the same rows (FROM and WHERE kept; ORDER BY, LIMIT and OFFSET dropped).
    public var countQuery: String

    /// Whether the query has a parent-to-child subquery.
    public var hasSubquery: Bool { columns.contains { $0.kind == .subquery } }

    /// Whether Bulk API 2.0 can run this query.
    public var bulkCompatible: Bool { !hasSubquery && !isAggregate && !isCountQuery && !hasBulkUnsupportedClause }

    static let aggregateFunctions: Set<String> = ["count", "count_distinct", "sum", "avg", "min", "max"]

    /// Reads a SOQL statement.
    /// - Throws: `ExportError` (usage) when there is no `SELECT ... FROM object`.
    public init(_ soql: String) throws {
        text = soql
        let tokens = SOQLTokenizer.tokens(soql)
        guard let first = tokens.first, first.isWord("select") else {
            throw ExportError.usage("the query must start with SELECT: \(soql)")
        }
        // Split the select list into items at top-level commas, up to the top-level FROM.
        var items: [[SOQLTokenizer.Token]] = [[]]
        var depth = 0
        var index = 1
        var fromIndex: Int?
        while index < tokens.count {
            let token = tokens[index]
            if token.text == "(" { depth += 1 }
            if token.text == ")" { depth -= 1 }
            if depth == 0 && token.isWord("from") {
                fromIndex = index
                break
            }
            if depth == 0 && token.text == "," { items.append([]) } else { items[items.count - 1].append(token) }
            index += 1
        }
        guard let fromIndex, fromIndex + 1 < tokens.count, tokens[fromIndex + 1].kind == .word else {
            throw ExportError.usage("the query has no 'FROM <object>': \(soql)")
        }
        objectName = tokens[fromIndex + 1].text
        var cursor = fromIndex + 2
        var alias: String?
        let clauseWords: Set<String> = [
            "where", "group", "order", "limit", "offset", "having", "with", "for", "using", "update",
        ]
        if cursor < tokens.count, tokens[cursor].kind == .word, !clauseWords.contains(tokens[cursor].lowered) {
            alias = tokens[cursor].text
            cursor += 1
        }
        // Clause keywords at depth 0 after FROM.
        var grouped = false
        var offset = false
        var limit = false
        var whereFound = false
        var insertion = cursor < tokens.count ? tokens[cursor].range.lowerBound : soql.endIndex
        if cursor >= tokens.count { insertion = soql.endIndex }
        else { insertion = tokens[cursor - 1].range.upperBound }
        depth = 0
        var inWhere = false
        var countEnd = soql.endIndex
        for position in cursor..<tokens.count {
            let token = tokens[position]
            if token.text == "(" { depth += 1 }
            if token.text == ")" { depth -= 1 }
            guard depth == 0, token.kind == .word else {
                if inWhere { insertion = token.range.upperBound }
                continue
            }
            switch token.lowered {
            case "where":
                whereFound = true
                inWhere = true
            case "group", "order", "limit", "offset", "having", "with", "for", "using", "update":
                if token.lowered == "group" { grouped = true }
                if token.lowered == "offset" { offset = true }
                if token.lowered == "limit" { limit = true }
                if ["order", "limit", "offset", "for", "update"].contains(token.lowered) && countEnd == soql.endIndex {
                    countEnd = token.range.lowerBound
                }
                inWhere = false
            default:
                break
            }
            if inWhere { insertion = token.range.upperBound }
        }
        hasWhere = whereFound
        countQuery = "SELECT COUNT() " + String(soql[tokens[fromIndex].range.lowerBound..<countEnd]).trimmingCharacters()
        conditionInsertionPoint = insertion
        hasLimit = limit

        var columns: [ExportColumn] = []
        var aggregate = grouped
        var count = false
        var typeOf = false
        var expressionNumber = 0
        for item in items {
            guard let head = item.first else {
                throw ExportError.usage("the select list has an empty item: \(soql)")
            }
            if head.text == "(" {
                // (SELECT ... FROM Relationship ...)
                guard let from = item.firstIndex(where: { $0.isWord("from") }), from + 1 < item.count else {
                    throw ExportError.usage("a subquery in the select list has no FROM: \(soql)")
                }
                let relationship = item[from + 1].text
                columns.append(ExportColumn(header: relationship, path: [relationship], kind: .subquery))
            } else if head.isWord("typeof") {
                typeOf = true
                columns.append(ExportColumn(header: head.text, path: [head.text], kind: .expression))
            } else if item.count >= 2, item[1].text == "(" {
                let function = head.lowered
                let close = item.lastIndex(where: { $0.text == ")" }) ?? item.count - 1
                let aliasToken = close + 1 < item.count ? item[close + 1].text : nil
                if function == "count" && close == 2 && aliasToken == nil && items.count == 1 {
                    count = true
                    continue
                }
                if Self.aggregateFunctions.contains(function) {
                    aggregate = true
                    let key: String
                    if let aliasToken { key = aliasToken } else {
                        key = "expr\(expressionNumber)"
                        expressionNumber += 1
                    }
                    columns.append(ExportColumn(header: key, path: [key], kind: .expression))
                } else {
                    // toLabel(x), convertCurrency(x), FORMAT(x): keyed by alias or the field name.
                    let inner = item.count > 2 ? item[2].text : head.text
                    let key = aliasToken ?? String(inner.split(separator: ".").last ?? Substring(inner))
                    columns.append(ExportColumn(header: aliasToken ?? inner, path: [key], kind: .expression))
                }
            } else {
                var parts = head.text.split(separator: ".").map(String.init)
                if parts.count > 1,
                    let firstPart = parts.first?.lowercased(),
                    firstPart == alias?.lowercased() || firstPart == objectName.lowercased()
                {
                    parts.removeFirst()
                }
                columns.append(ExportColumn(header: parts.joined(separator: "."), path: parts, kind: .field))
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
        isCountQuery = count
        hasBulkUnsupportedClause = offset || typeOf
    }

    /// The statement with `condition` added to its WHERE clause (or a new WHERE clause).
    public func addingCondition(_ condition: String) -> String {
        var result = text
        if hasWhere {
            // Wrap the existing condition so OR inside it cannot escape the new AND.
            guard let whereRange = Self.whereKeywordRange(in: text) else { return text }
            let existing = text[whereRange.upperBound..<conditionInsertionPoint]
            result = String(text[..<whereRange.upperBound]) + " (" + existing.trimmingSpaces() + ") AND " + condition
                + String(text[conditionInsertionPoint...])
        } else {
            result = String(text[..<conditionInsertionPoint]) + " WHERE " + condition
                + String(text[conditionInsertionPoint...])
        }
        return result
    }

    private static func whereKeywordRange(in text: String) -> Range<String.Index>? {
        var depth = 0
        var afterFrom = false
        for token in SOQLTokenizer.tokens(text) {
            if token.text == "(" { depth += 1 }
            if token.text == ")" { depth -= 1 }
            if depth == 0 && token.isWord("from") { afterFrom = true }
            if depth == 0 && afterFrom && token.isWord("where") { return token.range }
        }
        return nil
    }
}

extension String {
    func trimmingCharacters() -> String { String(Substring(self).trimmingSpaces()) }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var slice = self
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return slice
    }
}
