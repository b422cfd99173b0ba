extension SOQLQuery {
    /// True for `SELECT COUNT() FROM ...`, whose result is only `totalSize`.
    public var isCountOnly: Bool {
        selectItems.count == 1 && { if case .aggregate(let call) = selectItems[0] { call.isCountAll } else { false } }()
    }

    /// True when the SELECT list or HAVING holds an aggregate, or the query groups (an AggregateResult query).
    public var isAggregate: Bool {
        if !groupBy.isEmpty { return true }
        return selectItems.contains { if case .aggregate(let call) = $0 { !call.isCountAll } else { false } }
    }

    /// The parent-to-child subqueries in the SELECT list.
    public var subqueries: [SOQLQuery] {
        selectItems.compactMap { if case .subquery(let query) = $0 { query } else { nil } }
    }

    /// True when the SELECT list holds `FIELDS(...)`, whose columns only describe can tell.
    public var usesFieldsFunction: Bool {
        selectItems.contains { if case .fields = $0 { true } else { false } }
    }

    /// The result column names in SELECT order, as Salesforce names them in Bulk CSV headers and REST keys:
    /// field paths dotted without the FROM alias (`Account.Owner.Name`), aggregates by alias or `expr0`, `expr1`, …
    /// (counting unaliased aggregates only), functions by alias or field path, subqueries by relationship name.
    ///
    /// `nil` when the list holds `FIELDS(...)` or `TYPEOF`, whose columns depend on describe or on the data.
    public var columnNames: [String]? {
        var names: [String] = []
        var expression = 0
        for item in selectItems {
            switch item {
            case .field(let path):
                names.append(path.removingAlias(alias).description)
            case .aggregate(let call):
                if let name = call.alias {
                    names.append(name)
                } else {
                    names.append("expr\(expression)")
                    expression += 1
                }
            case .function(let call):
                names.append(call.alias ?? call.argument.removingAlias(alias).description)
            case .subquery(let query):
                names.append(query.object)
            case .fields, .typeOf:
                return nil
            }
        }
        return names
    }
}
