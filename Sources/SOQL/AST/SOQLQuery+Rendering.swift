extension SOQLQuery: CustomStringConvertible {
    /// The query as SOQL text: keywords upper-case, names as written, literals re-escaped.
    ///
    /// Parsing the rendered text gives an equal query.
    public var description: String {
        var out = "SELECT " + selectItems.map(\.soql).joined(separator: ", ") + " FROM " + object
        if let alias { out += " " + alias }
        if let whereCondition { out += " WHERE " + whereCondition.soql(nested: false) }
        if let withClause { out += " WITH " + withClause }
        if !groupBy.isEmpty { out += " GROUP BY " + groupBy.map(\.description).joined(separator: ", ") }
        if let having { out += " HAVING " + having.soql(nested: false) }
        if !orderBy.isEmpty { out += " ORDER BY " + orderBy.map(\.soql).joined(separator: ", ") }
        if let limit { out += " LIMIT \(limit)" }
        if let offset { out += " OFFSET \(offset)" }
        if let forClause { out += " FOR " + forClause }
        if allRows { out += " ALL ROWS" }
        return out
    }
}

extension SelectItem {
    /// The item as SOQL text.
    public var soql: String {
        switch self {
        case .field(let path): return path.description
        case .aggregate(let call): return call.description + (call.alias.map { " " + $0 } ?? "")
        case .function(let call): return call.description + (call.alias.map { " " + $0 } ?? "")
        case .subquery(let query): return "(" + query.description + ")"
        case .fields(let selector, _): return "FIELDS(\(selector.rawValue))"
        case .typeOf(let clause):
            var out = "TYPEOF " + clause.relationship.description
            for branch in clause.branches {
                out += " WHEN \(branch.objectType) THEN " + branch.fields.map(\.description).joined(separator: ", ")
            }
            if !clause.elseFields.isEmpty {
                out += " ELSE " + clause.elseFields.map(\.description).joined(separator: ", ")
            }
            return out + " END"
        }
    }
}

extension OrderItem {
    /// The key as SOQL text.
    public var soql: String {
        var out: String
        switch key {
        case .field(let path): out = path.description
        case .aggregate(let call): out = call.description
        case .function(let call): out = call.description
        }
        if let direction { out += " " + direction.rawValue }
        if let nulls { out += " NULLS " + nulls.rawValue }
        return out
    }
}

extension Condition: CustomStringConvertible {
    /// The condition as SOQL text.
    public var description: String { soql(nested: false) }

    func soql(nested: Bool) -> String {
        switch self {
        case .and(let items):
            let text = items.map { $0.soql(nested: true) }.joined(separator: " AND ")
            return nested ? "(" + text + ")" : text
        case .or(let items):
            let text = items.map { $0.soql(nested: true) }.joined(separator: " OR ")
            return nested ? "(" + text + ")" : text
        case .not(let inner):
            // NOT binds to the following simple condition; parenthesise compound ones.
            return "NOT " + inner.soql(nested: true)
        case .predicate(let predicate):
            return predicate.description
        }
    }
}

extension Predicate: CustomStringConvertible {
    /// `Name LIKE 'A%'`.
    public var description: String { "\(operand) \(comparison.rawValue) \(value)" }
}
