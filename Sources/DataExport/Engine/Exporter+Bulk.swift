import Foundation

extension Exporter {
    /// Bulk API 2.0 query: every results page streamed into the output, a page boundary committed to the
    /// run journal after each page, and the rows checked against each page's `Sforce-NumberOfRecords`
    /// and the job's record count.
    func runBulk(_ request: ExportRequest, _ shape: QueryShape) async throws -> ExportResult {
        let started = Date()
        let signature = Self.outputSignature(request)
        let resumable = request.output != "-"
        var journal: RunJournal?
        if request.resume {
            guard resumable else { throw ExportError(.resume, "--resume needs an output file, not standard output") }
            guard let existing = try RunJournal.load(for: request.output) else {
                throw ExportError(
                    .resume,
                    "there is no run journal '\(RunJournal.path(for: request.output))' to resume from; run the export without --resume")
            }
            guard existing.query == request.soql, existing.outputSignature == signature else {
                throw ExportError(
                    .resume,
                    "the run journal '\(RunJournal.path(for: request.output))' belongs to a different query or output options; repeat the original command with --resume, or delete the journal")
            }
            journal = existing
        }

        let bulkDelimiter = request.csv.bulkDelimiterName != nil ? request.csv.delimiter : UInt8(ascii: ",")
        let converter = BulkPageConverter(
            columns: shape.columns, format: request.selection.format, csvOptions: request.csv,
            bulkDelimiter: bulkDelimiter, flatten: request.flatten, kinds: request.valueKinds,
            rowFilter: request.incremental != nil || request.trackModstamp
                ? BulkRowFilter(columns: shape.columns, filter: request.incremental) : nil)

        let writer = try makeWriter(request, resumeAt: journal?.committedBytes, memberPerBoundary: resumable, resumable: true)
        let sink = BulkPageSink(converter: converter, writer: writer)
        do {
            var state: RunJournal
            if let journal {
                state = journal
            } else {
                let jobID = try await org.createQueryJob(
                    request.soql, includeDeleted: request.includeDeleted,
                    columnDelimiter: request.csv.bulkDelimiterName ?? "COMMA",
                    lineEnding: request.csv.lineEnding.bulkName)
                try await writer.write(converter.preamble())
                state = RunJournal(
                    query: request.soql, outputSignature: signature, jobID: jobID, nextLocator: nil,
                    committedBytes: 0, committedRows: 0, pages: 0, expectedRows: nil,
                    startedAt: Self.timestamp(started))
            }
            let expected = try await org.waitForQueryJob(state.jobID)
            state.expectedRows = expected
            if journal == nil {
                state.committedBytes = try await writer.boundary()
                if resumable { try state.save(for: request.output) }
            }
            var pagesThisRun = 0
            var finished = journal != nil && journal?.nextLocator == nil && (journal?.pages ?? 0) > 0
            // Page n+1 is opened as soon as page n's head (and so its locator) is in: the org renders it while
            // page n is converted and written. Only its head and the transport's stream buffer wait here.
            var opening: Task<OpenedResultsPage, any Error>?
            defer { opening?.cancel() }
            var current = finished ? nil : try await org.openQueryJobResults(
                state.jobID, locator: state.nextLocator, maxRecords: request.maxRecords)
            while let page = current {
                defer { page.cancel() }
                converter.beginPage()
                if let locator = page.nextLocator, request.stopAfterPages.map({ pagesThisRun + 1 < $0 }) ?? true {
                    let org = self.org
                    let jobID = state.jobID
                    let maxRecords = request.maxRecords
                    opening = Task { try await org.openQueryJobResults(jobID, locator: locator, maxRecords: maxRecords) }
                }
                while let chunk = try await page.nextChunk() { try sink.feed(chunk) }
                let pageRows = try await sink.endPage()
                if let announced = page.numberOfRecords, announced != pageRows.received {
                    throw ExportError(
                        .countMismatch,
                        "Bulk results page \(state.pages + 1) of job \(state.jobID) announced \(announced) rows (Sforce-NumberOfRecords) but held \(pageRows.received); the output was not written — run the export again")
                }
                state.committedRows += pageRows.received
                state.committedBytes = try await writer.boundary()
                state.pages += 1
                state.nextLocator = page.nextLocator
                if resumable { try state.save(for: request.output) }
                pagesThisRun += 1
                onProgress?(
                    ExportProgress(
                        rows: state.committedRows, expectedRows: expected, bytes: state.committedBytes,
                        seconds: Date().timeIntervalSince(started)))
                finished = page.nextLocator == nil
                if !finished, let stop = request.stopAfterPages, pagesThisRun >= stop {
                    throw ExportInterruption(pages: state.pages)
                }
                current = try await opening?.value
                opening = nil
            }
            if let expected, expected != state.committedRows {
                throw ExportError(
                    .countMismatch,
                    "Bulk job \(state.jobID) processed \(expected) rows but its results held \(state.committedRows); the output was not written — run the export again")
            }
            let (bytes, digest) = try await writer.commit()
            if resumable { RunJournal.remove(for: request.output) }
            let ended = Date()
            let tracker = converter.rowFilter
            return ExportResult(
                object: shape.objectName, query: request.soql, rows: state.committedRows - (tracker?.skipped ?? 0),
                skippedRows: tracker?.skipped ?? 0, bytes: bytes, api: "bulk", file: request.output, sha256: digest,
                start: journal?.startedAt ?? Self.timestamp(started), end: Self.timestamp(ended),
                seconds: ended.timeIntervalSince(started), jobID: state.jobID,
                newestModstamp: tracker?.tracker.newest,
                idsAtNewestModstamp: tracker?.tracker.newest == nil ? nil : tracker?.tracker.idsAtNewest.sorted(),
                resumed: journal != nil)
        } catch {
            // Keep the partial file and journal when pages were committed: --resume continues from there.
            let keep = resumable && (try? RunJournal.load(for: request.output)) != nil
                && !(error is ExportError && (error as? ExportError)?.kind == .countMismatch)
            await writer.abandon(keepPartial: keep)
            if !keep && resumable { RunJournal.remove(for: request.output) }
            throw error
        }
    }
}

/// Thrown by the `stopAfterPages` test hook, as a kill between pages would leave things.
public struct ExportInterruption: Error, Sendable, CustomStringConvertible {
    public let pages: Int
    public var description: String { "the export stopped after \(pages) committed pages; run it again with --resume" }
}

/// Receives one Bulk results page from the transfer thread and feeds the converter and the writer.
///
/// `@unchecked Sendable`: the transfer thread calls `feed` only while a `queryJobResults` call is in
/// flight, and the exporting task calls `endPage` only after that call returned, so the converter and
/// the buffer are never used by two threads at once (the await orders the accesses).
final class BulkPageSink: @unchecked Sendable {
    private let converter: BulkPageConverter
    private let writer: OutputWriter
    private var buffer: [UInt8] = []
    private var failure: Error?

    init(converter: BulkPageConverter, writer: OutputWriter) {
        self.converter = converter
        self.writer = writer
        buffer.reserveCapacity(Exporter.chunkSize + 64 * 1024)
    }

    /// Converts `chunk` a slice at a time and hands the output over whenever it reaches
    /// `Exporter.chunkSize`, so the output buffer never grows past one slice's worth whatever size the
    /// transport's chunks are (after a pause libcurl can deliver many megabytes in one write; appending such
    /// a chunk whole grew the buffer by doubling to 27 MB at 100,000 rows).
    func feed(_ chunk: [UInt8]) throws {
        try chunk.withUnsafeBufferPointer { whole in
            var start = 0
            while start < whole.count {
                let end = min(start + Exporter.chunkSize, whole.count)
                try converter.feed(UnsafeBufferPointer(rebasing: whole[start..<end]), into: &buffer)
                start = end
                if buffer.count >= Exporter.chunkSize {
                    try writer.writeBlocking(buffer)
                    buffer = []
                    buffer.reserveCapacity(Exporter.chunkSize + 64 * 1024)
                }
            }
        }
    }

    /// Flushes the rest of the page; returns the rows the page held.
    func endPage() async throws -> (received: Int, Void) {
        let rows = try converter.endPage(into: &buffer)
        try await writer.write(buffer)
        buffer = []
        return (rows, ())
    }
}
