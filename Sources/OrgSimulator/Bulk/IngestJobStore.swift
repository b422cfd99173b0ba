/// Bulk API 2.0 ingest jobs.
final class IngestJobStore: Sendable {
    let jobs = Locked([String: IngestJob]())
    var count: Int { jobs.withLock { $0.count } }
}

/// One ingest job's state.
struct IngestJob: Sendable {
    var id: String
}
