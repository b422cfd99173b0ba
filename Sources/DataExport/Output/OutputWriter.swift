import Foundation
import GzipStreams

/// Moves encoded bytes to the export file on a dedicated thread, so file I/O and gzip never block the
/// cooperative pool, with a bounded queue so memory stays flat whatever the export's size.
///
/// Producers hand over large chunks (hundreds of KiB). `write` suspends while more than `queueLimit`
/// bytes are waiting; `writeBlocking` (for callbacks on the transfer thread) waits the same way.
/// `boundary()` marks a committed page: the current gzip member is closed (when `memberPerBoundary`)
/// and the file synced, so an interrupted export can resume exactly at that byte offset.
final class OutputWriter: @unchecked Sendable {
    // Safety: `queue`, `queuedBytes`, `failure`, `spaceWaiters` and `closed` are only touched with
    // `condition` locked; `file` and `gzip` are only touched by the writer thread after `init`.

    private enum Command {
        case data([UInt8])
        case boundary(CheckedContinuation<Int, Error>)
        case commit(CheckedContinuation<(Int, String?), Error>)
        case abandon(Bool, CheckedContinuation<Void, Never>)
    }

    struct Settings {
        var compression: OutputCompression
        var level: Int
        var threads: Int
        /// Close the gzip member at every boundary (resumable exports) so appending restarts cleanly.
        var memberPerBoundary: Bool
    }

    private let condition = NSCondition()
    private var queue: [Command] = []
    private var queueHead = 0
    private var queuedBytes = 0
    private var failure: Error?
    private var spaceWaiters: [CheckedContinuation<Void, Never>] = []
    private var closed = false
    private let queueLimit: Int

    private let file: ExportFile
    private let settings: Settings
    private var gzip: GzipWriter?

    /// The final path ("-" for standard output).
    var path: String { file.path }

    init(file: ExportFile, settings: Settings, queueLimit: Int = 4 << 20) {
        self.file = file
        self.settings = settings
        self.queueLimit = queueLimit
        let thread = Thread { [self] in self.run() }
        thread.name = "sfexport-output"
        thread.start()
    }

    /// Queues `chunk`, suspending while the queue is full.
    /// - Throws: the first write error of the output thread.
    func write(_ chunk: [UInt8]) async throws {
        guard !chunk.isEmpty else { return }
        while true {
            let mustWait: Bool = try condition.withLock {
                if let failure { throw failure }
                if queuedBytes < queueLimit {
                    enqueue(.data(chunk), bytes: chunk.count)
                    return false
                }
                return true
            }
            if !mustWait { return }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                condition.lock()
                if queuedBytes < queueLimit || failure != nil {
                    condition.unlock()
                    continuation.resume()
                } else {
                    spaceWaiters.append(continuation)
                    condition.unlock()
                }
            }
        }
    }

    /// Queues `chunk` from a thread that may block (the transfer thread), waiting while the queue is full.
    func writeBlocking(_ chunk: [UInt8]) throws {
        guard !chunk.isEmpty else { return }
        condition.lock()
        defer { condition.unlock() }
        while queuedBytes >= queueLimit && failure == nil { condition.wait() }
        if let failure { throw failure }
        enqueue(.data(chunk), bytes: chunk.count)
    }

    /// Waits until everything queued is written, closes the gzip member when configured, syncs, and
    /// returns the file's size: the committed byte offset for the run journal.
    func boundary() async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            condition.withLock { enqueue(.boundary(continuation), bytes: 0) }
        }
    }

    /// Writes everything, finishes compression and renames the partial file to its final name.
    /// Returns the file size and its SHA-256 when digesting.
    func commit() async throws -> (bytes: Int, sha256: String?) {
        let result = try await withCheckedThrowingContinuation { continuation in
            condition.withLock { enqueue(.commit(continuation), bytes: 0) }
        }
        return (result.0, result.1)
    }

    /// Stops without publishing: the partial file is kept for `--resume` when `keepPartial`, else removed.
    func abandon(keepPartial: Bool) async {
        await withCheckedContinuation { continuation in
            condition.withLock { enqueue(.abandon(keepPartial, continuation), bytes: 0) }
        }
    }

    private func enqueue(_ command: Command, bytes: Int) {
        queue.append(command)
        queuedBytes += bytes
        condition.broadcast()
    }

    private func run() {
        while true {
            condition.lock()
            while queueHead >= queue.count { condition.wait() }
            let command = queue[queueHead]
            // Drop the queue's reference at once: slots waiting for compaction below must not keep
            // written chunks alive (they did, up to 64 chunks of ~300 KB: 16-27 MB at peak).
            queue[queueHead] = .data([])
            queueHead += 1
            if queueHead > 64 && queueHead * 2 > queue.count {
                queue.removeFirst(queueHead)
                queueHead = 0
            }
            let failed = failure
            condition.unlock()

            switch command {
            case .data(let chunk):
                if failed == nil {
                    do { try writeOut(chunk) } catch { setFailure(error) }
                }
                condition.withLock {
                    queuedBytes -= chunk.count
                    if queuedBytes < queueLimit {
                        let waiters = spaceWaiters
                        spaceWaiters.removeAll()
                        for waiter in waiters { waiter.resume() }
                    }
                    condition.broadcast()
                }
            case .boundary(let continuation):
                if let failed {
                    continuation.resume(throwing: failed)
                    continue
                }
                do {
                    if settings.memberPerBoundary, let gzip {
                        try gzip.finish()
                        self.gzip = nil
                    }
                    if file.partialPath != nil { try file.sync() }
                    continuation.resume(returning: file.bytesWritten)
                } catch {
                    setFailure(error)
                    continuation.resume(throwing: error)
                }
            case .commit(let continuation):
                if let failed {
                    file.abandon(keepPartial: false)
                    continuation.resume(throwing: failed)
                    return
                }
                do {
                    if let gzip { try gzip.finish() } else if settings.compression == .gzip && file.bytesWritten == 0 {
                        // An empty export still yields a valid (empty) gzip file.
                        try openGzip().finish()
                    }
                    gzip = nil
                    let digest = try file.commit()
                    continuation.resume(returning: (file.bytesWritten, digest))
                } catch {
                    file.abandon(keepPartial: false)
                    continuation.resume(throwing: error)
                }
                return
            case .abandon(let keep, let continuation):
                gzip = nil
                file.abandon(keepPartial: keep)
                continuation.resume()
                return
            }
        }
    }

    private func writeOut(_ chunk: [UInt8]) throws {
        if settings.compression == .gzip {
            let writer = try gzip ?? openGzip()
            gzip = writer
            try chunk.withUnsafeBytes { try writer.write($0) }
        } else {
            try chunk.withUnsafeBytes { try file.write($0) }
        }
    }

    private func openGzip() throws -> GzipWriter {
        do {
            return try GzipWriter(sink: file, level: settings.level, threads: settings.threads)
        } catch {
            throw ExportError.io("cannot start gzip for '\(file.path)': \(error)")
        }
    }

    private func setFailure(_ error: Error) {
        condition.withLock {
            if failure == nil { failure = error }
            let waiters = spaceWaiters
            spaceWaiters.removeAll()
            for waiter in waiters { waiter.resume() }
            condition.broadcast()
        }
    }
}
