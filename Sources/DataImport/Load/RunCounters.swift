import RecordFiles
import Foundation

/// Counters shared by the row producer thread and the sending tasks.
/// `@unchecked Sendable`: every field is read and written under `lock`.
final class RunCounters: @unchecked Sendable {
    private let lock = NSLock()
    private var values = Values()

    struct Values {
        var rowsRead = 0
        var rejectedLocally = 0
        var resumedRows = 0
        var wouldSend = 0
        var lockRetries = 0
    }

    func update(_ body: (inout Values) -> Void) { lock.withLock { body(&values) } }
    var snapshot: Values { lock.withLock { values } }
}

/// Hands the input reader to the producer thread. `@unchecked Sendable`: after the runner creates the box it
/// reads only the header (immutable once the reader is open) and never reads a record; only the producer thread
/// advances the reader.
final class ReaderHandoff: @unchecked Sendable {
    let reader: CSVReader
    init(_ reader: CSVReader) { self.reader = reader }
}

/// Bounded hand-off of batches from the producer thread to the senders: the thread blocks on `slots` (never a
/// cooperative-pool thread), the senders release a slot when a batch is finished, so memory stays flat.
final class BatchGate: @unchecked Sendable {
    // @unchecked Sendable: DispatchSemaphore is thread-safe; `cancelled` is guarded by `lock`.
    private let slots: DispatchSemaphore
    private let lock = NSLock()
    private var cancelled = false

    init(capacity: Int) { slots = DispatchSemaphore(value: capacity) }

    /// Blocks the producer until a slot is free; false once the run is cancelled.
    func acquire() -> Bool {
        slots.wait()
        return lock.withLock { !cancelled }
    }

    func release() { slots.signal() }

    func cancel(waking producers: Int = 64) {
        lock.withLock { cancelled = true }
        for _ in 0..<producers { slots.signal() }
    }

    var isCancelled: Bool { lock.withLock { cancelled } }
}
