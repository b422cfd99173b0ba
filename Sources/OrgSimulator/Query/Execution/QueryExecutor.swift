/// Runs a compiled plan over the store. Call inside `OrgStore.read`.
struct QueryExecutor {
    let plan: QueryPlan
    /// queryAll: include recycled rows (IsDeleted = true).
    let includeDeleted: Bool

    func run() -> QueryResult {
        switch plan.shape {
        case .count:
            var count = 0
            plan.table.forEachRow(includeRecycled: includeDeleted) { _, row in
                if plan.filter?.matches(row) ?? true { count += 1 }
            }
            count = max(0, count - plan.offset)
            if let limit = plan.limit { count = min(count, limit) }
            return QueryResult(plan: plan, slots: [], children: [], aggregateRecords: [], totalSize: count,
                               includeDeleted: includeDeleted)
        case .aggregate(let aggregate):
            let slots = matchingSlots()
            var records = AggregateRunner(plan: aggregate, table: plan.table).run(slots)
            records = window(records)
            return QueryResult(plan: plan, slots: [], children: [], aggregateRecords: records,
                               totalSize: records.count, includeDeleted: includeDeleted)
        case .records:
            var slots = matchingSlots()
            QueryExecutor.sort(&slots, table: plan.table, keys: plan.order)
            slots = window(slots)
            let children = plan.subqueries.map { childIndex($0) }
            return QueryResult(plan: plan, slots: slots, children: children, aggregateRecords: [],
                               totalSize: slots.count, includeDeleted: includeDeleted)
        }
    }

    private func window<T>(_ items: [T]) -> [T] {
        let start = min(plan.offset, items.count)
        let end = plan.limit.map { min(items.count, start + $0) } ?? items.count
        if start == 0 && end == items.count { return items }
        return Array(items[start..<end])
    }

    /// Root slots passing the filter, in slot (= Id) order.
    func matchingSlots() -> [Int32] {
        var slots: [Int32] = []
        let table = plan.table
        slots.reserveCapacity(plan.filter == nil ? table.liveCount + (includeDeleted ? table.recycledCount : 0) : 1024)
        if let filter = plan.filter {
            table.forEachRow(includeRecycled: includeDeleted) { slot, row in
                if filter.matches(row) { slots.append(Int32(slot)) }
            }
        } else {
            table.forEachRow(includeRecycled: includeDeleted) { slot, _ in slots.append(Int32(slot)) }
        }
        return slots
    }

    /// Sorts slots by the ORDER BY keys; ties keep Id order. Slot order is Id order, so `ORDER BY Id` is free.
    static func sort(_ slots: inout [Int32], table: ObjectTable, keys: [SortKey]) {
        guard !keys.isEmpty else { return }
        if keys.count == 1, keys[0].accessor.hops.isEmpty, keys[0].accessor.field.ordinal == table.schema.idOrdinal {
            if keys[0].descending { slots.reverse() }
            return
        }
        let decoded: [(Int32, [FieldValue])] = slots.map { slot in
            guard let row = table.row(at: Int(slot)) else {
                return (slot, Array(repeating: FieldValue.null, count: keys.count))
            }
            return (slot, keys.map { SortValue.key($0.accessor.value(row)) })
        }
        let sorted = decoded.sorted { a, b in
            for (i, key) in keys.enumerated() {
                let order = SortValue.compare(a.1[i], b.1[i], descending: key.descending, nullsFirst: key.nullsFirst)
                if order != 0 { return order < 0 }
            }
            return a.0 < b.0
        }
        slots = sorted.map(\.0)
    }

    /// Children of each parent for one subquery, filtered, ordered and limited per parent.
    private func childIndex(_ subquery: SubqueryPlan) -> [Int32: [Int32]] {
        var index: [Int32: [Int32]] = [:]
        let parentPrefix = plan.table.keyPrefix
        subquery.table.forEachRow(includeRecycled: includeDeleted) { slot, row in
            let parentSlot: Int? = row.withTextBytes(at: subquery.linkOrdinal) { id in
                guard let id, id.count >= 15, id[0] == parentPrefix[0], id[1] == parentPrefix[1],
                    id[2] == parentPrefix[2], let sequence = ParentHop.sequence(id)
                else { return nil }
                return sequence - 1
            }
            guard let parentSlot, subquery.filter?.matches(row) ?? true else { return }
            index[Int32(parentSlot), default: []].append(Int32(slot))
        }
        if !subquery.order.isEmpty || subquery.limit != nil {
            for (parent, var children) in index {
                QueryExecutor.sort(&children, table: subquery.table, keys: subquery.order)
                if let limit = subquery.limit, children.count > limit { children.removeLast(children.count - limit) }
                index[parent] = children
            }
        }
        return index
    }
}
