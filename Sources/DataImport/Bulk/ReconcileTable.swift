import FieldMapping
import SalesforceConnection

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
        take(uploaded: BulkCSV.cells(record, targets: targets))
    }

    /// Removes and returns an outcome for a row by the cells it was uploaded with, if the job reported one.
    mutating func take(uploaded cells: [String]) -> RowOutcome? {
        let key = matchColumns.map { $0 < cells.count ? cells[$0] : "" }.joined(separator: "\u{1F}")
        guard var list = outcomes[key], !list.isEmpty else { return nil }
        let first = list.removeFirst()
        outcomes[key] = list.isEmpty ? nil : list
        return first
    }
}
