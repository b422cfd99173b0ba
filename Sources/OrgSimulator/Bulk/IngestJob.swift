/// One Bulk API 2.0 ingest job: its settings, state, counters, uploaded data and result files.
struct IngestJob: Sendable {
    enum State: String, Sendable {
        case open = "Open", uploadComplete = "UploadComplete", inProgress = "InProgress"
        case jobComplete = "JobComplete", failed = "Failed", aborted = "Aborted"

        var isTerminal: Bool { self == .jobComplete || self == .failed || self == .aborted }
    }

    enum Operation: String, Sendable, CaseIterable {
        case insert, update, upsert, delete, hardDelete
    }

    let id: String
    let operation: Operation
    /// Canonical object name.
    let object: String
    let externalIDFieldName: String?
    let lineEnding: String
    let columnDelimiter: String
    let createdByID: String
    let createdDate: Int64
    let apiVersion: String
    var systemModstamp: Int64
    var state: State = .open
    var data: [UInt8]?
    var uploaded = false
    var processed = 0
    var failed = 0
    var processingMillis = 0
    var errorMessage: String?
    var successful: [UInt8] = []
    var failures: [UInt8] = []
    var unprocessed: [UInt8] = []

    /// The delimiter byte for `columnDelimiter`.
    static func delimiterByte(_ name: String) -> UInt8? {
        switch name {
        case "COMMA": return UInt8(ascii: ",")
        case "TAB": return 0x09
        case "SEMICOLON": return UInt8(ascii: ";")
        case "PIPE": return UInt8(ascii: "|")
        case "CARET": return UInt8(ascii: "^")
        case "BACKQUOTE": return UInt8(ascii: "`")
        default: return nil
        }
    }

    var delimiter: UInt8 { Self.delimiterByte(columnDelimiter) ?? UInt8(ascii: ",") }
    var newline: [UInt8] { lineEnding == "CRLF" ? [0x0D, 0x0A] : [0x0A] }

    /// Job info JSON: `.created` (POST response), `.short` (PATCH), `.full` (GET), `.listed` (GET list entry).
    enum Shape { case created, short, full, listed }

    func json(_ shape: Shape) -> [UInt8] {
        var w = JSONWriter(capacity: 700)
        w.raw("{")
        func pair(_ k: String, _ v: String) {
            w.raw(",")
            w.key(k)
            w.string(v)
        }
        w.key("id")
        w.string(id)
        pair("operation", operation.rawValue)
        pair("object", object)
        pair("createdById", createdByID)
        pair("createdDate", ValueFormat.dateTime(createdDate))
        pair("systemModstamp", ValueFormat.dateTime(systemModstamp))
        pair("state", state.rawValue)
        if let ext = externalIDFieldName { pair("externalIdFieldName", ext) }
        pair("concurrencyMode", "Parallel")
        pair("contentType", "CSV")
        w.raw(",\"apiVersion\":\(apiVersion)")
        if shape == .created || (shape == .full && state == .open) {
            pair("contentUrl", "services/data/v\(apiVersion)/jobs/ingest/\(id)/batches")
        }
        if shape == .full || shape == .listed {
            pair("jobType", "V2Ingest")
        }
        if shape != .short {
            pair("lineEnding", lineEnding)
            pair("columnDelimiter", columnDelimiter)
        }
        if shape == .full {
            w.raw(",\"numberRecordsProcessed\":\(processed),\"numberRecordsFailed\":\(failed),\"retries\":0")
            w.raw(",\"totalProcessingTime\":\(processingMillis),\"apiActiveProcessingTime\":\(processingMillis)")
            w.raw(",\"apexProcessingTime\":0")
            if let errorMessage { pair("errorMessage", errorMessage) }
        }
        w.raw("}")
        return w.bytes
    }
}
