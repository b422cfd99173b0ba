#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
import GzipStreams
import RSASigning

/// The file an export writes: bytes go to `<path>.partial`, which is renamed to `path` only when the
/// export completed and its row count checked out, so a partial file is never mistaken for a finished one.
///
/// Unlike a plain atomic output it can be reopened to continue an interrupted export: `resume(at:)`
/// truncates the partial file to the last committed page boundary recorded in the run journal and
/// appends from there. It also counts the bytes written and, when asked, digests them for the manifest.
/// Used only from the output thread.
final class ExportFile: ByteSink {
    /// The final path ("-" for standard output).
    let path: String
    /// The temporary name, or nil for standard output.
    let partialPath: String?
    private var descriptor: Int32
    private(set) var bytesWritten = 0
    private let digest: SHA256Hasher?
    /// Whether the partial file is listed in `UnfinishedOutputs` (removed on interrupt).
    private let registered: Bool

    /// The partial file name for `path`.
    static func partialPath(for path: String) -> String { path + ".partial" }

    /// Opens the output.
    /// - Parameters:
    ///   - resumeAt: keep the first `resumeAt` bytes of an existing partial file and append after them;
    ///     nil starts a new file.
    ///   - digest: compute the SHA-256 of the file's bytes.
    ///   - resumable: whether an interrupted export can continue this file (Bulk with a run journal); when
    ///     not, the partial file is listed in `UnfinishedOutputs` until it is committed or abandoned.
    /// - Throws: `ExportError` (io) naming the file.
    init(path: String, resumeAt: Int?, digest: Bool, resumable: Bool = true) throws {
        self.path = path
        self.digest = digest ? SHA256Hasher() : nil
        if path == "-" {
            partialPath = nil
            descriptor = 1
            registered = false
            return
        }
        let partial = Self.partialPath(for: path)
        partialPath = partial
        registered = !resumable
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (resumeAt == nil ? O_TRUNC : 0)
        descriptor = open(partial, flags, 0o644)
        guard descriptor >= 0 else {
            throw ExportError.io("cannot create '\(partial)': \(Self.reason(errno)); check the folder exists and is writable")
        }
        if registered { UnfinishedOutputs.register(partial) }
        if let offset = resumeAt {
            var info = stat()
            guard fstat(descriptor, &info) == 0, Int(info.st_size) >= offset else {
                Glibc.close(descriptor)
                throw ExportError(
                    .resume,
                    "'\(partial)' is shorter than the \(offset) bytes its run journal says were written; start the export again without --resume")
            }
            if self.digest != nil {
                // Digest the kept prefix so the manifest covers the whole file.
                var buffer = [UInt8](repeating: 0, count: 1 << 16)
                var remaining = offset
                var position: off_t = 0
                while remaining > 0 {
                    let got = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, min($0.count, remaining), position) }
                    guard got > 0 else { break }
                    buffer.withUnsafeBytes { self.digest?.update(UnsafeRawBufferPointer(rebasing: $0[0..<got])) }
                    remaining -= got
                    position += off_t(got)
                }
            }
            guard ftruncate(descriptor, off_t(offset)) == 0, lseek(descriptor, off_t(offset), SEEK_SET) >= 0 else {
                Glibc.close(descriptor)
                throw ExportError.io("cannot truncate '\(partial)' to \(offset) bytes: \(Self.reason(errno))")
            }
            bytesWritten = offset
        }
    }

    deinit {
        if registered, let partialPath { UnfinishedOutputs.unregister(partialPath) }
        if descriptor > 2 { Glibc.close(descriptor) }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard descriptor >= 0 else { throw ExportError.io("write to '\(path)' after it was closed") }
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw ExportError.io("cannot write '\(partialPath ?? "standard output")': \(Self.reason(errno))")
            }
            offset += written
        }
        digest?.update(bytes)
        bytesWritten += bytes.count
    }

    /// Gzip members finish their sink; the file outlives them, so this does nothing.
    func finish() throws {}

    /// Flushes the file to stable storage (after each committed page of a resumable export).
    func sync() throws {
        guard descriptor > 2 else { return }
        if fsync(descriptor) != 0 {
            throw ExportError.io("cannot sync '\(partialPath ?? path)': \(Self.reason(errno))")
        }
    }

    /// Syncs, closes and renames the partial file to its final name. Returns the SHA-256 when digesting.
    func commit() throws -> String? {
        try sync()
        if descriptor > 2 { Glibc.close(descriptor) }
        descriptor = -1
        if registered, let partialPath { UnfinishedOutputs.unregister(partialPath) }
        if let partialPath, rename(partialPath, path) != 0 {
            throw ExportError.io("cannot rename '\(partialPath)' to '\(path)': \(Self.reason(errno))")
        }
        return try digest.map { RSASigning.SHA256.hex(try $0.finalize()) }
    }

    /// Closes the file, keeping the partial file when `keepPartial` (so `--resume` can continue it).
    func abandon(keepPartial: Bool) {
        if descriptor > 2 { Glibc.close(descriptor) }
        descriptor = -1
        if registered, let partialPath { UnfinishedOutputs.unregister(partialPath) }
        if !keepPartial, let partialPath { unlink(partialPath) }
    }

    static func reason(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
