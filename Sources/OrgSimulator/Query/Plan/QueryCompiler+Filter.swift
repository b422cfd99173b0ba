import SOQL

extension QueryCompiler {
    /// Compiles a WHERE condition over `table`.
    func compileFilter(_ condition: Condition, table: ObjectTable, alias: String?) throws -> RowFilter {
        switch condition {
        case .and(let items): return .all(try items.map { try compileFilter($0, table: table, alias: alias) })
        case .or(let items): return .any(try items.map { try compileFilter($0, table: table, alias: alias) })
        case .not(let inner): return .not(try compileFilter(inner, table: table, alias: alias))
        case .predicate(let predicate): return try compilePredicate(predicate, table: table, alias: alias)
        }
    }

    private func compilePredicate(_ predicate: Predicate, table: ObjectTable, alias: String?) throws -> RowFilter {
        guard case .field(let path) = predicate.operand else {
            throw error(
                .malformedQuery, "\(predicate.operand) is not supported in WHERE; filter on fields, or use HAVING",
                at: predicate.operand.position)
        }
        let accessor = try resolve(path, from: table, alias: alias)
        let field = accessor.field
        if !field.filterable || accessor.storage == .compound {
            throw error(.invalidField, "field '\(field.name)' can not be filtered in a query call", at: path.position)
        }
        let op = predicate.comparison
        let test: ValueTest
        switch predicate.value {
        case .null:
            guard op == .equals || op == .notEquals else {
                throw error(.malformedQuery, "invalid operator on null: \(op.rawValue)", at: path.position)
            }
            test = .isNull(op == .equals)
        case .subquery(let query):
            test = .textIn(try semiJoin(query, outer: field, at: path.position), negated: op == .notIn)
        case .list(let values):
            test = try listTest(op, values, field: field, at: path.position)
        default:
            test = try scalarTest(op, predicate.value, field: field, at: path.position)
        }
        return .test(accessor, test)
    }

    private func mismatch(_ field: FieldSchema, at position: SourcePosition) -> SOQLError {
        let (typeName, quoted): (String, Bool) =
            switch field.type.storage {
            case .text: ("string", true)
            case .id: ("id", true)
            case .int: ("integer", false)
            case .double: ("double", false)
            case .bool: ("boolean", false)
            case .date: ("date", false)
            case .dateTime: ("dateTime", false)
            case .compound: (field.type.rawValue, false)
            }
        return error(
            .invalidField,
            "value of filter criterion for field '\(field.name)' must be of type \(typeName) and should "
                + (quoted ? "be enclosed in quotes" : "not be enclosed in quotes"), at: position)
    }

    /// Lower-cased text for comparisons; Ids in their 18-character form.
    private func normalizedText(_ text: String, field: FieldSchema) -> String {
        if field.type.storage == .id, text.utf8.count == 15 { return RecordID.to18(text).lowercased() }
        return text.lowercased()
    }

    private func range(_ value: Value, field: FieldSchema, at position: SourcePosition) throws -> Range<Int64>? {
        switch (field.type.storage, value) {
        case (.date, .date(let date)):
            let day = Int64(date.daysSinceEpoch)
            return day..<(day + 1)
        case (.date, .relativeDate(let literal)):
            let days = literal.dayRange(today: today)
            return Int64(days.lowerBound)..<Int64(days.upperBound)
        case (.dateTime, .dateTime(let instant)):
            return instant.epochMilliseconds..<(instant.epochMilliseconds + 1)
        case (.dateTime, .relativeDate(let literal)):
            let days = literal.dayRange(today: today)
            return Int64(days.lowerBound) * 86_400_000..<Int64(days.upperBound) * 86_400_000
        case (.date, _), (.dateTime, _):
            throw mismatch(field, at: position)
        default:
            return nil
        }
    }

    private func scalarTest(_ op: ComparisonOperator, _ value: Value, field: FieldSchema, at position: SourcePosition)
        throws -> ValueTest
    {
        switch op {
        case .in, .notIn, .includes, .excludes:
            throw error(.malformedQuery, "\(op.rawValue) needs a parenthesised list", at: position)
        case .like:
            guard field.type.storage == .text || field.type.storage == .id else {
                throw error(.invalidQueryFilterOperator, "invalid operator on field '\(field.name)': LIKE applies to "
                    + "text fields only", at: position)
            }
            guard case .string(let pattern) = value else { throw mismatch(field, at: position) }
            return .like(LikePattern(pattern))
        default:
            break
        }
        switch field.type.storage {
        case .text, .id:
            guard case .string(let text) = value else { throw mismatch(field, at: position) }
            return .text(op, normalizedText(text, field: field))
        case .int, .double:
            guard case .number(let text) = value, let number = Double(text) else { throw mismatch(field, at: position) }
            return .number(op, number)
        case .bool:
            guard case .boolean(let flag) = value else { throw mismatch(field, at: position) }
            guard op == .equals || op == .notEquals else {
                throw error(.invalidQueryFilterOperator, "invalid operator on boolean field '\(field.name)'",
                            at: position)
            }
            return .bool(flag, negated: op == .notEquals)
        case .date, .dateTime:
            guard let range = try range(value, field: field, at: position) else { throw mismatch(field, at: position) }
            return .range(op, range)
        case .compound:
            throw error(.invalidField, "field '\(field.name)' can not be filtered in a query call", at: position)
        }
    }

    private func listTest(_ op: ComparisonOperator, _ values: [Value], field: FieldSchema, at position: SourcePosition)
        throws -> ValueTest
    {
        switch op {
        case .includes, .excludes:
            guard field.type == .multipicklist else {
                throw error(
                    .invalidQueryFilterOperator, "includes or excludes operator only valid on multipicklist field",
                    at: position)
            }
            let terms = try values.map { value -> [String] in
                guard case .string(let text) = value else { throw mismatch(field, at: position) }
                return text.lowercased().split(separator: ";").map { String($0).trimmingSpaces }
            }
            return .includes(terms, negated: op == .excludes)
        case .in, .notIn:
            let negated = op == .notIn
            switch field.type.storage {
            case .text, .id:
                let set = try Set(values.compactMap { value -> String? in
                    if case .null = value { return nil }
                    guard case .string(let text) = value else { throw mismatch(field, at: position) }
                    return normalizedText(text, field: field)
                })
                return .textIn(set, negated: negated)
            case .int, .double:
                let set = try Set(values.map { value -> Double in
                    guard case .number(let text) = value, let number = Double(text) else {
                        throw mismatch(field, at: position)
                    }
                    return number
                })
                return .numberIn(set, negated: negated)
            case .date, .dateTime:
                let ranges = try values.map { value -> Range<Int64> in
                    guard let range = try range(value, field: field, at: position) else {
                        throw mismatch(field, at: position)
                    }
                    return range
                }
                return .rangeIn(ranges, negated: negated)
            case .bool, .compound:
                throw error(.invalidQueryFilterOperator, "IN is not valid on field '\(field.name)'", at: position)
            }
        default:
            throw error(.malformedQuery, "unexpected token: '('", at: position)
        }
    }

    /// Runs `Field IN (SELECT IdField FROM Object WHERE ...)` and returns the lower-cased 18-character Ids selected.
    private func semiJoin(_ query: SOQLQuery, outer: FieldSchema, at position: SourcePosition) throws -> Set<String> {
        guard outer.type.storage == .id else {
            throw error(.invalidField, "semi join sub selects are only allowed on id and reference fields, not '"
                + outer.name + "'", at: position)
        }
        let inner = try table(named: query.object, at: query.objectPosition)
        guard query.selectItems.count == 1, case .field(let path) = query.selectItems[0] else {
            throw error(.malformedQuery, "semi join sub-selects must select exactly one Id or reference field",
                        at: query.objectPosition)
        }
        let accessor = try resolve(path, from: inner, alias: query.alias)
        guard accessor.storage == .id else {
            throw error(.invalidField, "semi join sub selects can only query id fields, cannot use: '"
                + accessor.field.name + "'", at: path.position)
        }
        for item in query.whereCondition?.predicates ?? [] {
            if case .subquery = item.value {
                throw error(.malformedQuery, "Nesting of semi join sub-selects is not supported",
                            at: item.operand.position)
            }
        }
        let filter = try query.whereCondition.map { try compileFilter($0, table: inner, alias: query.alias) }
        var ids = Set<String>()
        var remaining = query.limit ?? Int.max
        inner.forEachRow(includeRecycled: includeDeleted) { _, row in
            guard remaining > 0, filter?.matches(row) ?? true, let (target, ordinal) = accessor.locate(row) else {
                return
            }
            target.withTextBytes(at: ordinal) { bytes in
                if let bytes { ids.insert(String(decoding: bytes, as: UTF8.self).lowercased()) }
            }
            remaining -= 1
        }
        return ids
    }
}

extension String {
    /// The string without leading and trailing spaces.
    fileprivate var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
