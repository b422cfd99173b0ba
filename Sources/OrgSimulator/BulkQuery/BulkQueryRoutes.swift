import SOQL

/// Bulk API 2.0 query jobs under `/services/data/vXX.X/jobs/query`: create, status, results paged by
/// `Sforce-Locator` (ending in the literal `null`), list, abort and delete.
enum BulkQueryRoutes {
    /// Rows per results page when the client sends no `maxRecords`.
    static let defaultPageSize = 50_000

    static func install(into router: inout Router) {
        let jobs = BulkQueryJobStore()
        router.add("POST", .versioned, ["jobs", "query"]) { try create($0, jobs: jobs) }
        router.add("GET", .versioned, ["jobs", "query"]) { list($0, jobs: jobs) }
        router.add("GET", .versioned, ["jobs", "query", ":id"]) { context in
            .json(200, try job(context, jobs).info(detailed: true))
        }
        router.add("PATCH", .versioned, ["jobs", "query", ":id"]) { try abort($0, jobs: jobs) }
        router.add("DELETE", .versioned, ["jobs", "query", ":id"]) { try delete($0, jobs: jobs) }
        router.add("GET", .versioned, ["jobs", "query", ":id", "results"]) { try results($0, jobs: jobs) }
    }

    private static func job(_ context: RouteContext, _ jobs: BulkQueryJobStore) throws -> BulkQueryJob {
        guard let job = jobs.job(context.parameter("id")) else { throw APIError.notFound }
        return job
    }

    private static func create(_ context: RouteContext, jobs: BulkQueryJobStore) throws -> SimResponse {
        let body = try context.jsonBody()
        let operation = body["operation"]?.stringValue ?? ""
        guard operation == "query" || operation == "queryAll" else {
            throw APIError(status: 400, "INVALIDJOB", "InvalidJob : Invalid operation: '\(operation)'; use query or queryAll")
        }
        guard let soql = body["query"]?.stringValue, !soql.isEmpty else {
            throw APIError(status: 400, "INVALIDJOB", "InvalidJob : The query field is required")
        }
        if let contentType = body["contentType"]?.stringValue, contentType != "CSV" {
            throw APIError(status: 400, "INVALIDJOB", "InvalidJob : Unsupported contentType '\(contentType)'; use CSV")
        }
        let delimiter = body["columnDelimiter"]?.stringValue ?? "COMMA"
        guard ["COMMA", "TAB", "SEMICOLON", "PIPE", "CARET", "BACKQUOTE"].contains(delimiter) else {
            throw APIError(status: 400, "INVALIDJOB", "InvalidJob : Invalid columnDelimiter '\(delimiter)'")
        }
        let lineEnding = body["lineEnding"]?.stringValue ?? "LF"
        guard lineEnding == "LF" || lineEnding == "CRLF" else {
            throw APIError(status: 400, "INVALIDJOB", "InvalidJob : Invalid lineEnding '\(lineEnding)'; use LF or CRLF")
        }
        let query: SOQLQuery
        let plan: QueryPlan
        do {
            (query, plan) = try QueryEngine.plan(soql, store: context.org.store, includeDeleted: operation == "queryAll")
        } catch let error as SOQLError {
            throw QueryEngine.apiError(error)
        }
        if let restriction = plan.bulkRestriction {
            throw APIError(status: 400, "INVALIDJOB", "InvalidJob : \(restriction)")
        }
        let settings = BulkQueryJob.Settings(
            id: jobs.nextID(), operation: operation, object: plan.table.schema.name, query: query.description,
            createdByID: context.org.userID(slot: context.user.userSlot), createdDate: BulkQueryJob.nowMilliseconds(),
            apiVersion: context.apiVersion, columnDelimiter: delimiter, lineEnding: lineEnding)
        let job = BulkQueryJob(settings: settings, plan: plan)
        jobs.add(job)
        let info = job.info(detailed: false)
        jobs.start(job, store: context.org.store)
        return .json(200, info)
    }

    private static func list(_ context: RouteContext, jobs: BulkQueryJobStore) -> SimResponse {
        .json(200) { w in
            w.raw(#"{"done":true,"records":["#)
            var first = true
            for job in jobs.all {
                w.comma(&first)
                w.bytes.append(contentsOf: job.info(detailed: false, listed: true))
            }
            w.raw(#"],"nextRecordsUrl":null}"#)
        }
    }

    private static func abort(_ context: RouteContext, jobs: BulkQueryJobStore) throws -> SimResponse {
        let job = try job(context, jobs)
        let body = try context.jsonBody()
        guard body["state"]?.stringValue == "Aborted" else {
            throw APIError(status: 400, "INVALIDJOBSTATE", "A query job can only be changed to the state Aborted")
        }
        let previous = job.progress.withLock { progress -> String in
            let previous = progress.state
            if previous == "UploadComplete" || previous == "InProgress" {
                progress.state = "Aborted"
                progress.systemModstamp = BulkQueryJob.nowMilliseconds()
                progress.result = nil
            }
            return previous
        }
        guard previous == "UploadComplete" || previous == "InProgress" else {
            let word = previous == "JobComplete" ? "Completed" : previous
            throw APIError(status: 400, "INVALIDJOBSTATE", "Aborting already \(word) Job not allowed")
        }
        return .json(200, job.info(detailed: false))
    }

    private static func delete(_ context: RouteContext, jobs: BulkQueryJobStore) throws -> SimResponse {
        let job = try job(context, jobs)
        let state = job.progress.snapshot.state
        guard BulkQueryJob.terminalStates.contains(state) else {
            throw APIError(status: 400, "API_ERROR", "Job \(job.settings.id) is \(state); abort it before deleting it")
        }
        jobs.remove(job.settings.id)
        return .noContent
    }

    private static func results(_ context: RouteContext, jobs: BulkQueryJobStore) throws -> SimResponse {
        let job = try job(context, jobs)
        let progress = job.progress.snapshot
        guard progress.state == "JobComplete", let result = progress.result, let columns = result.plan.columns else {
            throw APIError(status: 400, "INVALIDJOBSTATE",
                           "Results are not available: job \(job.settings.id) is \(progress.state)")
        }
        var offset = 0
        if let locator = context.request.queryValue("locator"), !locator.isEmpty, locator != "null" {
            guard let decoded = BulkQueryLocator.decode(locator), decoded <= result.recordCount else {
                throw APIError(status: 400, "INVALID_QUERY_LOCATOR", "Invalid locator '\(locator)'")
            }
            offset = decoded
        }
        var pageSize = defaultPageSize
        if let text = context.request.queryValue("maxRecords"), !text.isEmpty {
            guard let value = Int(text), value > 0 else {
                throw APIError(status: 400, "INVALIDPARAMETER", "maxRecords must be a positive integer, not '\(text)'")
            }
            pageSize = value
        }
        let end = min(result.recordCount, offset + pageSize)
        // The truncateResults fault leaves out the page's last row; the headers still announce it.
        let sent = context.org.truncatingResults() ? max(offset, end - 1) : end
        let renderer = RecordCSVRenderer(
            result: result, columns: columns, delimiter: job.delimiterByte, lineEnding: job.lineEndingBytes)
        let body: [UInt8] = context.org.store.read { _ in
            var header: [UInt8] = []
            renderer.appendHeader(to: &header)
            let buffer = ByteOutput(capacity: header.count + (end - offset) * 16 * max(1, columns.count))
            buffer.append(header)
            renderer.appendRows(offset..<sent, to: buffer)
            return buffer.bytes
        }
        let next = end < result.recordCount ? BulkQueryLocator.encode(end) : "null"
        return SimResponse(
            status: 200,
            headers: [
                ("Content-Type", "text/csv; charset=UTF-8"), ("Sforce-Locator", next),
                ("Sforce-NumberOfRecords", String(end - offset)),
            ], body: body)
    }
}
