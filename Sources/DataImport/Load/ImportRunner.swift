import FieldMapping
import Foundation

/// Runs a load: reads and converts rows on its own thread, sends batches of up to 200 through the
/// `ImportService` with bounded concurrency, retries row-lock failures, and writes every row to exactly one
/// result file while journalling progress for `--resume`.
public struct ImportRunner: Sendable {
    public let service: any ImportService
    public let compiled: CompiledMapping
    public let options: ImportOptions

    public init(service: any ImportService, compiled: CompiledMapping, options: ImportOptions) {
        self.service = service
        self.compiled = compiled
        self.options = options
    }

    /// Loads the input.
    /// - Throws: `DataImportError` for unreadable input, unwritable results or an unusable journal; row-level
    ///   failures never throw, they go to the error file.
    public func run() async throws -> ImportSummary {
        let started = LocalValidator.now()
        let path = options.inputPath
        let input = try await LoadInput.open(compiled, options)
        let (handoff, builder, paths) = (input.handoff, input.builder, input.paths)
        let journalPath = RunJournal.path(forErrorFile: paths.error)
        let inputSize = (try? FileManager.default.attributesOfItem(atPath: options.inputPath)[.size] as? Int) ?? 0
        let identity = RunJournal.identity(
            object: compiled.object, operation: compiled.operation.rawValue, input: options.inputPath,
            inputSize: inputSize)

        var done = Set<Int>()
        var inFlight = Set<Int>()
        var journalState: RunJournal.State?
        var recoveredCounts = ResultFiles.Counts()
        if options.resume {
            let state = try RunJournal.read(path: journalPath)
            guard state.identity == identity else {
                throw DataImportError(
                    .journal,
                    "\(journalPath): the journal belongs to another run (\(state.identity)); resume with the same mapping and input"
                )
            }
            let recovered = try ResultFileRecovery.recover(
                successPath: paths.success, errorPath: paths.error, inputColumns: builder.echoColumns.count)
            done = recovered.doneRows
            recoveredCounts = recovered.counts
            inFlight = state.inFlightRows.subtracting(done)
            journalState = state
        }
        let results = try ResultFiles(
            successPath: paths.success, errorPath: paths.error, inputHeader: builder.echoHeader,
            resume: options.resume)
        results.seed(recoveredCounts)
        let journal = options.dryRun ? nil : try RunJournal(path: journalPath, identity: identity, continuing: journalState)

        let counters = RunCounters()
        let gate = BatchGate(capacity: max(1, options.concurrency) * 2)
        let (stream, continuation) = AsyncThrowingStream<[ImportRecord], any Error>.makeStream()
        let producer = RowProducer(
            handoff: handoff, builder: builder, results: results, counters: counters, gate: gate,
            batchSize: min(max(1, options.batchSize), 200), done: done, inFlight: inFlight,
            insertsUnknown: compiled.operation == .insert, continuation: continuation)
        let thread = Thread { producer.run() }
        thread.name = "sfimport-rows"
        thread.start()

        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                var running = 0
                for try await batch in stream {
                    if running >= max(1, options.concurrency) {
                        try await group.next()
                        running -= 1
                    }
                    group.addTask {
                        defer { gate.release() }
                        try await send(batch, results: results, journal: journal, counters: counters)
                    }
                    running += 1
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

        let counts = results.snapshot
        let values = counters.snapshot
        let succeeded = options.dryRun ? values.wouldSend : counts.succeeded
        return ImportSummary(
            object: compiled.object, operation: compiled.operation.rawValue, api: "rest", inputRows: values.rowsRead,
            succeeded: succeeded,
            created: compiled.operation == .insert ? counts.succeeded : counts.created,
            updated: compiled.operation.updates ? counts.succeeded - counts.created : 0,
            failed: counts.failed, rejectedLocally: values.rejectedLocally, lockRetries: values.lockRetries,
            resumedRows: values.resumedRows, dryRun: options.dryRun, seconds: LocalValidator.now() - started,
            successFile: paths.success, errorFile: paths.error)
    }

    /// Sends one batch, re-sending row-lock failures with backoff, and records every row's outcome.
    private func send(_ batch: [ImportRecord], results: ResultFiles, journal: RunJournal?, counters: RunCounters)
        async throws
    {
        if options.dryRun {
            counters.update { $0.wouldSend += batch.count }
            report(results, counters)
            return
        }
        let batchID = try journal?.willSend(rows: batch.map(\.row))
        var pending = batch
        var attempt = 0
        while !pending.isEmpty {
            let outcomes: [RowOutcome]
            do {
                outcomes = try await service.save(
                    pending, object: compiled.object, operation: compiled.operation,
                    externalIDField: compiled.externalIDField)
            } catch {
                let cell = service.failureCell(for: error, operation: compiled.operation)
                for record in pending { results.failed(record.echo, row: record.row, error: cell) }
                break
            }
            var locked: [ImportRecord] = []
            for (index, record) in pending.enumerated() {
                guard index < outcomes.count else {
                    results.failed(
                        record.echo, row: record.row, error: "MISSING_RESULT:Salesforce returned no result for this row")
                    continue
                }
                let outcome = outcomes[index]
                if outcome.isRowLock, attempt < options.lockRetries {
                    locked.append(record)
                    continue
                }
                switch outcome {
                case .success(let id, let created):
                    results.succeeded(
                        record.echo, row: record.row, id: id, created: created ?? (compiled.operation == .insert))
                case .failure(let code, let message):
                    results.failed(record.echo, row: record.row, error: "\(code):\(message)")
                }
            }
            pending = locked
            if !locked.isEmpty {
                attempt += 1
                counters.update { $0.lockRetries += locked.count }
                try await Task.sleep(for: options.lockRetryDelay * (1 << (attempt - 1)))
            }
        }
        try results.flush()
        if let batchID { try journal?.didFinish(batch: batchID) }
        report(results, counters)
    }

    private func report(_ results: ResultFiles, _ counters: RunCounters) {
        guard let progress = options.progress else { return }
        let counts = results.snapshot
        progress(
            ImportProgress(rowsRead: counters.snapshot.rowsRead, succeeded: counts.succeeded, failed: counts.failed))
    }
}
