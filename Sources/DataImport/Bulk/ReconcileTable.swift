import FieldMapping
import RecordFiles
import SalesforceConnection

/// Outcomes from a job's result files, keyed by the uploaded text cells; several identical rows share a key and
/// take its outcomes one by one.
struct ReconcileTable {
    let matchColumns: [Int]
    private var outcomes: [ReconcileKey: RowOutcome] = [:]
    /// Further outcomes of keys that several uploaded rows share, in arrival order.
    private var repeated: [ReconcileKey: [RowOutcome]] = [:]

    init(matchColumns: [Int]) { self.matchColumns = matchColumns }

    mutating func add(job: String, client: SalesforceClient, targets: [WireTarget]) async throws {
        for kind in [IngestResultKind.successful, .failed] {
            // Results are spooled to a temporary file and read back as a stream, never held whole.
            let spool = try SpoolFile(purpose: "results", bufferBytes: 256 << 10)
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
            var joined: [UInt8] = []
            while let (key, outcome) = try reader.readRecord({ record -> (ReconcileKey, RowOutcome) in
                joined.removeAll(keepingCapacity: true)
                for (position, column) in columns.enumerated() {
                    if position > 0 { joined.append(0x1F) }
                    if column >= 0 { joined.append(contentsOf: record[column]) }
                }
                let key = ReconcileKey(joined)
                if kind == .successful {
                    let id = idColumn.map { record.string(at: $0) } ?? ""
                    let created = createdColumn.map { column -> Bool in
                        let cell = record[column]
                        return cell.count == 4 && cell[0] == UInt8(ascii: "t")
                    }
                    return (key, .success(id: id, created: created))
                }
                let text = errorColumn.map { record.string(at: $0) } ?? "UNKNOWN_ERROR:"
                let parts = text.split(separator: ":", maxSplits: 1)
                var message = parts.count > 1 ? String(parts[1]) : text
                if message.hasSuffix(" --") { message = String(message.dropLast(3)) }
                return (key, .failure(code: parts.first.map(String.init) ?? "UNKNOWN_ERROR", message: message))
            }) {
                if outcomes[key] == nil {
                    outcomes[key] = outcome
                } else {
                    repeated[key, default: []].append(outcome)
                }
            }
        }
    }

    /// Removes and returns an outcome for the record, if the job reported one.
    mutating func take(_ record: ImportRecord, targets: [WireTarget]) -> RowOutcome? {
        take(uploaded: BulkCSV.cells(record, targets: targets))
    }

    /// Removes and returns an outcome for a row by the cells it was uploaded with, if the job reported one.
    mutating func take(uploaded cells: [String]) -> RowOutcome? {
        take(key: ReconcileKey(cells: cells, columns: matchColumns))
    }

    /// Removes and returns an outcome for a row by its key, if the job reported one.
    mutating func take(key: ReconcileKey) -> RowOutcome? {
        guard let first = outcomes.removeValue(forKey: key) else { return nil }
        if var more = repeated.removeValue(forKey: key), !more.isEmpty {
            outcomes[key] = more.removeFirst()
            if !more.isEmpty { repeated[key] = more }
        }
        return first
    }
}
