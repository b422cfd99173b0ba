/// Re-sends rows that failed only because another transaction held a lock (`UNABLE_TO_LOCK_ROW`), so a busy org
/// does not turn into rejected rows.
///
/// Lock-failed rows were not saved, so re-sending them is safe even for inserts. With `allOrNone`, one locked row
/// rolls back the others (`ALL_OR_NONE_OPERATION_ROLLED_BACK`); those are re-sent with it. Other failures are
/// final and kept as they are.
public enum RowLockRetry {
    /// Sends `count` rows through `send` and re-sends lock failures up to `attempts` times in all, waiting
    /// `delay`, doubled each round, between rounds.
    ///
    /// - Parameters:
    ///   - send: Sends the rows at the given indexes (in that order) and returns one result per index, in order.
    /// - Returns: One result per row, in row order: the last outcome of each.
    public static func run(
        count: Int, attempts: Int = 4, delay: Duration = .milliseconds(200),
        _ send: ([Int]) async throws -> [SaveResult]
    ) async throws -> [SaveResult] {
        var results = [SaveResult?](repeating: nil, count: count)
        var pending = Array(0..<count)
        var wait = delay
        var round = 0
        while !pending.isEmpty {
            round += 1
            let batch = try await send(pending)
            guard batch.count == pending.count else {
                throw SalesforceError.unexpectedResponse(
                    "\(batch.count) results came back for \(pending.count) rows")
            }
            for (index, result) in zip(pending, batch) { results[index] = result }
            guard round < attempts else { break }
            let anyLock = batch.contains { $0.errors.contains { $0.isRowLock } }
            guard anyLock else { break }
            pending = zip(pending, batch).compactMap { index, result in
                guard !result.success,
                    result.errors.allSatisfy({ $0.isRowLock || $0.isRolledBack })
                else { return nil }
                return index
            }
            if !pending.isEmpty {
                try await Task.sleep(for: wait)
                wait = wait * 2
            }
        }
        return results.map { $0 ?? SaveResult(id: nil, success: false, errors: []) }
    }
}
