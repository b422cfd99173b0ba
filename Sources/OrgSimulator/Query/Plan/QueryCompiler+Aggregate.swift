import SOQL

extension QueryCompiler {
    /// Compiles a GROUP BY / aggregate query.
    func compileAggregate(_ query: SOQLQuery, table: ObjectTable) throws -> AggregatePlan {
        let alias = query.alias
        var groups: [FieldAccessor] = []
        for path in query.groupBy {
            let accessor = try resolve(path, from: table, alias: alias)
            if !accessor.field.groupable && accessor.field.type.storage != .id {
                throw error(.malformedQuery, "field '\(accessor.field.name)' can not be grouped in a query call",
                            at: path.position)
            }
            groups.append(accessor)
        }
        var aggregates: [AggregatePlan.Aggregate] = []
        var aggregateKeys: [String] = []
        var outputs: [AggregatePlan.Output] = []
        var expression = 0

        func groupIndex(_ path: FieldPath) throws -> Int {
            let accessor = try resolve(path, from: table, alias: alias)
            guard let index = groups.firstIndex(where: { $0.canonicalPath.lowercased() == accessor.canonicalPath.lowercased() })
            else {
                throw error(.malformedQuery, "Field must be grouped or aggregated: \(accessor.field.name)",
                            at: path.position)
            }
            return index
        }

        func aggregateIndex(_ call: AggregateCall, reuse: Bool) throws -> Int {
            let accessor = try call.argument.map { try resolve($0, from: table, alias: alias) }
            if let accessor {
                let storage = accessor.field.type.storage
                let numeric = storage == .int || storage == .double
                switch call.function {
                case .sum where !numeric, .average where !numeric:
                    throw error(.malformedQuery,
                                "field \(accessor.field.name) does not support aggregate operator \(call.function.rawValue)",
                                at: call.position)
                case .minimum where storage == .bool || storage == .compound,
                    .maximum where storage == .bool || storage == .compound:
                    throw error(.malformedQuery,
                                "field \(accessor.field.name) does not support aggregate operator \(call.function.rawValue)",
                                at: call.position)
                default: break
                }
            }
            let identity = "\(call.function.rawValue)(\(accessor?.canonicalPath.lowercased() ?? ""))"
            if reuse, let existing = aggregateKeys.firstIndex(of: identity) { return existing }
            aggregates.append(AggregatePlan.Aggregate(function: call.function, accessor: accessor))
            aggregateKeys.append(identity)
            return aggregates.count - 1
        }

        for item in query.selectItems {
            switch item {
            case .field(let path):
                let index = try groupIndex(path)
                outputs.append(.group(key: ValueJSON.key(groups[index].field.name), index: index))
            case .aggregate(let call):
                let index = try aggregateIndex(call, reuse: false)
                let name: String
                if let alias = call.alias {
                    name = alias
                } else {
                    name = "expr\(expression)"
                    expression += 1
                }
                outputs.append(.aggregate(key: ValueJSON.key(name), index: index))
            case .function(let call):
                let index = try groupIndex(call.argument)
                outputs.append(.group(key: ValueJSON.key(call.alias ?? groups[index].field.name), index: index))
            default:
                throw error(.malformedQuery, "Only grouped fields and aggregate functions are allowed with GROUP BY",
                            at: nil)
            }
        }

        func reference(_ operand: Predicate.Operand) throws -> AggregatePlan.Reference {
            switch operand {
            case .field(let path): return .group(try groupIndex(path))
            case .aggregate(let call): return .aggregate(try aggregateIndex(call, reuse: true))
            case .function(let call): return .group(try groupIndex(call.argument))
            }
        }

        func having(_ condition: Condition) throws -> AggregateFilter {
            switch condition {
            case .and(let items): return .all(try items.map(having))
            case .or(let items): return .any(try items.map(having))
            case .not(let inner): return .not(try having(inner))
            case .predicate(let predicate):
                let values: [Value]
                if case .list(let items) = predicate.value { values = items } else { values = [predicate.value] }
                return .compare(try reference(predicate.operand), predicate.comparison, try values.map(literal))
            }
        }

        let havingFilter = try query.having.map(having)
        let order = try query.orderBy.map { item -> (reference: AggregatePlan.Reference, descending: Bool, nullsFirst: Bool) in
            let ref: AggregatePlan.Reference
            switch item.key {
            case .field(let path): ref = .group(try groupIndex(path))
            case .aggregate(let call): ref = .aggregate(try aggregateIndex(call, reuse: true))
            case .function(let call): ref = .group(try groupIndex(call.argument))
            }
            return (ref, item.isDescending, item.effectiveNulls == .first)
        }
        return AggregatePlan(groups: groups, aggregates: aggregates, outputs: outputs, having: havingFilter,
                             order: order)
    }

    /// A literal as a comparable value for HAVING.
    private func literal(_ value: Value) throws -> FieldValue {
        switch value {
        case .null: return .null
        case .string(let text): return .text(text)
        case .number(let text): return .double(Double(text) ?? 0)
        case .boolean(let flag): return .bool(flag)
        case .date(let date): return .date(Int32(date.daysSinceEpoch))
        case .dateTime(let instant): return .dateTime(instant.epochMilliseconds)
        case .relativeDate(let literal): return .date(Int32(literal.dayRange(today: today).lowerBound))
        case .list, .subquery:
            throw error(.malformedQuery, "unexpected token: '('", at: nil)
        }
    }
}
