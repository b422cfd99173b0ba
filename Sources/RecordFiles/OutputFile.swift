/// An output file that appears under its final name only when complete.
///
/// Bytes go to `<path>.partial`; `commit()` finishes compression, syncs the file to disk and renames it over
/// `path`. If the job fails, `abandon()` (or simply dropping the object without committing) removes the partial
/// file, so a failed job never leaves a file that looks finished. "-" writes to standard output instead (no
/// temporary name: a pipe cannot be renamed).
public final class OutputFile: ByteSink {
    /// How the output is compressed.
    public enum Compression: Sendable, Equatable {
        /// Plain bytes.
        case none
        /// One gzip member at `level` (1...9), compressed on `threads` threads.
        case gzip(level: Int, threads: Int)

        /// gzip at the default level on one thread.
        public static let gzip = Compression.gzip(level: GzipWriter.defaultLevel, threads: 1)

        /// gzip when `path` ends in `.gz`, otherwise none.
        public static func inferred(from path: String, threads: Int = 1) -> Compression {
            path.hasSuffix(".gz") ? .gzip(level: GzipWriter.defaultLevel, threads: threads) : .none
        }
    }

    /// The final path ("-" for standard output).
    public let path: String
    /// Where bytes are written until `commit()`; nil for standard output.
    public let temporaryPath: String?
    private let file: FileSink
    private let top: ByteSink
    private var state = State.open

    private enum State { case open, committed, abandoned }

    private init(path: String, temporaryPath: String?, file: FileSink, top: ByteSink) {
        self.path = path
        self.temporaryPath = temporaryPath
        self.file = file
        self.top = top
    }

    /// Creates the output ("-" = standard output).
    /// - Parameters:
    ///   - path: the final name.
    ///   - compression: `.none` or `.gzip(level:threads:)`.
    ///   - permissions: the mode of a new file, before the umask.
    /// - Throws: `RecordFileError` when the temporary file cannot be created or gzip cannot start.
    public static func create(
        _ path: String, compression: Compression = .none, permissions: UInt32 = 0o644
    ) throws -> OutputFile {
        let file: FileSink
        let temporary: String?
        if path == "-" {
            file = .standardOutput()
            temporary = nil
        } else {
            let partial = path + ".partial"
            let descriptor = POSIX.createForWriting(partial, permissions: permissions)
            guard descriptor >= 0 else {
                throw RecordFileError.io(POSIX.errorNumber, "create \(partial)", file: path)
            }
            file = FileSink(descriptor: descriptor, name: path, ownsDescriptor: true)
            temporary = partial
        }
        switch compression {
        case .none:
            return OutputFile(path: path, temporaryPath: temporary, file: file, top: file)
        case .gzip(let level, let threads):
            do {
                let gzip = try GzipWriter(sink: file, level: level, threads: threads)
                return OutputFile(path: path, temporaryPath: temporary, file: file, top: gzip)
            } catch let error as GzipError {
                file.close()
                if let temporary { POSIX.unlink(temporary) }
                throw RecordFileError.wrapping(error, file: path)
            }
        }
    }

    deinit {
        if state == .open { abandon() }
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard state == .open else { throw RecordFileError(.misuse, "write after commit or abandon", file: path) }
        do {
            try top.write(bytes)
        } catch let error as GzipError {
            throw RecordFileError.wrapping(error, file: path)
        }
    }

    /// Finishes compression, syncs, and renames the temporary file to `path` (replacing an older file).
    /// - Throws: `RecordFileError`; on failure the temporary file is removed and `path` is untouched.
    public func commit() throws {
        guard state == .open else {
            if state == .committed { return }
            throw RecordFileError(.misuse, "commit after abandon", file: path)
        }
        do {
            if let gzip = top as? GzipWriter {
                // GzipWriter.finish also finishes (closes) the file, so sync through it first.
                try gzip.finishCompression()
            }
            try file.sync()
            try file.finish()
            if let temporaryPath {
                let failure = POSIX.rename(temporaryPath, path)
                if failure != 0 { throw RecordFileError.io(failure, "rename \(temporaryPath) to it", file: path) }
            }
            state = .committed
        } catch let error as GzipError {
            abandon()
            throw RecordFileError.wrapping(error, file: path)
        } catch {
            abandon()
            throw error
        }
    }

    /// The same as `commit()`: finishing an output file means publishing it.
    public func finish() throws {
        try commit()
    }

    /// Discards the output: closes and removes the temporary file. Safe to call more than once.
    public func abandon() {
        guard state == .open else { return }
        state = .abandoned
        file.close()
        if let temporaryPath { POSIX.unlink(temporaryPath) }
    }
}
