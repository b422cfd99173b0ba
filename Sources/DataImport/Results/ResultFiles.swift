import Foundation

/// The two result files of a load: `<name>.success.csv` (input columns, `sf__Row`, `sf__Id`, `sf__Created`) and
/// `<name>.error.csv` (input columns, `sf__Row`, `sf__Error` as `CODE:message`). Every input row is written to
/// exactly one of them.
///
/// Thread-safe: the row producer (local rejects) and the senders (server results) write concurrently.
/// `@unchecked Sendable`: every access to the writers and counters happens under `lock`.
public final class ResultFiles: @unchecked Sendable {
    public let successPath: String
    public let errorPath: String
    private let lock = NSLock()
    private let success: CSVLineWriter
    private let errors: CSVLineWriter
    private var counts = Counts()
    /// False when the input has no columns to echo (the `sf__` columns follow without a separator).
    private let echoes: Bool
    /// A write error met while draining a full buffer, reported by the next `flush()`.
    private var pendingError: (any Error)?
    /// Buffered bytes past which a file is written out at once: concurrent Bulk jobs each finishing tens of
    /// thousands of rows must not pile them up in memory until their own flush.
    private static let drainBytes = 256 << 10

    public struct Counts: Sendable, Equatable {
        public var succeeded = 0
        public var created = 0
        public var failed = 0
    }

    /// Result file paths for `input` in `directory` (default: beside the input): `contacts.csv.gz` ->
    /// `contacts.success.csv`, `contacts.error.csv`.
    public static func paths(input: String, directory: String?) -> (success: String, error: String) {
        let url = URL(fileURLWithPath: input == "-" ? "stdin" : input)
        var name = url.lastPathComponent
        for suffix in [".gz", ".csv", ".txt"] where name.lowercased().hasSuffix(suffix) {
            name = String(name.dropLast(suffix.count))
        }
        let folder = directory ?? url.deletingLastPathComponent().path
        return ("\(folder)/\(name).success.csv", "\(folder)/\(name).error.csv")
    }

    /// Creates the folder that holds the result files (and the run journal), with any missing parent folders, so
    /// that `--results-dir out/2026-11-22` works on a fresh checkout.
    /// - Throws: `DataImportError(.output)` naming the folder when it cannot be created (a file in the way, no
    ///   permission).
    public static func createDirectory(for path: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            if isDirectory.boolValue { return }
            throw DataImportError(.output, "\(folder): is a file, not a folder; give --results-dir a folder")
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw DataImportError(
                .output, "\(folder): cannot create the results folder (\(error.localizedDescription)); check the path and its permissions")
        }
    }

    /// Opens both files. A fresh run truncates them and writes the headers; a resumed run appends.
    public init(successPath: String, errorPath: String, inputHeader: [String], resume: Bool) throws {
        self.successPath = successPath
        self.errorPath = errorPath
        echoes = !inputHeader.isEmpty
        success = try CSVLineWriter(path: successPath, truncate: !resume)
        errors = try CSVLineWriter(path: errorPath, truncate: !resume)
        if !resume {
            success.writeRow(inputHeader + ["sf__Row", "sf__Id", "sf__Created"])
            errors.writeRow(inputHeader + ["sf__Row", "sf__Error"])
            try success.flush()
            try errors.flush()
        }
    }

    /// Records a saved row; `echo` is its input cells CSV-encoded (`ImportRecord.echo`).
    public func succeeded(_ echo: [UInt8], row: Int, id: String, created: Bool) {
        echo.withUnsafeBufferPointer { succeeded(echo: $0, row: row, id: id, created: created) }
    }

    /// Records a rejected row with its `CODE:message`.
    public func failed(_ echo: [UInt8], row: Int, error: String) {
        echo.withUnsafeBufferPointer { failed(echo: $0, row: row, error: error) }
    }

    public func succeeded(echo: UnsafeBufferPointer<UInt8>, row: Int, id: String, created: Bool) {
        lock.withLock {
            start(success, echo: echo, row: row)
            success.writeByte(UInt8(ascii: ","))
            success.writeCell(id)
            success.writeCreated(created)
            counts.succeeded += 1
            if created { counts.created += 1 }
            drainIfFull(success)
        }
    }

    public func failed(echo: UnsafeBufferPointer<UInt8>, row: Int, error: String) {
        lock.withLock {
            start(errors, echo: echo, row: row)
            errors.writeByte(UInt8(ascii: ","))
            errors.writeCell(error)
            errors.writeByte(10)
            counts.failed += 1
            drainIfFull(errors)
        }
    }

    /// Must be called under `lock`. Rows written early are still whole rows: a resumed run counts them as done.
    private func drainIfFull(_ file: CSVLineWriter) {
        guard file.bufferedBytes >= Self.drainBytes, pendingError == nil else { return }
        do { try file.flush() } catch { pendingError = error }
    }

    /// The echoed cells and the row number. Must be called under `lock`.
    private func start(_ file: CSVLineWriter, echo: UnsafeBufferPointer<UInt8>, row: Int) {
        if echoes {
            file.writeRaw(echo)
            file.writeByte(UInt8(ascii: ","))
        }
        file.writeCell(String(row))
    }

    /// Hands buffered rows to the kernel.
    public func flush() throws {
        try lock.withLock {
            if let error = pendingError { throw error }
            try success.flush()
            try errors.flush()
        }
    }

    public var snapshot: Counts { lock.withLock { counts } }

    /// Adds rows already in the files (a resumed run) to the counts.
    public func seed(_ existing: Counts) {
        lock.withLock {
            counts.succeeded += existing.succeeded
            counts.created += existing.created
            counts.failed += existing.failed
        }
    }
}
