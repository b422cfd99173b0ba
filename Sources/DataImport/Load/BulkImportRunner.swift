import FieldMapping
import Foundation
import RecordFiles
import SalesforceConnection

/// Runs a load through Bulk API 2.0: rows are converted locally (local rejects go straight to the error file),
/// written as CSV with relationship columns (`Account.Legacy_Id__c`) and `#N/A` for nulls, uploaded one job per
/// chunk (at most `rowsPerJob` rows and 100 MB), and the job's successful/failed/unprocessed results are matched
/// back to input rows by their uploaded text cells (Bulk results echo the uploaded columns, in no set order).
///
/// The job id is journalled before the upload, so a resumed run reads the job's results instead of re-sending:
/// inserts are never duplicated, rows the job never processed are sent again.
public struct BulkImportRunner: Sendable {
    public let client: SalesforceClient
    public let compiled: CompiledMapping
    public let options: ImportOptions
    /// Rows per ingest job; bounds memory (each job keeps its rows' cells until its results are in).
    public var rowsPerJob = 50_000

    public init(client: SalesforceClient, compiled: CompiledMapping, options: ImportOptions) {
        self.client = client
        self.compiled = compiled
        self.options = options
    }

    /// The uploaded columns: `Id` alone for deletes, else every column and constant target.
    var targets: [WireTarget] { compiled.operation.isDestructive ? [.field("Id")] : compiled.targets }

    /// Indices of the targets whose uploaded text comes back verbatim in result files (numbers and booleans may
    /// be re-rendered), used to match results to rows.
    var matchColumns: [Int] {
        if compiled.operation.isDestructive { return [0] }
        var columns: [Int] = []
        for (index, column) in compiled.columns.enumerated() where column.converter.producesText { columns.append(index) }
        for (offset, constant) in compiled.constants.enumerated() {
            switch constant.value {
            case .number, .bool: continue
            default: columns.append(compiled.columns.count + offset)
            }
        }
        return columns
    }

    /// The marker beside the results that says an interrupted run used Bulk API 2.0 (for `--resume`).
    public static func marker(input: String, directory: String?) -> String {
        RunJournal.path(forErrorFile: ResultFiles.paths(input: input, directory: directory).error) + ".bulk"
    }

    public func run() async throws -> ImportSummary {
        let started = LocalValidator.now()
        let path = options.inputPath
        let handoff = try await OffPool.run("sfimport-open") { () -> ReaderHandoff in
            ReaderHandoff(try InputOpener.reader(path: path))
        }
        let header = handoff.reader.columns
        let bound = BoundMapping(compiled: compiled, header: header)
        let builder = RecordBuilder(bound: bound)
        let paths = ResultFiles.paths(input: path, directory: options.resultsDirectory)
        try ResultFiles.createDirectory(for: paths.success)
        let journalPath = RunJournal.path(forErrorFile: paths.error)
        let inputSize = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let identity = RunJournal.identity(
            object: compiled.object, operation: compiled.operation.rawValue, input: path, inputSize: inputSize)

        var done = Set<Int>()
        var inFlight = Set<Int>()
        var journalState: RunJournal.State?
        var recoveredCounts = ResultFiles.Counts()
        var reconcile = ReconcileTable(matchColumns: matchColumns)
        if options.resume {
            let state = try RunJournal.read(path: journalPath)
            guard state.identity == identity else {
                throw DataImportError(
                    .journal, "\(journalPath): the journal belongs to another run; resume with the same mapping and input")
            }
            let recovered = try ResultFileRecovery.recover(
                successPath: paths.success, errorPath: paths.error, inputColumns: builder.echoColumns.count)
            done = recovered.doneRows
            recoveredCounts = recovered.counts
            inFlight = state.inFlightRows.subtracting(done)
            journalState = state
            for job in state.inFlightJobs { try await settle(job: job, into: &reconcile) }
        }
        let results = try ResultFiles(
            successPath: paths.success, errorPath: paths.error, inputHeader: builder.echoHeader, resume: options.resume)
        results.seed(recoveredCounts)
        let journal = options.dryRun ? nil : try RunJournal(path: journalPath, identity: identity, continuing: journalState)
        if !options.dryRun { _ = FileManager.default.createFile(atPath: Self.marker(input: path, directory: options.resultsDirectory), contents: nil) }

        let counters = RunCounters()
        let gate = BatchGate(capacity: 2)
        let (stream, continuation) = AsyncThrowingStream<[ImportRecord], any Error>.makeStream()
        let producer = RowProducer(
            handoff: handoff, builder: builder, results: results, counters: counters, gate: gate,
            batchSize: max(1, rowsPerJob), done: done, inFlight: inFlight, insertsUnknown: false,
            continuation: continuation)
        let thread = Thread { producer.run() }
        thread.name = "sfimport-rows"
        thread.start()

        var jobs: [String] = []
        do {
            for try await batch in stream {
                defer { gate.release() }
                var pending: [ImportRecord] = []
                for record in batch {
                    if inFlight.contains(record.row), let outcome = reconcile.take(record, targets: targets) {
                        write(outcome, record, results)
                    } else {
                        pending.append(record)
                    }
                }
                if options.dryRun {
                    counters.update { $0.wouldSend += pending.count }
                    continue
                }
                var attempt = 0
                while !pending.isEmpty {
                    let (job, locked) = try await send(pending, results: results, journal: journal, retry: attempt < options.lockRetries)
                    jobs.append(job)
                    pending = locked
                    if !locked.isEmpty {
                        attempt += 1
                        counters.update { $0.lockRetries += locked.count }
                        try await Task.sleep(for: options.lockRetryDelay * (1 << (attempt - 1)))
                    }
                }
                let counts = results.snapshot
                options.progress?(ImportProgress(rowsRead: counters.snapshot.rowsRead, succeeded: counts.succeeded, failed: counts.failed))
            }
        } catch {
            gate.cancel()
            try? results.flush()
            throw error
        }
        try results.flush()
        try journal?.complete()
        try? FileManager.default.removeItem(atPath: Self.marker(input: path, directory: options.resultsDirectory))

        let counts = results.snapshot
        let values = counters.snapshot
        return ImportSummary(
            object: compiled.object, operation: compiled.operation.rawValue, api: "bulk", inputRows: values.rowsRead,
            succeeded: options.dryRun ? values.wouldSend : counts.succeeded,
            created: compiled.operation == .insert ? counts.succeeded : counts.created,
            updated: compiled.operation.updates ? counts.succeeded - counts.created : 0,
            failed: counts.failed, rejectedLocally: values.rejectedLocally, lockRetries: values.lockRetries,
            resumedRows: values.resumedRows, dryRun: options.dryRun, seconds: LocalValidator.now() - started,
            successFile: paths.success, errorFile: paths.error)
    }

    /// Reads the outcome of a job an interrupted run created. A job still Open was never fully uploaded: it is
    /// aborted and its rows are sent again. A job still running is waited for.
    private func settle(job: String, into table: inout ReconcileTable) async throws {
        let info = try await client.ingestJobInfo(job)
        if info.state == .open {
            _ = try? await client.abortJob(job)
            return
        }
        if info.state == .aborted { return }
        if !info.state.isTerminal { _ = try await client.waitForIngestJob(job) }
        try await table.add(job: job, client: client, targets: targets)
    }

    private func write(_ outcome: RowOutcome, _ record: ImportRecord, _ results: ResultFiles) {
        switch outcome {
        case .success(let id, let created):
            results.succeeded(record.cells, row: record.row, id: id, created: created ?? (compiled.operation == .insert))
        case .failure(let code, let message):
            results.failed(record.cells, row: record.row, error: "\(code):\(message)")
        }
    }

    /// Uploads one job, waits for it, writes every row's outcome; returns the job id and the row-locked rows to
    /// re-send when `retry` allows.
    private func send(_ records: [ImportRecord], results: ResultFiles, journal: RunJournal?, retry: Bool)
        async throws -> (String, [ImportRecord])
    {
        let targets = self.targets
        // The job's CSV goes through a temporary file and is uploaded from it: never a 100 MB array in memory.
        let csv = try SpoolFile(purpose: "upload")
        defer { csv.remove() }
        try csv.append { BulkCSV.appendRow(targets.map(\.bulkHeader), to: &$0) }
        for record in records {
            let cells = BulkCSV.cells(record, targets: targets)
            try csv.append { BulkCSV.appendRow(cells, to: &$0) }
        }
        try csv.finish()
        if csv.byteCount > SalesforceClient.maxIngestUploadBytes, records.count > 1 {
            // Jobs take at most 100 MB: split the rows in two and send each half as its own job.
            csv.remove()
            let half = records.count / 2
            let (firstJob, firstLocked) = try await send(Array(records[..<half]), results: results, journal: journal, retry: retry)
            let (_, secondLocked) = try await send(Array(records[half...]), results: results, journal: journal, retry: retry)
            return (firstJob, firstLocked + secondLocked)
        }
        guard let operation = BulkOperation(rawValue: compiled.operation.rawValue) else {
            throw DataImportError(.operationRefused, "\(compiled.operation.rawValue) is not a Bulk API 2.0 operation")
        }
        let job = try await client.createIngestJob(
            IngestJobRequest(object: compiled.object, operation: operation, externalIDField: compiled.externalIDField))
        let batch = try journal?.willSend(rows: records.map(\.row), job: job.id)
        do {
            try await client.uploadJobData(job.id, file: csv.path)
            _ = try await client.closeJob(job.id)
        } catch {
            _ = try? await client.abortJob(job.id)
            let cell = "REQUEST_FAILED:\(error)"
            for record in records { results.failed(record.cells, row: record.row, error: cell) }
            try results.flush()
            if let batch { try journal?.didFinish(batch: batch) }
            return (job.id, [])
        }
        let info = try await client.waitForIngestJob(job.id)
        var table = ReconcileTable(matchColumns: matchColumns)
        try await table.add(job: job.id, client: client, targets: targets)
        var locked: [ImportRecord] = []
        for record in records {
            guard let outcome = table.take(record, targets: targets) else {
                let reason = info.errorMessage.map { "the job ended \(info.state): \($0)" } ?? "the job did not process this row"
                results.failed(record.cells, row: record.row, error: "UNPROCESSED:\(reason)")
                continue
            }
            if outcome.isRowLock, retry {
                locked.append(record)
                continue
            }
            write(outcome, record, results)
        }
        try results.flush()
        if let batch { try journal?.didFinish(batch: batch) }
        return (job.id, locked)
    }
}

/// Bulk CSV cells for a record: its values in target order, `#N/A` for null, empty for omitted.
enum BulkCSV {
    static func cells(_ record: ImportRecord, targets: [WireTarget]) -> [String] {
        if targets == [.field("Id")], let key = record.key { return [key] }
        var cells = [String](repeating: "", count: targets.count)
        for (target, value) in record.values {
            if let index = targets.firstIndex(of: target) { cells[index] = value.bulkText }
        }
        return cells
    }

    static func appendRow(_ cells: [String], to buffer: inout [UInt8]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            CSVLineWriter.appendCell(cell, to: &buffer)
        }
        buffer.append(10)
    }

}

/// Outcomes from a job's result files, keyed by the uploaded text cells; several identical rows share a key and
/// take its outcomes one by one.
struct ReconcileTable {
    let matchColumns: [Int]
    private var outcomes: [String: [RowOutcome]] = [:]

    init(matchColumns: [Int]) { self.matchColumns = matchColumns }

    mutating func add(job: String, client: SalesforceClient, targets: [WireTarget]) async throws {
        for kind in [IngestResultKind.successful, .failed] {
            // Results are spooled to a temporary file and read back as a stream, never held whole.
            let spool = try SpoolFile(purpose: "results")
            defer { spool.remove() }
            try await client.ingestResults(job, kind: kind) { try spool.append($0) }
            try spool.finish()
            guard spool.byteCount > 0 else { continue }
            let reader = try InputOpener.reader(path: spool.path)
            let header = reader.columns
            let idColumn = header.firstIndex(of: "sf__Id")
            let createdColumn = header.firstIndex(of: "sf__Created")
            let errorColumn = header.firstIndex(of: "sf__Error")
            let columns = matchColumns.map { header.firstIndex(of: targets[$0].bulkHeader) ?? -1 }
            while let cells = try reader.readRow() {
                let key = columns.map { $0 >= 0 && $0 < cells.count ? cells[$0] : "" }.joined(separator: "\u{1F}")
                let outcome: RowOutcome
                if kind == .successful {
                    let id = idColumn.map { cells[$0] } ?? ""
                    outcome = .success(id: id, created: createdColumn.map { cells[$0] == "true" })
                } else {
                    let text = errorColumn.map { cells[$0] } ?? "UNKNOWN_ERROR:"
                    let parts = text.split(separator: ":", maxSplits: 1)
                    var message = parts.count > 1 ? String(parts[1]) : text
                    if message.hasSuffix(" --") { message = String(message.dropLast(3)) }
                    outcome = .failure(code: parts.first.map(String.init) ?? "UNKNOWN_ERROR", message: message)
                }
                outcomes[key, default: []].append(outcome)
            }
        }
    }

    /// Removes and returns an outcome for the record, if the job reported one.
    mutating func take(_ record: ImportRecord, targets: [WireTarget]) -> RowOutcome? {
        let cells = BulkCSV.cells(record, targets: targets)
        let key = matchColumns.map { cells[$0] }.joined(separator: "\u{1F}")
        guard var list = outcomes[key], !list.isEmpty else { return nil }
        let first = list.removeFirst()
        outcomes[key] = list.isEmpty ? nil : list
        return first
    }
}
