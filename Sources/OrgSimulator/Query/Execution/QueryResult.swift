/// The outcome of running a query: which rows, in which order, ready to be rendered page by page.
///
/// Immutable once built, so cursors share it across threads; rows are re-read from the store when a page is
/// rendered (slots never move, and a purged row renders as missing).
final class QueryResult: Sendable {
    let plan: QueryPlan
    /// Root rows in output order (record queries).
    let slots: [Int32]
    /// Per subquery: parent slot → child slots in output order.
    let children: [[Int32: [Int32]]]
    /// Pre-rendered AggregateResult records (aggregate queries).
    let aggregateRecords: [[UInt8]]
    /// `totalSize`: matching rows (or groups, or the COUNT()).
    let totalSize: Int
    /// Whether recycled rows were included (queryAll).
    let includeDeleted: Bool

    init(
        plan: QueryPlan, slots: [Int32], children: [[Int32: [Int32]]], aggregateRecords: [[UInt8]], totalSize: Int,
        includeDeleted: Bool
    ) {
        self.plan = plan
        self.slots = slots
        self.children = children
        self.aggregateRecords = aggregateRecords
        self.totalSize = totalSize
        self.includeDeleted = includeDeleted
    }

    /// Number of records that pages hand out (0 for COUNT()).
    var recordCount: Int {
        switch plan.shape {
        case .records: slots.count
        case .aggregate: aggregateRecords.count
        case .count: 0
        }
    }
}
