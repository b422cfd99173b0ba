/// A server-side query cursor: the result of one query and the page size it was opened with.
///
/// Locators are `<cursorId>-<offset>` and stateless beyond the cursor, so any page can be fetched again, and
/// `/query/<locator>` resolves cursors opened by queryAll too (jsforce rewrites every next URL to `/query/`).
struct QueryCursor: Sendable {
    let id: String
    let result: QueryResult
    let pageSize: Int
}

/// The open cursors of one server, bounded by the rows they hold (oldest evicted first, their locators then
/// answer `INVALID_QUERY_LOCATOR`, as expired cursors do on Salesforce).
final class QueryCursorStore: Sendable {
    private struct State {
        var cursors: [String: QueryCursor] = [:]
        var order: [String] = []
        var heldRows = 0
        var sequence = 0
    }

    private let state = Locked(State())
    /// Most rows all open cursors may hold together.
    let maximumRows: Int

    init(maximumRows: Int = 50_000_000) { self.maximumRows = maximumRows }

    /// Opens a cursor over `result`.
    func open(_ result: QueryResult, pageSize: Int) -> QueryCursor {
        state.withLock { state in
            state.sequence += 1
            let id = String(decoding: RecordID.make(keyPrefix: Array("01g".utf8), sequence: state.sequence),
                            as: UTF8.self)
            let cursor = QueryCursor(id: id, result: result, pageSize: pageSize)
            state.cursors[id] = cursor
            state.order.append(id)
            state.heldRows += result.recordCount
            while state.heldRows > maximumRows, state.order.count > 1 {
                let oldest = state.order.removeFirst()
                if let evicted = state.cursors.removeValue(forKey: oldest) {
                    state.heldRows -= evicted.result.recordCount
                }
            }
            return cursor
        }
    }

    /// The cursor named by a locator's id part.
    func cursor(_ id: String) -> QueryCursor? {
        state.withLock { $0.cursors[id] }
    }
}
