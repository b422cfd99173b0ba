#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The rows of one ingest job while it is built, uploaded and reconciled, kept on disk instead of in memory: the
/// upload CSV (header first) and, frame for frame, each row's number, match key, echoed input cells and place in
/// the upload. Memory per job is then one `Int` a row whatever the job's size, so several jobs run at once
/// within a flat memory budget.
///
/// `@unchecked Sendable`: a chunk is filled by one task and then handed to exactly one job task; it is never
/// touched by two at once.
final class BulkJobChunk: @unchecked Sendable {
    private let upload: SpoolFile
    private let rowsFile: SpoolFile
    /// Input row numbers in upload order (for the run journal).
    private(set) var rows: [Int] = []

    /// Starts a chunk whose upload begins with `header` (the Bulk CSV header line).
    init(header: [UInt8]) throws {
        upload = try SpoolFile(purpose: "upload", bufferBytes: 256 << 10)
        rowsFile = try SpoolFile(purpose: "rows", bufferBytes: 256 << 10)
        try upload.append(header)
    }

    var count: Int { rows.count }
    var uploadBytes: Int { upload.byteCount }
    var uploadPath: String { upload.path }

    /// Adds a row: its Bulk CSV line (line end included), its match key and its CSV-encoded echo cells.
    func add(line: [UInt8], key: [UInt8], row: Int, echo: [UInt8]) throws {
        let offset = upload.byteCount
        try upload.append(line)
        try rowsFile.appendFrame { buffer in
            Self.append(UInt64(row), to: &buffer)
            Self.append(UInt64(offset), to: &buffer)
            Self.append(UInt64(line.count), to: &buffer)
            Self.append(UInt64(key.count), to: &buffer)
            buffer.append(contentsOf: key)
            buffer.append(contentsOf: echo)
        }
        rows.append(row)
    }

    /// Writes out what is buffered; the upload file is then complete.
    func finish() throws {
        try upload.finish()
        try rowsFile.finish()
    }

    /// Deletes both files (idempotent).
    func remove() {
        upload.remove()
        rowsFile.remove()
    }

    /// One row as read back: valid only inside the `forEachRow` call.
    struct Row {
        let number: Int
        let key: UnsafeBufferPointer<UInt8>
        let echo: UnsafeBufferPointer<UInt8>
        let uploadOffset: Int
        let uploadLength: Int
    }

    /// Visits every row in upload order.
    func forEachRow(_ body: (Row) throws -> Void) throws {
        let reader = try FramedSpoolReader(path: rowsFile.path)
        while try reader.next({ frame in
            let number = Self.int(frame, 0)
            let keyLength = Self.int(frame, 24)
            let key = UnsafeBufferPointer(rebasing: frame[32..<(32 + keyLength)])
            let echo = UnsafeBufferPointer(rebasing: frame[(32 + keyLength)...])
            try body(Row(number: number, key: key, echo: echo, uploadOffset: Self.int(frame, 8), uploadLength: Self.int(frame, 16)))
        }) {}
    }

    /// The upload line of a row (for re-sending it), read from the upload file.
    func uploadLine(_ row: Row) throws -> [UInt8] {
        let descriptor = open(upload.path, O_RDONLY)
        guard descriptor >= 0 else {
            throw DataImportError(.output, "\(upload.path): cannot read a temporary file back (errno \(errno))")
        }
        defer { close(descriptor) }
        var line = [UInt8](repeating: 0, count: row.uploadLength)
        var done = 0
        while done < line.count {
            let got = line.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, $0.count - done, off_t(row.uploadOffset + done)) }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else {
                throw DataImportError(.output, "\(upload.path): a temporary file is shorter than written; the disk may be full")
            }
            done += got
        }
        return line
    }

    private static func append(_ value: UInt64, to buffer: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
    }

    private static func int(_ frame: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Int {
        Int(UInt64(littleEndian: UnsafeRawBufferPointer(frame).loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
    }
}
