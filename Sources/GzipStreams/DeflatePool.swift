#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The multi-core writer's worker threads: dedicated pthreads, never the cooperative pool, because compressing a
/// block blocks a CPU for milliseconds and the pool has only as many threads as cores.
///
/// Jobs are taken in submission order; each worker owns one raw-deflate `DeflateStream` for its lifetime.
final class DeflatePool: @unchecked Sendable {
    // @unchecked Sendable: `queue`, `queueHead`, `isShuttingDown` and every job's `isDone` are only read or written
    // inside `monitor.withLock`; `threads` and `level` are written only by the owner before workers start or after
    // they are joined.
    private let monitor = Monitor()
    private var queue: [BlockJob] = []
    private var queueHead = 0
    private var isShuttingDown = false
    private var threads: [pthread_t] = []
    private let level: Int

    /// Starts `threadCount` workers compressing at `level`.
    init(threadCount: Int, level: Int) throws {
        self.level = level
        for _ in 0..<threadCount {
            var thread = pthread_t()
            let context = Unmanaged.passRetained(self).toOpaque()
            let status = pthread_create(&thread, nil, Self.threadMain, context)
            guard status == 0 else {
                Unmanaged<DeflatePool>.fromOpaque(context).release()
                shutdown()
                throw GzipError(.zlibFailure, "could not start a compression thread (error \(status))")
            }
            threads.append(thread)
        }
    }

    /// The thread entry point: a C callback, so a non-capturing static with the pool passed through `Unmanaged`.
    private static let threadMain: @convention(c) (UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? = {
        context in
        guard let context else { return nil }
        let pool = Unmanaged<DeflatePool>.fromOpaque(context).takeRetainedValue()
        pool.runWorker()
        return nil
    }

    private func runWorker() {
        let deflater = try? DeflateStream(level: level, windowBits: -15)
        while true {
            let next: BlockJob? = monitor.withLock {
                while queueHead == queue.count && !isShuttingDown { monitor.wait() }
                guard queueHead < queue.count else { return nil }
                let job = queue[queueHead]
                queueHead += 1
                if queueHead == queue.count {
                    queue.removeAll(keepingCapacity: true)
                    queueHead = 0
                }
                return job
            }
            guard let job = next else { return }
            job.compress(with: deflater)
            monitor.withLock {
                job.isDone = true
                monitor.broadcast()
            }
        }
    }

    /// Queues a job for the next free worker.
    func submit(_ job: BlockJob) {
        monitor.withLock {
            queue.append(job)
            monitor.broadcast()
        }
    }

    /// True once a worker finished `job`.
    func isDone(_ job: BlockJob) -> Bool {
        monitor.withLock { job.isDone }
    }

    /// Blocks the calling thread until a worker finished `job`.
    func wait(for job: BlockJob) {
        monitor.withLock {
            while !job.isDone { monitor.wait() }
        }
    }

    /// Lets the workers drain the queue, then joins them. Idempotent.
    func shutdown() {
        monitor.withLock {
            isShuttingDown = true
            monitor.broadcast()
        }
        for thread in threads {
            pthread_join(thread, nil)
        }
        threads.removeAll()
    }
}
