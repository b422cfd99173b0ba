import ArgumentParser
import CommandSupport
import DataExport
import Foundation
import SalesforceConnection
import Synchronization

/// `sfexport [export] --query ... | --object ... | --objects ...`: argument parsing and wiring only.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a SOQL query, one object, or many objects.",
        discussion: ExitStatus.helpText)

    @Option(name: .long, help: "The SOQL statement to export.")
    var query: String?

    @Option(name: .long, help: "Export one object (with --fields, --where, --limit).")
    var object: String?

    @Option(name: .long, help: "Export several objects into --output-dir: A,B,C or 'all'.")
    var objects: String?

    @Option(name: .long, help: "Fields of --object/--objects: comma-separated names or paths, or 'all' (default).")
    var fields: String?

    @Option(name: .long, help: "WHERE condition for --object/--objects (without the WHERE keyword).")
    var `where`: String?

    @Option(name: .long, help: "LIMIT for --object/--objects.")
    var limit: Int?

    @Option(name: [.customShort("o"), .long], help: "Output file; '-' for standard output. Format and gzip follow the name (.csv, .jsonl, .ndjson, .gz).")
    var output: String?

    @Option(name: .long, help: "Folder for --objects (one file per object plus manifest.json).")
    var outputDir: String?

    @Option(name: .long, help: "csv or jsonl (default: from the output name, else csv).")
    var format: OutputFormat?

    @Option(name: .long, help: "gzip or none (default: from the output name).")
    var compress: OutputCompression?

    @Option(name: .long, help: "gzip level 1 (fastest, default) to 9 (smallest).")
    var compressionLevel: Int = 1

    @Option(name: .long, help: "gzip threads (default: every core).")
    var compressionThreads: Int?

    @Option(name: .long, help: "CSV text for null values (default: empty).")
    var nullValue: String = ""

    @Option(name: .long, help: "CSV delimiter: one character, or tab, comma, semicolon, pipe, caret, backquote.")
    var delimiter: String = ","

    @Option(name: .long, help: "CSV line ending: lf or crlf.")
    var lineEnding: CSVFormatOptions.LineEnding = .lf

    @Flag(name: .long, help: "Start CSV output with a UTF-8 byte order mark.")
    var bom = false

    @Flag(name: .long, help: "JSON Lines: keep each record's 'attributes'.")
    var keepAttributes = false

    @Flag(name: .long, help: "JSON Lines: dotted keys (Account.Name) instead of nested parents.")
    var flatten = false

    @Flag(name: .long, help: "CSV: write each subquery's child records as JSON in one cell.")
    var subqueryAsJSON = false

    @Option(name: .long, help: "auto (Bulk above --bulk-threshold rows, else REST), rest or bulk.")
    var api: APIChoice = .auto

    @Option(name: .long, help: "Rows above which --api auto uses Bulk API 2.0.")
    var bulkThreshold: Int = 50_000

    @Option(name: .long, help: "REST page size hint (200-2000).")
    var batchSize: Int?

    @Option(name: .long, help: "Bulk API 2.0 rows per results page (maxRecords).")
    var maxRecords: Int?

    @Flag(name: .long, help: "Include deleted and archived rows (queryAll).")
    var includeDeleted = false

    @Option(name: .long, help: "Only rows with SystemModstamp at or after this date/datetime.")
    var since: String?

    @Option(name: .long, help: "State file for incremental exports: exports rows changed since the last run.")
    var incremental: String?

    @Flag(name: .long, help: "Continue an interrupted Bulk export from its run journal beside the output.")
    var resume = false

    @Flag(name: .long, help: "No progress or summary on stderr.")
    var quiet = false

    @Flag(name: .long, help: "Print a JSON summary (rows, bytes, seconds, API calls, path, files) on stdout.")
    var json = false

    @OptionGroup var connection: ConnectionOptions

    mutating func validate() throws {
        let sources = [query != nil, object != nil, objects != nil].filter { $0 }.count
        guard sources == 1 else { throw ValidationError("give exactly one of --query, --object or --objects") }
        if objects != nil {
            guard outputDir != nil else { throw ValidationError("--objects needs --output-dir") }
            guard output == nil else { throw ValidationError("--objects writes into --output-dir; drop -o") }
            guard since == nil && incremental == nil && !resume else {
                throw ValidationError("--since, --incremental and --resume work with --query or --object")
            }
        } else {
            guard output != nil else { throw ValidationError("give the output file with -o FILE (or -o - for standard output)") }
        }
        if query != nil && (fields != nil || `where` != nil || limit != nil) {
            throw ValidationError("--fields, --where and --limit go with --object; put them in the --query text instead")
        }
        guard (1...9).contains(compressionLevel) else { throw ValidationError("--compression-level must be 1 to 9") }
        if since != nil && incremental != nil { throw ValidationError("give --since or --incremental, not both") }
        if resume && output == "-" { throw ValidationError("--resume needs an output file, not standard output") }
        if let batchSize, !(200...2000).contains(batchSize) { throw ValidationError("--batch-size must be 200 to 2000") }
    }

    func run() async throws {
        do {
            try await execute()
        } catch {
            CommandError.printAndExit(ExportFailure.commandError(error))
        }
    }

    private func execute() async throws {
        AllocatorTuning.apply()
        let started = Date()
        InterruptHandler.install(resumable: output != nil && output != "-" && api != .rest)
        let resolved = try connection.resolve()
        var settings = resolved.settings
        let tally = RequestTally()
        let previous = settings.requestObserver
        settings.requestObserver = { event in
            tally.add()
            previous?(event)
        }
        var configured = resolved
        configured.settings = settings
        try connection.checkAllowed("query", resolved: configured)
        let client = try connection.makeClient(configured)
        let org = SalesforceClientOrg(client: client, apiCalls: { tally.value })

        let progress = ProgressReporter(label: object ?? objects ?? "rows", enabled: StandardError.isTerminal && !quiet)
        let seen = Mutex((rows: 0, bytes: 0))
        let exporter = Exporter(org: org) { update in
            progress.setTotal(update.expectedRows)
            let delta = seen.withLock { last -> (Int, Int) in
                let delta = (update.rows - last.rows, update.bytes - last.bytes)
                last = (update.rows, update.bytes)
                return delta
            }
            progress.advance(records: delta.0, bytes: delta.1)
        }

        var template = ExportRequest(
            soql: "", output: output ?? "-",
            selection: try OutputSelection.resolve(path: output ?? "-", format: format, compression: compress))
        template.csv = CSVFormatOptions(
            delimiter: try CSVFormatOptions.delimiter(named: delimiter), lineEnding: lineEnding,
            nullValue: Array(nullValue.utf8), byteOrderMark: bom)
        template.compressionLevel = compressionLevel
        template.compressionThreads = compressionThreads ?? ProcessInfo.processInfo.activeProcessorCount
        template.keepAttributes = keepAttributes
        template.flatten = flatten
        template.subqueryAsJSON = subqueryAsJSON
        template.api = api
        template.bulkThreshold = bulkThreshold
        template.batchSize = batchSize
        template.maxRecords = maxRecords
        template.includeDeleted = includeDeleted
        template.resume = resume

        var results: [ExportResult] = []
        var unexportable: [Manifest.Unexportable] = []
        if let objects, let outputDir {
            let names = objects.lowercased() == "all"
                ? nil : objects.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            template.selection = OutputSelection(format: format ?? .csv, compression: compress ?? .none)
            let multi = MultiObjectExporter(exporter: exporter, concurrency: connection.concurrency ?? 4)
            let outcome = try await multi.run(
                objects: names, folder: outputDir, template: template,
                query: ObjectQuery(object: "", fields: fieldList, whereClause: `where`, limit: limit))
            results = outcome.results
            unexportable = outcome.manifest.unexportable
        } else {
            let (request, stateFile) = try await singleRequest(template, org: org)
            let result = try await exporter.run(request)
            if let stateFile, let newest = result.newestModstamp {
                try IncrementalState(
                    object: result.object, watermark: newest, idsAtWatermark: result.idsAtNewestModstamp ?? [],
                    updatedAt: result.end
                ).save(stateFile)
            }
            results = [result]
        }
        progress.finish()
        let calls = tally.value
        try report(results, unexportable: unexportable, apiCalls: calls, seconds: Date().timeIntervalSince(started))
        if !unexportable.isEmpty && results.isEmpty {
            throw CommandError("no object could be exported; see manifest.json for the reasons", status: .salesforceError)
        }
    }

    private var fieldList: [String]? {
        fields.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
    }

    /// The request for --query or --object, with the incremental condition applied.
    private func singleRequest(_ template: ExportRequest, org: SalesforceClientOrg) async throws
        -> (ExportRequest, String?)
    {
        var request = template
        let incrementalRun = since != nil || incremental != nil
        var schema: ExportSchema?
        if let object {
            schema = try await org.exportSchema(object)
            var required: [String] = incrementalRun ? ["Id", "SystemModstamp"] : []
            if includeDeleted { required.append("IsDeleted") }
            request.soql = try ObjectQuery(object: object, fields: fieldList, whereClause: `where`, limit: limit)
                .soql(schema: schema, requiredFields: required)
        } else if let query {
            request.soql = query
        }
        var shape = try QueryShape(request.soql)
        if schema == nil && request.selection.format == .jsonl && api != .rest {
            schema = try? await org.exportSchema(shape.objectName)
        }
        if let schema { request.valueKinds = ObjectQuery.valueKinds(columns: shape.columns, schema: schema) }
        var filter: IncrementalFilter?
        if let since { filter = IncrementalFilter(watermark: try IncrementalState.watermark(since: since)) }
        if let incremental, let state = try IncrementalState.load(incremental) {
            filter = state.filter
        }
        if incrementalRun {
            let names = Set(shape.columns.filter { $0.path.count == 1 }.map { $0.path[0].lowercased() })
            guard names.contains("id"), names.contains("systemmodstamp") else {
                throw ExportError(.usage, "an incremental export needs Id and SystemModstamp in the select list; add them to --query")
            }
            request.trackModstamp = incremental != nil
            request.incremental = filter
            if let filter {
                request.soql = try shape.addingCondition(IncrementalState.condition(watermark: filter.watermark))
                shape = try QueryShape(request.soql)
            }
        }
        return (request, incremental)
    }

    private func report(_ results: [ExportResult], unexportable: [Manifest.Unexportable], apiCalls: Int, seconds: Double)
        throws
    {
        let rows = results.reduce(0) { $0 + $1.rows }
        let bytes = results.reduce(0) { $0 + $1.bytes }
        if json {
            let summary = ExportSummary(
                rows: rows, bytes: bytes, seconds: (seconds * 1000).rounded() / 1000, apiCalls: apiCalls,
                api: Array(Set(results.map(\.api))).sorted().joined(separator: ","), files: results,
                unexportable: unexportable)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let text = String(decoding: try encoder.encode(summary), as: UTF8.self) + "\n"
            if results.contains(where: { $0.file == "-" }) { StandardError.write(text) } else { print(text, terminator: "") }
            return
        }
        guard !quiet else { return }
        for result in results {
            let skipped = result.skippedRows > 0 ? " (\(result.skippedRows) already exported, skipped)" : ""
            StandardError.write(
                "\(result.object): \(result.rows) rows\(skipped), \(Self.size(result.bytes)) in \(String(format: "%.2f", result.seconds)) s via \(result.api)\(result.resumed ? " (resumed)" : "") -> \(result.file)\n")
        }
        for item in unexportable {
            StandardError.write("\(item.object): not exported: \(item.reason)\n")
        }
        if results.count > 1 {
            StandardError.write("total: \(rows) rows, \(Self.size(bytes)), \(results.count) files, \(apiCalls) API calls, \(String(format: "%.2f", seconds)) s\n")
        } else {
            StandardError.write("\(apiCalls) API calls\n")
        }
    }

    static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1 << 20 { return String(format: "%.1f KiB", Double(bytes) / 1024) }
        if bytes < 1 << 30 { return String(format: "%.1f MiB", Double(bytes) / 1_048_576) }
        return String(format: "%.2f GiB", Double(bytes) / 1_073_741_824)
    }
}

extension OutputFormat: ExpressibleByArgument {}
extension OutputCompression: ExpressibleByArgument {}
extension APIChoice: ExpressibleByArgument {}
extension CSVFormatOptions.LineEnding: ExpressibleByArgument {}

/// The `--json` summary.
struct ExportSummary: Encodable {
    var rows: Int
    var bytes: Int
    var seconds: Double
    var apiCalls: Int
    var api: String
    var files: [ExportResult]
    var unexportable: [Manifest.Unexportable]
}

/// Counts HTTP exchanges for the summary.
final class RequestTally: Sendable {
    private let count = Mutex(0)
    func add() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}
