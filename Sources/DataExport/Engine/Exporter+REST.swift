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
        let writer = try makeWriter(request, resumeAt: nil, memberPerBoundary: false, resumable: false)
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
            let subqueryKeys = shape.columns.filter { $0.kind == .subquery }.map { Array($0.header.lowercased().utf8) }
            let pages = org.queryPages(request.soql, includeDeleted: request.includeDeleted, batchSize: request.batchSize)
            var spareNodes: [JSONNode] = []
            for try await bytes in pages {
                if sawLastPage {
                    throw ExportError.protocolViolation("the server sent a REST query page after the one marked done")
                }
                var document = try JSONDocument(bytes: bytes, reusing: &spareNodes)
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
                    if !subqueryKeys.isEmpty, let completed = try await completingSubqueries(document, record, subqueryKeys) {
                        // Children continued on further pages: the record is encoded from its completed text.
                        if tracker.keep(completed, completed.root) {
                            try encoder.encode(completed, record: completed.root, into: &buffer)
                            written += 1
                        }
                    } else if tracker.keep(document, record) {
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
                spareNodes = document.takeNodes()
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
    /// For a record with a subquery whose children continue on further pages (`done: false` and a
    /// `nextRecordsUrl` in the nested QueryResult): the record's JSON text with those children fetched and
    /// appended, parsed as a document of its own. Nil when every subquery of the record is complete.
    ///
    /// The record's children are held in memory together (one record at a time).
    /// - Parameter keys: the subquery relationship names, lower-case.
    /// - Throws: `ExportError` when the children fetched differ from the nested `totalSize`, or the org's error.
    func completingSubqueries(_ document: JSONDocument, _ record: Int, _ keys: [[UInt8]]) async throws -> JSONDocument? {
        let page = RESTPageKeys()
        var incomplete: [Int] = []
        for key in keys {
            guard let node = document.member(record, key), document.nodes[node].kind == .object,
                let done = document.member(node, page.done), document.nodes[done].kind == .falseValue
            else { continue }
            incomplete.append(node)
        }
        if incomplete.isEmpty { return nil }
        var out: [UInt8] = [0x7B]
        var member = document.nodes[record].firstChild
        while member >= 0 {
            let node = document.nodes[member]
            if out.count > 1 { out.append(0x2C) }
            out.append(0x22)
            out.append(contentsOf: document.bytes[node.keyStart..<node.keyEnd])
            out.append(contentsOf: [0x22, 0x3A])
            if incomplete.contains(member) {
                try await appendAllChildren(of: document, member, to: &out)
            } else {
                out.append(contentsOf: document.bytes[document.rawRange(member)])
            }
            member = node.nextSibling
        }
        out.append(0x7D)
        return try JSONDocument(bytes: out)
    }

    /// Writes a nested QueryResult with every child record: those on the parent's page, then those of every
    /// page from its `nextRecordsUrl` on, as `{"totalSize":N,"done":true,"records":[...]}`.
    private func appendAllChildren(of document: JSONDocument, _ result: Int, to out: inout [UInt8]) async throws {
        let keys = RESTPageKeys()
        let name = String(decoding: document.bytes[document.nodes[result].keyStart..<document.nodes[result].keyEnd], as: UTF8.self)
        let announced = document.member(result, keys.totalSize).flatMap { document.intValue($0) }
        guard let next = document.member(result, keys.nextRecordsURL).flatMap({ document.stringValue($0) }) else {
            throw ExportError.protocolViolation("a record's subquery '\(name)' says done=false but has no nextRecordsUrl")
        }
        var children: [UInt8] = []
        var count = 0
        func appendRecords(_ page: JSONDocument, _ container: Int) throws {
            guard let records = page.member(container, keys.records), page.nodes[records].kind == .array else {
                throw ExportError.protocolViolation("a page of the subquery '\(name)' has no 'records' array")
            }
            var child = page.nodes[records].firstChild
            while child >= 0 {
                if count > 0 { children.append(0x2C) }
                children.append(contentsOf: page.bytes[page.rawRange(child)])
                count += 1
                child = page.nodes[child].nextSibling
            }
        }
        try appendRecords(document, result)
        var sawLastPage = false
        for try await bytes in org.queryPages(continuingAt: next) {
            if sawLastPage {
                throw ExportError.protocolViolation("the server sent a page of the subquery '\(name)' after the one marked done")
            }
            let page = try JSONDocument(bytes: bytes)
            try appendRecords(page, page.root)
            sawLastPage = page.member(page.root, keys.done).map { page.nodes[$0].kind == .trueValue } ?? true
        }
        if !sawLastPage {
            throw ExportError(
                .countMismatch,
                "the children of a record's subquery '\(name)' stopped before their last page; the output was not written — run the export again")
        }
        if let announced, announced != count {
            throw ExportError(
                .countMismatch,
                "a record's subquery '\(name)' announced \(announced) children (totalSize) but \(count) arrived; the output was not written — run the export again")
        }
        out.append(contentsOf: "{\"totalSize\":\(count),\"done\":true,\"records\":[".utf8)
        out.append(contentsOf: children)
        out.append(contentsOf: "]}".utf8)
    }
}

/// Lower-case keys of a REST query page.
struct RESTPageKeys {
    let records = Array("records".utf8)
    let totalSize = Array("totalsize".utf8)
    let done = Array("done".utf8)
    let nextRecordsURL = Array("nextrecordsurl".utf8)
}
