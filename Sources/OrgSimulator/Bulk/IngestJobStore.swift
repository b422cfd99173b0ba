/// Bulk API 2.0 ingest jobs, by Id.
final class IngestJobStore: Sendable {
    private struct State {
        var jobs: [String: IngestJob] = [:]
        var order: [String] = []
        var sequence = 0
    }

    private let state = Locked(State())

    var count: Int { state.withLock { $0.jobs.count } }

    /// A fresh job Id (`750…`).
    func nextID() -> String {
        state.withLock { s in
            s.sequence += 1
            return String(decoding: RecordID.make(keyPrefix: Array("750".utf8), sequence: s.sequence), as: UTF8.self)
        }
    }

    func add(_ job: IngestJob) {
        state.withLock {
            $0.jobs[job.id] = job
            $0.order.append(job.id)
        }
    }

    func job(_ id: String) -> IngestJob? {
        state.withLock { s in s.jobs[id] ?? s.jobs.first { $0.key.lowercased().prefix(15) == id.lowercased().prefix(15) }?.value }
    }

    /// Applies `change` to the job atomically; returns the updated job, or nil when unknown.
    @discardableResult
    func update<R>(_ id: String, _ change: (inout IngestJob) throws -> R) rethrows -> R? {
        try state.withLock { s in
            guard var job = s.jobs[id] else { return nil }
            let result = try change(&job)
            s.jobs[id] = job
            return result
        }
    }

    func remove(_ id: String) {
        state.withLock {
            $0.jobs[id] = nil
            $0.order.removeAll { $0 == id }
        }
    }

    var all: [IngestJob] { state.withLock { s in s.order.compactMap { s.jobs[$0] } } }
}
