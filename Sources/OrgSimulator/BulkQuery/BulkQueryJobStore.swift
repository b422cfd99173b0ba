import Foundation

/// The Bulk API 2.0 query jobs of one server, and the queue their queries run on.
final class BulkQueryJobStore: Sendable {
    private struct State {
        var jobs: [String: BulkQueryJob] = [:]
        var order: [String] = []
        var sequence = 0
    }

    private let state = Locked(State())
    /// Jobs run here, off the server's event loops and the cooperative pool.
    private let queue = DispatchQueue(label: "sfsim.bulk-query", qos: .utility, attributes: .concurrent)

    /// A fresh job Id (prefix `750`, numbered apart from ingest jobs).
    func nextID() -> String {
        state.withLock { state in
            state.sequence += 1
            return String(decoding: RecordID.make(keyPrefix: Array("750".utf8), sequence: 5_000_000 + state.sequence),
                          as: UTF8.self)
        }
    }

    func add(_ job: BulkQueryJob) {
        state.withLock { state in
            state.jobs[job.settings.id] = job
            state.order.append(job.settings.id)
        }
    }

    func job(_ id: String) -> BulkQueryJob? {
        let key = id.count == 15 ? RecordID.to18(id) : id
        return state.withLock { $0.jobs[key] }
    }

    func remove(_ id: String) {
        state.withLock { state in
            state.jobs[id] = nil
            state.order.removeAll { $0 == id }
        }
    }

    /// Jobs in creation order.
    var all: [BulkQueryJob] {
        state.withLock { state in state.order.compactMap { state.jobs[$0] } }
    }

    /// Runs the job's query in the background: `InProgress`, then `JobComplete` with the rows, or `Failed`.
    /// An abort while running wins: the result is dropped.
    func start(_ job: BulkQueryJob, store: OrgStore) {
        queue.async {
            let started = BulkQueryJob.nowMilliseconds()
            let proceed = job.progress.withLock { progress -> Bool in
                guard progress.state == "UploadComplete" else { return false }
                progress.state = "InProgress"
                progress.systemModstamp = started
                return true
            }
            guard proceed else { return }
            let includeDeleted = job.settings.operation == "queryAll"
            let result = store.read { _ in QueryExecutor(plan: job.plan, includeDeleted: includeDeleted).run() }
            let finished = BulkQueryJob.nowMilliseconds()
            job.progress.withLock { progress in
                guard progress.state == "InProgress" else { return }
                progress.state = "JobComplete"
                progress.systemModstamp = finished
                progress.numberRecordsProcessed = result.recordCount
                progress.totalProcessingTime = Int(finished - started)
                progress.result = result
            }
        }
    }
}
