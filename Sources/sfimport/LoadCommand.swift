import ArgumentParser
import CommandSupport
import DataImport
import FieldMapping
import Foundation

/// `sfimport load`: validate, then load, writing every row to exactly one result file.
struct LoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Load a CSV file through a mapping (insert, update, upsert, delete, hardDelete).",
        discussion: """
            The mapping is validated against the org first and the load refuses to start on errors. Results go \
            to <name>.success.csv (input columns, sf__Row, sf__Id, sf__Created) and <name>.error.csv (input \
            columns, sf__Row, sf__Error as CODE:message) in --results-dir (default: beside the input); every \
            input row is in exactly one of them. Rows failing with UNABLE_TO_LOCK_ROW are retried first.

            \(ExitStatus.helpText)
            """)

    @OptionGroup var source: MappingSource

    @Option(name: .long, help: "CSV input (.csv, .csv.gz, or - for stdin).")
    var input: String?

    @Option(name: .long, help: "Reload only the rows of an error file from an earlier run (after fixing them).")
    var retryFailed: String?

    @Option(name: .long, help: "Directory for the result files (default: beside the input).")
    var resultsDir: String?

    @Option(name: .long, help: "auto | rest | bulk (auto: Bulk API 2.0 above --bulk-threshold rows).")
    var api = "auto"

    @Option(name: .long, help: "Rows above which --api auto uses Bulk API 2.0.")
    var bulkThreshold = 10_000

    @Option(name: .long, help: "Records per sObject Collections request (1-200).")
    var batchSize = 200

    @Flag(name: .long, help: "Validate and convert every row, write local rejects, send nothing.")
    var dryRun = false

    @Flag(name: .long, help: "Continue an interrupted load from its run journal.")
    var resume = false

    @Flag(name: .long, help: "Confirm delete or hardDelete without the typed confirmation.")
    var yes = false

    @Flag(name: .long, help: "Print the summary as one JSON object on stdout.")
    var json = false

    @OptionGroup var services: ServiceOptions

    func validate() throws {
        guard (input == nil) != (retryFailed == nil) else {
            throw ValidationError("give exactly one of --input and --retry-failed")
        }
        guard ["auto", "rest", "bulk"].contains(api) else { throw ValidationError("--api must be auto, rest or bulk") }
        guard (1...200).contains(batchSize) else { throw ValidationError("--batch-size must be between 1 and 200") }
        if services.schemaDir != nil { throw ValidationError("--schema-dir only validates; a load needs an org") }
    }

    func run() async throws {
        AllocatorTuning.apply()
        var path = retryFailed ?? input ?? "-"
        let mapping = try source.load()
        // A pipe can be read once; the load reads its input several times, so standard input goes to a private
        // temporary copy first (result files are still named stdin.*).
        var stdinCopy: StandardInputCopy?
        if path == "-" {
            if resume {
                throw CommandError(
                    "--resume needs the input as a file: standard input cannot be read again; save it to a file and load that",
                    status: .usage)
            }
            stdinCopy = try StandardInputCopy()
            path = stdinCopy?.path ?? path
        }
        defer { stdinCopy?.remove() }
        let resolved = try services.connection.resolve()
        // Org profile restrictions and destructive confirmations come before any request.
        try services.connection.checkAllowed(mapping.operation.rawValue, resolved: resolved)
        if mapping.operation.isDestructive && !dryRun { try confirm(mapping) }

        let client = try services.connection.makeClient(resolved)
        let service = SalesforceImportService(client: client)
        let header = try await LocalValidator.header(of: path).filter { !$0.hasPrefix("sf__") }
        let report = try await service.validate(mapping, csvHeader: header)
        for diagnostic in report.diagnostics { FileHandle.standardError.write(Data("\(diagnostic)\n".utf8)) }
        if report.hasErrors {
            throw CommandError(
                "\(mapping.path): \(report.errorCount) error(s); nothing was sent. Fix them (sfimport validate "
                    + "lists them all) and run again", status: .validationFailed)
        }

        var options = ImportOptions(inputPath: path)
        options.resultsName = stdinCopy == nil ? nil : "-"
        options.resultsDirectory = resultsDir
        options.batchSize = batchSize
        options.concurrency = services.connection.concurrency ?? 4
        options.dryRun = dryRun
        options.resume = resume
        let progress = ProgressReporter(label: mapping.object)
        let bridge = ProgressBridge(progress)
        options.progress = { bridge.update($0) }

        let useBulk = try await chooseBulk(mapping.operation, path: path)
        let summary: ImportSummary
        do {
            if useBulk {
                summary = try await BulkImportRunner(client: client, compiled: report.compiled, options: options).run()
            } else {
                summary = try await ImportRunner(service: service, compiled: report.compiled, options: options).run()
            }
        } catch {
            progress.finish()
            try? resolved.auditLog?.record(
                AuditLog.Entry(
                    org: resolved.orgLabel, user: services.connection.username, action: mapping.operation.rawValue,
                    object: report.compiled.object, records: 0, outcome: "failed", detail: "\(error)"))
            throw error
        }
        progress.finish()
        if !dryRun {
            try resolved.auditLog?.record(
                AuditLog.Entry(
                    org: resolved.orgLabel, user: services.connection.username, action: mapping.operation.rawValue,
                    object: report.compiled.object, records: summary.inputRows,
                    outcome: summary.failed == 0 ? "success" : "partial",
                    detail: "\(summary.succeeded) succeeded, \(summary.failed) failed via \(summary.api)"))
        }
        if json {
            print(summary.json())
        } else {
            for line in summary.lines { FileHandle.standardError.write(Data("\(line)\n".utf8)) }
        }
        if summary.failed > 0 { throw ExitStatus.rowsRejected.exitCode }
    }

    private func chooseBulk(_ operation: ImportOperation, path: String) async throws -> Bool {
        switch api {
        case "bulk": return true
        case "rest":
            if operation == .hardDelete {
                throw ValidationError("hardDelete is only available through Bulk API 2.0; use --api bulk or auto")
            }
            return false
        default:
            if operation == .hardDelete { return true }
            if resume {
                return FileManager.default.fileExists(atPath: BulkImportRunner.marker(input: path, directory: resultsDir))
            }
            return try await LocalValidator.countRows(path: path, limit: bulkThreshold + 1) > bulkThreshold
        }
    }

    /// delete and hardDelete need --yes, or the object name typed at a terminal.
    private func confirm(_ mapping: ImportMapping) throws {
        if yes { return }
        guard isatty(0) == 1, isatty(2) == 1 else {
            throw CommandError(
                "\(mapping.operation.rawValue) removes records; pass --yes to confirm (no terminal to ask on)",
                status: .usage)
        }
        FileHandle.standardError.write(
            Data(
                "\(mapping.operation.rawValue) will remove \(mapping.object) records listed in the input. Type the object name (\(mapping.object)) to confirm: "
                    .utf8))
        let answer = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces) ?? ""
        guard answer == mapping.object else {
            throw CommandError("not confirmed; nothing was sent", status: .usage)
        }
    }
}

/// Turns the loader's running totals into ProgressReporter increments.
/// `@unchecked Sendable`: `last` is only touched under `lock`.
final class ProgressBridge: @unchecked Sendable {
    private let reporter: ProgressReporter
    private let lock = NSLock()
    private var last = 0

    init(_ reporter: ProgressReporter) { self.reporter = reporter }

    func update(_ progress: ImportProgress) {
        let done = progress.succeeded + progress.failed
        let delta: Int = lock.withLock {
            let delta = max(0, done - last)
            last = max(last, done)
            return delta
        }
        reporter.advance(records: delta)
    }
}
