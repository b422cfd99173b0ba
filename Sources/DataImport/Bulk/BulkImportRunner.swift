import FieldMapping
import Foundation
import RecordFiles
import SalesforceConnection

/// Runs a load through Bulk API 2.0: rows are converted locally (local rejects go straight to the error file),
/// written as CSV with relationship columns (`Account.Legacy_Id__c`) and `#N/A` for nulls, uploaded one job per
/// chunk (at most `rowsPerJob` rows and 100 MB), and the job's successful/failed/unprocessed results are matched
/// back to input rows by their uploaded text cells (Bulk results echo the uploaded columns, in no set order).
///
/// Up to `options.concurrency` jobs run at once (capped at `maxConcurrentJobs`), so uploads, server processing
/// and result downloads overlap. A job's rows wait on disk (`BulkJobChunk`), not in memory: memory stays flat
/// for any file size and job count.
///
/// The job id is journalled before the upload, so a resumed run reads the job's results instead of re-sending:
/// inserts are never duplicated, rows the job never processed are sent again.
public struct BulkImportRunner: Sendable {
    public let client: SalesforceClient
    public let compiled: CompiledMapping
    public let options: ImportOptions
    /// Rows per ingest job. A multiple of 10,000, the size Salesforce splits ingest jobs into internally, so
    /// the split costs no extra daily batches; small enough that a 100k-row load still runs as several jobs
    /// at once, large enough that per-job round trips stay a small share of the time.
    public var rowsPerJob = 20_000
    /// Jobs in flight at once, whatever `--concurrency` asks: each holds one job's outcome table while it
    /// reconciles, and Salesforce processes an org's ingest jobs in a shared queue anyway.
    public static let maxConcurrentJobs = 4

    public init(client: SalesforceClient, compiled: CompiledMapping, options: ImportOptions) {
        self.client = client
        self.compiled = compiled
        self.options = options
    }

    /// The uploaded columns: `Id` alone for deletes, else every column and constant target.
    var targets: [WireTarget] { compiled.operation.isDestructive ? [.field("Id")] : compiled.targets }

    /// The first line of every job's upload: the target columns' Bulk headers.
    var uploadHeader: [UInt8] {
        var line: [UInt8] = []
        BulkCSV.appendRow(targets.map(\.bulkHeader), to: &line)
        return line
    }

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
        let input = try await LoadInput.open(compiled, options)
        let (handoff, builder, paths) = (input.handoff, input.builder, input.paths)
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
        if !options.dryRun { _ = FileManager.default.createFile(atPath: Self.marker(input: options.resultsName ?? path, directory: options.resultsDirectory), contents: nil) }

        let counters = RunCounters()
        // Small batches from the producer thread: the rows go to disk as soon as they arrive.
        let gate = BatchGate(capacity: 2)
        let (stream, continuation) = AsyncThrowingStream<[ImportRecord], any Error>.makeStream()
        let producer = RowProducer(
            handoff: handoff, builder: builder, results: results, counters: counters, gate: gate,
            batchSize: 1_000, done: done, inFlight: inFlight, insertsUnknown: false,
            continuation: continuation)
        let thread = Thread { producer.run() }
        thread.name = "sfimport-rows"
        thread.start()

        let targets = self.targets
        let matchColumns = self.matchColumns
        let uploadHeader = self.uploadHeader
        let parallel = max(1, min(options.concurrency, Self.maxConcurrentJobs))
        let limit = max(1, rowsPerJob)
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                var running = 0
                var chunk: BulkJobChunk?
                for try await batch in stream {
                    defer { gate.release() }
                    for record in batch {
                        if inFlight.contains(record.row), let outcome = reconcile.take(record, targets: targets) {
                            write(outcome, record, results)
                            continue
                        }
                        if options.dryRun {
                            counters.update { $0.wouldSend += 1 }
                            continue
                        }
                        let cells = BulkCSV.cells(record, targets: targets)
                        var line: [UInt8] = []
                        BulkCSV.appendRow(cells, to: &line)
                        if let full = chunk, full.count >= limit
                            || full.uploadBytes + line.count > SalesforceClient.maxIngestUploadBytes
                        {
                            chunk = nil
                            if running >= parallel {
                                try await group.next()
                                running -= 1
                            }
                            group.addTask { try await self.runJob(full, results: results, journal: journal, counters: counters) }
                            running += 1
                        }
                        if chunk == nil { chunk = try BulkJobChunk(header: uploadHeader) }
                        try chunk?.add(line: line, key: ReconcileKey(cells: cells, columns: matchColumns).bytes, row: record.row, echo: record.echo)
                    }
                    let counts = results.snapshot
                    options.progress?(
                        ImportProgress(rowsRead: counters.snapshot.rowsRead, succeeded: counts.succeeded, failed: counts.failed))
                }
                if let last = chunk, last.count > 0 {
                    group.addTask { try await self.runJob(last, results: results, journal: journal, counters: counters) }
                }
                try await group.waitForAll()
            }
        } catch {
            gate.cancel()
            try? results.flush()
            throw error
        }
        try results.flush()
        try journal?.complete()
        try? FileManager.default.removeItem(atPath: Self.marker(input: options.resultsName ?? path, directory: options.resultsDirectory))

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
        record.echo.withUnsafeBufferPointer { write(outcome, row: record.row, echo: $0, results) }
    }

    private func write(_ outcome: RowOutcome, row: Int, echo: UnsafeBufferPointer<UInt8>, _ results: ResultFiles) {
        switch outcome {
        case .success(let id, let created):
            results.succeeded(echo: echo, row: row, id: id, created: created ?? (compiled.operation == .insert))
        case .failure(let code, let message):
            results.failed(echo: echo, row: row, error: "\(code):\(message)")
        }
    }

    /// Uploads one job, waits for it and writes every row's outcome; rows that failed with `UNABLE_TO_LOCK_ROW`
    /// go again as a new job, after a doubling delay, until `options.lockRetries` is spent.
    private func runJob(_ chunk: BulkJobChunk, results: ResultFiles, journal: RunJournal?, counters: RunCounters, attempt: Int = 0)
        async throws
    {
        defer { chunk.remove() }
        try chunk.finish()
        guard let operation = BulkOperation(rawValue: compiled.operation.rawValue) else {
            throw DataImportError(.operationRefused, "\(compiled.operation.rawValue) is not a Bulk API 2.0 operation")
        }
        let targets = self.targets
        let job = try await client.createIngestJob(
            IngestJobRequest(object: compiled.object, operation: operation, externalIDField: compiled.externalIDField))
        let batch = try journal?.willSend(rows: chunk.rows, job: job.id)
        do {
            try await client.uploadJobData(job.id, file: chunk.uploadPath)
            _ = try await client.closeJob(job.id)
        } catch {
            _ = try? await client.abortJob(job.id)
            let cell = "REQUEST_FAILED:\(error)"
            try chunk.forEachRow { row in results.failed(echo: row.echo, row: row.number, error: cell) }
            try results.flush()
            if let batch { try journal?.didFinish(batch: batch) }
            return
        }
        let info = try await client.waitForIngestJob(job.id)
        var table = ReconcileTable(matchColumns: matchColumns)
        try await table.add(job: job.id, client: client, targets: targets)
        let retry = attempt < options.lockRetries
        let locked = try BulkJobChunk(header: uploadHeader)
        try chunk.forEachRow { row in
            guard let outcome = table.take(key: ReconcileKey(stored: row.key)) else {
                let reason = info.errorMessage.map { "the job ended \(info.state): \($0)" } ?? "the job did not process this row"
                results.failed(echo: row.echo, row: row.number, error: "UNPROCESSED:\(reason)")
                return
            }
            if outcome.isRowLock, retry {
                try locked.add(line: try chunk.uploadLine(row), key: Array(row.key), row: row.number, echo: Array(row.echo))
                return
            }
            write(outcome, row: row.number, echo: row.echo, results)
        }
        try results.flush()
        if let batch { try journal?.didFinish(batch: batch) }
        guard locked.count > 0 else {
            locked.remove()
            return
        }
        counters.update { $0.lockRetries += locked.count }
        try await Task.sleep(for: options.lockRetryDelay * (1 << attempt))
        try await runJob(locked, results: results, journal: journal, counters: counters, attempt: attempt + 1)
    }
}
