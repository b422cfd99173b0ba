import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A temporary file that Bulk uploads and job results pass through, so that a job's CSV (up to 100 MB) is never
/// held in memory: bytes are appended through a buffer (1 MB unless told) and the file is removed by `remove()` (callers `defer`
/// it) whatever the outcome.
///
/// `@unchecked Sendable`: result chunks arrive on the transport's callback; `buffer`, `size` and `descriptor` are
/// only touched under `lock`.
final class SpoolFile: @unchecked Sendable {
    let path: String
    private let lock = NSLock()
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private var size = 0
    private let bufferBytes: Int

    /// Creates an empty file, readable by the owner only, in the temporary folder.
    init(purpose: String, bufferBytes: Int = 1 << 20) throws {
        self.bufferBytes = bufferBytes
        let folder = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        path = "\(folder)/sfimport-\(purpose)-\(getpid())-\(UUID().uuidString).csv"
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else {
            throw DataImportError(.output, "\(path): cannot create a temporary file (errno \(errno)); check TMPDIR")
        }
        buffer.reserveCapacity(bufferBytes)
    }

    deinit { remove() }

    /// Bytes appended so far (flushed or not).
    var byteCount: Int { lock.withLock { size } }

    /// Appends bytes, writing to the file whenever the buffer is full.
    func append(_ bytes: [UInt8]) throws {
        try lock.withLock {
            buffer.append(contentsOf: bytes)
            size += bytes.count
            if buffer.count >= bufferBytes { try drain() }
        }
    }

    /// Appends through a closure that writes into the buffer directly (no intermediate array).
    func append(_ write: (inout [UInt8]) -> Void) throws {
        try lock.withLock {
            let before = buffer.count
            write(&buffer)
            size += buffer.count - before
            if buffer.count >= bufferBytes { try drain() }
        }
    }

    /// Writes what is buffered and closes the file for writing; the path can then be uploaded or read.
    func finish() throws {
        try lock.withLock {
            try drain()
            if descriptor >= 0 {
                close(descriptor)
                descriptor = -1
            }
        }
    }

    /// Closes and deletes the file (idempotent).
    func remove() {
        lock.withLock {
            if descriptor >= 0 {
                close(descriptor)
                descriptor = -1
            }
            buffer = []
        }
        unlink(path)
    }

    /// Must be called under `lock`.
    private func drain() throws {
        guard descriptor >= 0 else { return }
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return write(descriptor, base + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw DataImportError(.output, "\(path): cannot write a temporary file (errno \(errno)); check free space")
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
