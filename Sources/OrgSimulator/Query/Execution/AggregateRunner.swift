import SOQL

/// Groups rows and computes COUNT, COUNT_DISTINCT, SUM, AVG, MIN and MAX, then applies HAVING and ORDER BY and
/// renders AggregateResult records.
struct AggregateRunner {
    let plan: AggregatePlan
    let table: ObjectTable

    fileprivate struct Accumulator {
        var count = 0
        var sum = 0.0
        var integral = true
        var minimum: FieldValue = .null
        var maximum: FieldValue = .null
        var distinct = Set<FieldValue>()
    }

    private struct Group {
        var values: [FieldValue]
        var accumulators: [Accumulator]
    }

    func run(_ slots: [Int32]) -> [[UInt8]] {
        var groups: [[FieldValue]: Group] = [:]
        var order: [[FieldValue]] = []
        for slot in slots {
            guard let row = table.row(at: Int(slot)) else { continue }
            let values = plan.groups.map { $0.value(row) }
            let key = values.map(SortValue.key)
            if groups[key] == nil {
                groups[key] = Group(values: values, accumulators: Array(repeating: Accumulator(),
                                                                        count: plan.aggregates.count))
                order.append(key)
            }
            for (i, aggregate) in plan.aggregates.enumerated() {
                guard let accessor = aggregate.accessor else {
                    groups[key]?.accumulators[i].count += 1
                    continue
                }
                let value = accessor.value(row)
                if value.isNull { continue }
                groups[key]?.accumulators[i].add(value, function: aggregate.function)
            }
        }
        if plan.groups.isEmpty && groups.isEmpty {
            order.append([])
            groups[[]] = Group(values: [], accumulators: Array(repeating: Accumulator(), count: plan.aggregates.count))
        }
        var rows: [[FieldValue]] = order.compactMap { key -> [FieldValue]? in
            guard let group = groups[key] else { return nil }
            return group.values + zip(plan.aggregates, group.accumulators).map { $1.result($0.function) }
        }
        if let having = plan.having { rows = rows.filter { matches(having, $0) } }
        let keys: [(reference: AggregatePlan.Reference, descending: Bool, nullsFirst: Bool)] =
            plan.order.isEmpty ? plan.groups.indices.map { (.group($0), false, true) } : plan.order
        rows.sort { a, b in
            for key in keys {
                let i = index(key.reference)
                let order = SortValue.compare(SortValue.key(a[i]), SortValue.key(b[i]), descending: key.descending,
                                              nullsFirst: key.nullsFirst)
                if order != 0 { return order < 0 }
            }
            return false
        }
        return rows.map(render)
    }

    private func index(_ reference: AggregatePlan.Reference) -> Int {
        switch reference {
        case .group(let i): i
        case .aggregate(let i): plan.groups.count + i
        }
    }

    private func matches(_ filter: AggregateFilter, _ row: [FieldValue]) -> Bool {
        switch filter {
        case .all(let items): return items.allSatisfy { matches($0, row) }
        case .any(let items): return items.contains { matches($0, row) }
        case .not(let inner): return !matches(inner, row)
        case .compare(let reference, let op, let values):
            let value = row[index(reference)]
            switch op {
            case .in, .notIn:
                let hit = values.contains { equal(value, $0) }
                return hit != (op == .notIn)
            case .equals: return equal(value, values.first ?? .null)
            case .notEquals: return !equal(value, values.first ?? .null)
            default:
                guard let literal = values.first, !value.isNull, !literal.isNull else { return false }
                return ValueTest.compare(op, SortValue.compare(SortValue.key(value), SortValue.key(literal)))
            }
        }
    }

    private func equal(_ a: FieldValue, _ b: FieldValue) -> Bool {
        if a.isNull || b.isNull { return a.isNull && b.isNull }
        return SortValue.compare(SortValue.key(a), SortValue.key(b)) == 0
    }

    private func render(_ row: [FieldValue]) -> [UInt8] {
        var out: [UInt8] = Array(#"{"attributes":{"type":"AggregateResult"}"#.utf8)
        for output in plan.outputs {
            out.append(UInt8(ascii: ","))
            switch output {
            case .group(let key, let i):
                out.append(contentsOf: key)
                ValueJSON.append(row[i], to: &out)
            case .aggregate(let key, let i):
                out.append(contentsOf: key)
                ValueJSON.append(row[plan.groups.count + i], to: &out)
            }
        }
        out.append(UInt8(ascii: "}"))
        return out
    }
}

extension AggregateRunner.Accumulator {
    fileprivate mutating func add(_ value: FieldValue, function: AggregateFunction) {
        count += 1
        switch function {
        case .countDistinct: distinct.insert(SortValue.key(value))
        case .sum, .average:
            switch value {
            case .int(let x): sum += Double(x)
            case .double(let x):
                sum += x
                integral = false
            default: break
            }
        case .minimum:
            if minimum.isNull || SortValue.compare(SortValue.key(value), SortValue.key(minimum)) < 0 { minimum = value }
        case .maximum:
            if maximum.isNull || SortValue.compare(SortValue.key(value), SortValue.key(maximum)) > 0 { maximum = value }
        case .count: break
        }
    }

    fileprivate func result(_ function: AggregateFunction) -> FieldValue {
        switch function {
        case .count: return .int(Int64(count))
        case .countDistinct: return .int(Int64(distinct.count))
        case .sum:
            if count == 0 { return .null }
            return integral && abs(sum) < 9e15 ? .int(Int64(sum)) : .double(sum)
        case .average: return count == 0 ? .null : .double(sum / Double(count))
        case .minimum: return minimum
        case .maximum: return maximum
        }
    }
}
