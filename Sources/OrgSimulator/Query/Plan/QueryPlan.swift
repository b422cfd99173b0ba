import SOQL

/// A SOQL query compiled against the org's schema: everything resolved to tables and ordinals.
struct QueryPlan: @unchecked Sendable {
    // Safety: `table` is one of the org's tables, only read inside `OrgStore.read`; the rest is immutable values.

    /// What the query returns.
    enum Shape: Sendable {
        /// Records with the fields in `nodes`.
        case records
        /// `SELECT COUNT()`: only `totalSize`.
        case count
        /// AggregateResult rows.
        case aggregate(AggregatePlan)
    }

    /// The FROM object.
    let table: ObjectTable
    let shape: Shape
    /// Rendered keys for record queries, in SELECT order.
    let nodes: [OutputNode]
    /// Flattened columns for Bulk CSV (nil when the SELECT list cannot be flattened: subqueries, compound fields).
    let columns: [FlatColumn]?
    let filter: RowFilter?
    let order: [SortKey]
    let limit: Int?
    let offset: Int
    /// Parent-to-child subqueries referenced by `OutputNode.subquery`.
    let subqueries: [SubqueryPlan]
    /// Why Bulk API 2.0 cannot run this query, if it cannot.
    let bulkRestriction: String?
}

/// A compiled parent-to-child subquery.
struct SubqueryPlan: @unchecked Sendable {
    // Safety: as `QueryPlan`.

    /// The child object's table.
    let table: ObjectTable
    /// Ordinal of the lookup on the child that points at the parent.
    let linkOrdinal: Int
    let nodes: [OutputNode]
    let filter: RowFilter?
    let order: [SortKey]
    let limit: Int?
}

/// A compiled aggregate query.
struct AggregatePlan: Sendable {
    /// One computed aggregate.
    struct Aggregate: Sendable {
        let function: AggregateFunction
        /// nil for `COUNT()`.
        let accessor: FieldAccessor?
    }

    /// One output key.
    enum Output: Sendable {
        case group(key: [UInt8], index: Int)
        case aggregate(key: [UInt8], index: Int)
    }

    /// A value of a group row that HAVING or ORDER BY refers to.
    enum Reference: Sendable {
        case group(Int)
        case aggregate(Int)
    }

    let groups: [FieldAccessor]
    /// Aggregates of the SELECT list first, then those only HAVING or ORDER BY use.
    let aggregates: [Aggregate]
    let outputs: [Output]
    let having: AggregateFilter?
    let order: [(reference: Reference, descending: Bool, nullsFirst: Bool)]
}

/// A compiled HAVING condition over group rows.
indirect enum AggregateFilter: Sendable {
    case all([AggregateFilter])
    case any([AggregateFilter])
    case not(AggregateFilter)
    case compare(AggregatePlan.Reference, ComparisonOperator, [FieldValue])
}
