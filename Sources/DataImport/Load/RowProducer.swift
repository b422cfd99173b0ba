import FieldMapping
import RecordFiles

/// The producer half of a load, run on its own thread: scans and converts rows, writes local rejects to the
/// error file at once, and hands batches of convertible rows to the senders through a bounded gate.
struct RowProducer: Sendable {
    let handoff: ReaderHandoff
    let builder: RecordBuilder
    let results: ResultFiles
    let counters: RunCounters
    let gate: BatchGate
    let batchSize: Int
    /// Rows an interrupted run already finished (resume).
    let done: Set<Int>
    /// Rows of an interrupted run whose outcome is unknown.
    let inFlight: Set<Int>
    /// True when unknown-outcome rows must not be re-sent (inserts would duplicate).
    let insertsUnknown: Bool
    let continuation: AsyncThrowingStream<[ImportRecord], any Error>.Continuation

    func run() {
        let reader = handoff.reader
        var batch: [ImportRecord] = []
        batch.reserveCapacity(batchSize)
        var counted = 0
        do {
            var stopped = false
            while !stopped, try reader.readRecord({ record in
                counted += 1
                let row = builder.rowNumber(record, counted: counted)
                counters.update { $0.rowsRead += 1 }
                if done.contains(row) {
                    counters.update { $0.resumedRows += 1 }
                    return
                }
                let echo = builder.echo(record)
                if insertsUnknown, inFlight.contains(row) {
                    results.failed(
                        echo, row: row,
                        error:
                            "OUTCOME_UNKNOWN:the interrupted run sent this insert without learning its outcome; it was not re-sent to avoid a duplicate, check the org and retry this row if it is missing"
                    )
                    return
                }
                switch builder.build(record, row: row, echo: echo) {
                case .success(let record):
                    batch.append(record)
                    if batch.count == batchSize {
                        guard gate.acquire() else {
                            stopped = true
                            return
                        }
                        continuation.yield(batch)
                        batch.removeAll(keepingCapacity: true)
                    }
                case .failure(let problem):
                    counters.update { $0.rejectedLocally += 1 }
                    results.failed(echo, row: row, error: problem.errorCell)
                }
            }) != nil {}
            if !stopped, !batch.isEmpty, gate.acquire() { continuation.yield(batch) }
            continuation.finish()
        } catch {
            continuation.finish(throwing: error)
        }
    }
}
