import Foundation

extension Exporter {
    /// REST query: every `nextRecordsUrl` followed, each page parsed once and encoded straight into the
    /// output; the rows seen must equal `totalSize`.
    func runREST(_ request: ExportRequest, _ shape: QueryShape) async throws -> ExportResult {
        let started = Date()
        let encoder: RecordEncoder
        switch request.selection.format {
        case .csv:
            encoder = try CSVRecordEncoder(
                columns: shape.columns, options: request.csv, subqueryAsJSON: request.subqueryAsJSON)
        case .jsonl:
            encoder = JSONLinesRecordEncoder(
                columns: shape.columns, keepAttributes: request.keepAttributes, flatten: request.flatten)
        }
        let writer = try makeWriter(request, resumeAt: nil, memberPerBoundary: false)
        var tracker = IncrementalTracker(filter: request.incremental, track: request.trackModstamp)
        do {
            var buffer = encoder.preamble()
            buffer.reserveCapacity(Self.chunkSize + 64 * 1024)
            var encodedBytes = 0
            var received = 0
            var written = 0
            var expected: Int?
            var next: String?
            var sawLastPage = false
            let keys = RESTPageKeys()
            let subqueryKeys = shape.columns.filter { $0.kind == .subquery }.map { $0.header }
            let pages = org.queryPages(request.soql, includeDeleted: request.includeDeleted, batchSize: request.batchSize)
            for try await bytes in pages {
                if sawLastPage {
                    throw ExportError.protocolViolation("the server sent a REST query page after the one marked done")
                }
                let document = try JSONDocument(bytes: bytes)
                let root = document.root
                guard let recordsNode = document.member(root, keys.records),
                    document.nodes[recordsNode].kind == .array
                else {
                    throw ExportError.protocolViolation("a REST query page has no 'records' array")
                }
                if let total = document.member(root, keys.totalSize).flatMap({ document.intValue($0) }) {
                    expected = total
                }
                let done = document.member(root, keys.done).map { document.nodes[$0].kind == .trueValue } ?? true
                next = done ? nil : document.member(root, keys.nextRecordsURL).flatMap { document.stringValue($0) }
                if !done && next == nil {
                    throw ExportError.protocolViolation("a REST query page says done=false but has no nextRecordsUrl")
                }
                sawLastPage = done
                var record = document.nodes[recordsNode].firstChild
                while record >= 0 {
                    received += 1
                    if !subqueryKeys.isEmpty { try Self.checkSubqueriesComplete(document, record, subqueryKeys) }
                    if tracker.keep(document, record) {
                        try encoder.encode(document, record: record, into: &buffer)
                        written += 1
                    }
                    if buffer.count >= Self.chunkSize {
                        encodedBytes += buffer.count
                        try await writer.write(buffer)
                        buffer = []
                        buffer.reserveCapacity(Self.chunkSize + 64 * 1024)
                    }
                    record = document.nodes[record].nextSibling
                }
                onProgress?(
                    ExportProgress(
                        rows: written, expectedRows: expected, bytes: encodedBytes + buffer.count,
                        seconds: Date().timeIntervalSince(started)))
            }
            if !sawLastPage {
                throw ExportError(
                    .countMismatch,
                    "the REST query stopped before its last page; the output was not written — run the export again")
            }
            try await writer.write(buffer)
            if let expected, expected != received {
                throw ExportError(
                    .countMismatch,
                    "the server announced \(expected) rows (totalSize) but sent \(received); the output was not written — run the export again")
            }
            let (bytes, digest) = try await writer.commit()
            let ended = Date()
            return ExportResult(
                object: shape.objectName, query: request.soql, rows: written, skippedRows: received - written,
                bytes: bytes, api: "rest", file: request.output, sha256: digest, start: Self.timestamp(started),
                end: Self.timestamp(ended), seconds: ended.timeIntervalSince(started), jobID: nil,
                newestModstamp: tracker.newest, idsAtNewestModstamp: tracker.newest == nil ? nil : tracker.idsAtNewest.sorted(),
                resumed: false)
        } catch {
            await writer.abandon(keepPartial: false)
            throw error
        }
    }
}

extension Exporter {
    /// Refuses a record whose subquery children continue on another page: writing the first page alone
    /// would silently drop children.
    static func checkSubqueriesComplete(_ document: JSONDocument, _ record: Int, _ names: [String]) throws {
        for name in names {
            guard let node = document.member(record, Array(name.lowercased().utf8)), document.nodes[node].kind == .object,
                let done = document.member(node, Array("done".utf8)), document.nodes[done].kind == .falseValue
            else { continue }
            throw ExportError.usage(
                "a record's subquery '\(name)' has more children than fit in one page; export the child object on its own (with a filter on its parent) instead of a subquery")
        }
    }
}

/// Lower-case keys of a REST query page.
struct RESTPageKeys {
    let records = Array("records".utf8)
    let totalSize = Array("totalsize".utf8)
    let done = Array("done".utf8)
    let nextRecordsURL = Array("nextrecordsurl".utf8)
}
