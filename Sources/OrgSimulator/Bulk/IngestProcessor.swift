import Foundation

/// Processes a closed ingest job in the background, 10,000 records per store write (Salesforce's
/// internal batch size), advancing the job's counters as it goes, and writes the result CSVs.
enum IngestProcessor {
    static let batchSize = 10_000

    static func schedule(_ org: Org, jobID: String) {
        org.workQueue.async { process(org, jobID: jobID) }
    }

    static func fail(_ org: Org, _ jobID: String, _ message: String) {
        org.ingestJobs.update(jobID) { job in
            job.state = .failed
            job.errorMessage = message
            job.data = nil
            job.systemModstamp = Int64(Date().timeIntervalSince1970 * 1000)
        }
    }

    static func process(_ org: Org, jobID: String) {
        let started = Date()
        guard let job = org.ingestJobs.update(jobID, { job -> IngestJob? in
            guard job.state == .uploadComplete else { return nil }
            job.state = .inProgress
            job.systemModstamp = Int64(Date().timeIntervalSince1970 * 1000)
            return job
        }) ?? nil else { return }
        guard let data = job.data, !data.isEmpty else {
            fail(org, jobID, "InvalidBatch : Failed to process query: no data was uploaded for this job")
            return
        }
        // Line endings must match the job's setting, as Salesforce enforces.
        let hasCRLF = data.indices.dropLast().contains { data[$0] == 0x0D && data[$0 + 1] == 0x0A }
        if job.lineEnding == "LF" && hasCRLF {
            fail(org, jobID, "ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is LF")
            return
        }
        if job.lineEnding == "CRLF" && !hasCRLF && data.contains(0x0A) {
            fail(org, jobID, "ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is CRLF")
            return
        }
        let rows: [[String]]
        do { rows = try SimpleCSV.parse(data, delimiter: job.delimiter) } catch {
            fail(org, jobID, "ClientInputError : \(error)")
            return
        }
        guard let header = rows.first, !header.isEmpty else {
            fail(org, jobID, "InvalidBatch : Failed to parse the header row: the upload is empty")
            return
        }
        guard let table = org.store.read({ $0.table(named: job.object) }) else {
            fail(org, jobID, "InvalidBatch : Entity \(job.object) is not available")
            return
        }
        let mapper: CSVRecordMapper
        do { mapper = try CSVRecordMapper(header: header, schema: table.schema) } catch {
            fail(org, jobID, "\(error.code) : \(error.message)")
            return
        }
        let idColumn = header.firstIndex { $0.lowercased() == "id" }
        switch job.operation {
        case .update, .delete, .hardDelete:
            guard idColumn != nil else {
                fail(org, jobID, "InvalidBatch : Field name not found : Id")
                return
            }
        case .upsert:
            guard let ext = job.externalIDFieldName, header.contains(where: { $0.lowercased() == ext.lowercased() }) else {
                fail(org, jobID, "InvalidBatch : Field name not found : \(job.externalIDFieldName ?? "")")
                return
            }
        case .insert: break
        }
        let delimiter = job.delimiter
        let newline = job.newline
        var successful = CSVOut(delimiter: delimiter, newline: newline)
        var failures = CSVOut(delimiter: delimiter, newline: newline)
        successful.header(["sf__Id", "sf__Created"], header)
        failures.header(["sf__Id", "sf__Error"], header)
        let records = rows.dropFirst()
        let userSlot = org.user(named: job.createdByID)?.1
        _ = userSlot
        let userID = job.createdByID
        var index = records.startIndex
        var processed = 0
        var failedCount = 0
        while index < records.endIndex {
            if org.ingestJobs.job(jobID)?.state == .aborted {
                var unprocessed = CSVOut(delimiter: delimiter, newline: newline)
                unprocessed.plainHeader(header)
                for cells in records[index...] { unprocessed.row([], cells) }
                org.ingestJobs.update(jobID) { $0.unprocessed = unprocessed.bytes }
                break
            }
            let end = min(records.endIndex, index + batchSize)
            let batch = records[index..<end]
            let lockRate = org.faults.snapshot.lockRate
            org.store.write { writer in
                let saver = RecordSaver(writer: writer, table: table, userID: userID)
                var pendingDeletes: [(Int, [String])] = []
                for cells in batch {
                    if lockRate > 0, Double.random(in: 0..<1) < lockRate {
                        org.stats.fault("lock")
                        failures.row(["", SaveError.lockFailure.bulkText], cells)
                        failedCount += 1
                        continue
                    }
                    do {
                        switch job.operation {
                        case .insert:
                            let slot = try saver.insert(mapper.input(cells))
                            successful.row([table.id(ofSlot: slot), "true"], cells)
                        case .update:
                            let id = idColumn.map { $0 < cells.count ? cells[$0] : "" } ?? ""
                            guard !id.isEmpty else { throw SaveError("MISSING_ARGUMENT", "Id not specified in an update call", fields: []) }
                            guard RecordID.canonical15(id) != nil else {
                                throw SaveError("MALFORMED_ID", "Id: id value of incorrect type: \(id)", fields: ["Id"])
                            }
                            guard let slot = table.slot(ofID: id), table.isLive(slot) else {
                                throw SaveError("ENTITY_IS_DELETED", "entity is deleted", fields: [])
                            }
                            var input = mapper.input(cells)
                            input.fields.removeAll { $0.name.lowercased() == "id" }
                            try saver.update(slot: slot, input)
                            successful.row([table.id(ofSlot: slot), "false"], cells)
                        case .upsert:
                            guard let ext = job.externalIDFieldName, let field = table.schema.field(named: ext) else { break }
                            let input = mapper.input(cells)
                            let key = input.value(named: field.name) ?? .null
                            let saved = try saver.upsert(keyField: field, keyValue: key, input)
                            successful.row([table.id(ofSlot: saved.slot), saved.created ? "true" : "false"], cells)
                        case .delete, .hardDelete:
                            let id = idColumn.map { $0 < cells.count ? cells[$0] : "" } ?? ""
                            guard RecordID.canonical15(id) != nil else {
                                throw SaveError("MALFORMED_ID", "bad id \(id)", fields: ["Id"])
                            }
                            guard let slot = table.slot(ofID: id),
                                table.isLive(slot) || (job.operation == .hardDelete && table.isRecycled(slot))
                            else {
                                throw SaveError("ENTITY_IS_DELETED", "entity is deleted", fields: [])
                            }
                            pendingDeletes.append((slot, cells))
                            continue
                        }
                    } catch {
                        let e = error as? SaveError ?? SaveError("UNKNOWN_EXCEPTION", "\(error)")
                        var id = ""
                        if job.operation != .insert, let c = idColumn, c < cells.count { id = cells[c] }
                        failures.row([id, e.bulkText], cells)
                        failedCount += 1
                    }
                }
                if !pendingDeletes.isEmpty {
                    let errors = saver.delete(slots: pendingDeletes.map(\.0), hard: job.operation == .hardDelete)
                    for (slot, cells) in pendingDeletes {
                        if let e = errors[slot] {
                            failures.row([table.id(ofSlot: slot), e.bulkText], cells)
                            failedCount += 1
                        } else {
                            successful.row([table.id(ofSlot: slot), "false"], cells)
                        }
                    }
                }
            }
            processed += batch.count
            index = end
            let p = processed
            let f = failedCount
            let ms = Int(Date().timeIntervalSince(started) * 1000)
            org.ingestJobs.update(jobID) { job in
                job.processed = p
                job.failed = f
                job.processingMillis = ms
            }
        }
        let ms = Int(Date().timeIntervalSince(started) * 1000)
        org.ingestJobs.update(jobID) { job in
            job.successful = successful.bytes
            job.failures = failures.bytes
            job.data = nil
            job.processingMillis = ms
            if job.state == .inProgress { job.state = .jobComplete }
            job.systemModstamp = Int64(Date().timeIntervalSince1970 * 1000)
        }
    }
}

/// Builds result CSVs: `sf__` headers quoted, original headers as uploaded, every value quoted.
struct CSVOut {
    let delimiter: UInt8
    let newline: [UInt8]
    var bytes: [UInt8] = []

    init(delimiter: UInt8, newline: [UInt8]) {
        self.delimiter = delimiter
        self.newline = newline
    }

    mutating func header(_ system: [String], _ original: [String]) {
        var first = true
        for name in system {
            if !first { bytes.append(delimiter) }
            first = false
            quoted(name)
        }
        for name in original {
            bytes.append(delimiter)
            plain(name)
        }
        bytes.append(contentsOf: newline)
    }

    mutating func plainHeader(_ original: [String]) {
        for (i, name) in original.enumerated() {
            if i > 0 { bytes.append(delimiter) }
            plain(name)
        }
        bytes.append(contentsOf: newline)
    }

    mutating func row(_ system: [String], _ cells: [String]) {
        var first = true
        for v in system + cells {
            if !first { bytes.append(delimiter) }
            first = false
            quoted(v)
        }
        bytes.append(contentsOf: newline)
    }

    private mutating func plain(_ s: String) {
        if s.utf8.contains(where: { $0 == delimiter || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) {
            quoted(s)
        } else {
            bytes.append(contentsOf: s.utf8)
        }
    }

    private mutating func quoted(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        for c in s.utf8 {
            if c == UInt8(ascii: "\"") { bytes.append(c) }
            bytes.append(c)
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
