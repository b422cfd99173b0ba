import Foundation

/// Bulk API 2.0 ingest under `/services/data/vXX.X/jobs/ingest` (reference §8).
enum IngestRoutes {
    static func install(into router: inout Router) {
        router.add("POST", .versioned, ["jobs", "ingest"]) { try create($0) }
        router.add("GET", .versioned, ["jobs", "ingest"]) { try list($0) }
        router.add("GET", .versioned, ["jobs", "ingest", ":id"]) { try info($0) }
        router.add("PATCH", .versioned, ["jobs", "ingest", ":id"]) { try changeState($0) }
        router.add("DELETE", .versioned, ["jobs", "ingest", ":id"]) { try delete($0) }
        router.add("PUT", .versioned, ["jobs", "ingest", ":id", "batches"]) { try upload($0) }
        router.add("GET", .versioned, ["jobs", "ingest", ":id", "successfulResults"]) { try results($0, .successful) }
        router.add("GET", .versioned, ["jobs", "ingest", ":id", "failedResults"]) { try results($0, .failed) }
        router.add("GET", .versioned, ["jobs", "ingest", ":id", "unprocessedrecords"]) { try results($0, .unprocessed) }
    }

    static func create(_ context: RouteContext) throws -> SimResponse {
        let contentType = context.request.header("Content-Type")?.lowercased() ?? ""
        var body: JSONNode
        var inlineData: [UInt8]?
        if contentType.hasPrefix("multipart/form-data") {
            let parts = try Multipart.parse(context.request.body, contentType: contentType)
            guard let jobPart = parts.first(where: { $0.name == "job" }) else {
                throw APIError(status: 400, "INVALIDJOB", "The multipart request needs a 'job' part")
            }
            do { body = try JSONNode.parse(jobPart.body) } catch { throw APIError.malformedJSON("\(error)") }
            inlineData = parts.first(where: { $0.name == "content" })?.body
        } else {
            body = try context.jsonBody()
        }
        guard body.objectPairs != nil else { throw APIError.malformedJSON("Expected a JSON object") }
        guard let objectName = body["object"]?.stringValue, !objectName.isEmpty else {
            throw APIError(status: 400, "INVALIDJOB", "object is required")
        }
        guard let schema = context.org.catalog.object(named: objectName) else {
            throw APIError(status: 400, "INVALIDENTITY", "Entity '\(objectName)' is not supported by the Bulk API.")
        }
        guard let opName = body["operation"]?.stringValue, let operation = IngestJob.Operation(rawValue: opName) else {
            throw APIError(status: 400, "INVALIDJOB", "InvalidJob : Invalid operation: \(body["operation"]?.stringValue ?? "")")
        }
        var externalID: String?
        if operation == .upsert {
            guard let ext = body["externalIdFieldName"]?.stringValue, !ext.isEmpty else {
                throw APIError(status: 400, "INVALIDJOB", "InvalidJob : External ID was blank for upsert")
            }
            guard let field = schema.field(named: ext), field.externalID || field.idLookup else {
                throw APIError(status: 400, "INVALIDJOB", "InvalidJob : Field \(ext) is not an external ID or idLookup field on \(schema.name)")
            }
            externalID = field.name
        }
        if let ct = body["contentType"]?.stringValue, ct != "CSV" {
            throw APIError(status: 400, "INVALIDJOB", "InvalidJob : Unsupported contentType: \(ct)")
        }
        let lineEnding = body["lineEnding"]?.stringValue ?? "LF"
        guard lineEnding == "LF" || lineEnding == "CRLF" else {
            throw APIError(status: 400, "INVALIDJOB", "InvalidJob : Invalid lineEnding: \(lineEnding)")
        }
        let delimiter = body["columnDelimiter"]?.stringValue ?? "COMMA"
        guard IngestJob.delimiterByte(delimiter) != nil else {
            throw APIError(status: 400, "INVALIDJOB", "InvalidJob : Invalid columnDelimiter: \(delimiter)")
        }
        if let inlineData, inlineData.count > 100_000 * 4 {
            throw APIError(status: 400, "INVALIDJOB", "InvalidJob : multipart content is limited to 100,000 characters; use PUT …/batches")
        }
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        var job = IngestJob(
            id: context.org.ingestJobs.nextID(), operation: operation, object: schema.name, externalIDFieldName: externalID,
            lineEnding: lineEnding, columnDelimiter: delimiter, createdByID: context.org.userID(slot: context.user.userSlot),
            createdDate: now, apiVersion: context.apiVersion, systemModstamp: now)
        if let inlineData {
            job.data = inlineData
            job.uploaded = true
            job.state = .uploadComplete
        }
        context.org.ingestJobs.add(job)
        if inlineData != nil { IngestProcessor.schedule(context.org, jobID: job.id) }
        return .json(200, job.json(.created))
    }

    static func job(_ context: RouteContext) throws -> IngestJob {
        guard let job = context.org.ingestJobs.job(context.parameter("id")) else {
            throw APIError(status: 404, "NOT_FOUND", "The requested resource does not exist")
        }
        return job
    }

    static func info(_ context: RouteContext) throws -> SimResponse {
        .json(200, try job(context).json(.full))
    }

    static func list(_ context: RouteContext) throws -> SimResponse {
        let jobs = context.org.ingestJobs.all
        var w = JSONWriter(capacity: 512 * jobs.count + 64)
        w.raw("{\"done\":true,\"records\":[")
        var first = true
        for job in jobs.prefix(1000) {
            w.comma(&first)
            w.bytes.append(contentsOf: job.json(.listed))
        }
        w.raw("],\"nextRecordsUrl\":null}")
        return .json(200, w.bytes)
    }

    static func upload(_ context: RouteContext) throws -> SimResponse {
        let id = try job(context).id
        let data = context.request.body
        try context.org.ingestJobs.update(id) { job in
            guard job.state == .open else {
                throw APIError(status: 409, "INVALIDJOBSTATE", "Job \(id) is not in the Open state; data can only be uploaded to an Open job")
            }
            guard !job.uploaded else {
                throw APIError(
                    status: 400, "INVALIDJOBSTATE",
                    "Found multiple contents for job: <\(id)>, please 'Close' / 'Abort' / 'Delete' the current Job then create a new Job and make sure the Content is only 'PUT' once.")
            }
            job.data = data
            job.uploaded = true
            job.systemModstamp = Int64(Date().timeIntervalSince1970 * 1000)
        }
        return SimResponse(status: 201)
    }

    static func changeState(_ context: RouteContext) throws -> SimResponse {
        let id = try job(context).id
        let body = try context.jsonBody()
        guard let target = body["state"]?.stringValue else {
            throw APIError(status: 400, "INVALIDJOB", "state is required")
        }
        let org = context.org
        let updated: IngestJob? = try org.ingestJobs.update(id) { job in
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            switch target {
            case "UploadComplete":
                guard job.state == .open else {
                    throw APIError(status: 409, "INVALIDJOBSTATE", "Closing already \(job.state == .aborted ? "Aborted" : job.state.rawValue) Job not allowed")
                }
                job.state = .uploadComplete
            case "Aborted":
                guard !job.state.isTerminal else {
                    throw APIError(status: 409, "INVALIDJOBSTATE", "Aborting already \(job.state == .jobComplete ? "Completed" : job.state.rawValue) Job not allowed")
                }
                job.state = .aborted
                if let data = job.data, job.processed == 0 {
                    job.unprocessed = data
                    job.data = nil
                }
            default:
                throw APIError(status: 400, "INVALIDJOB", "InvalidJob : Invalid state: \(target)")
            }
            job.systemModstamp = now
            return job
        }
        if target == "UploadComplete" { IngestProcessor.schedule(org, jobID: id) }
        let current = try updated ?? job(context)
        return .json(200, current.json(.short))
    }

    static func delete(_ context: RouteContext) throws -> SimResponse {
        let job = try job(context)
        guard job.state != .open, job.state != .inProgress else {
            throw APIError(status: 400, "API_ERROR", "Job \(job.id) can only be deleted when it is UploadComplete, JobComplete, Aborted or Failed")
        }
        context.org.ingestJobs.remove(job.id)
        return .noContent
    }

    enum ResultKind { case successful, failed, unprocessed }

    static func results(_ context: RouteContext, _ kind: ResultKind) throws -> SimResponse {
        let job = try job(context)
        guard job.state != .open else {
            throw APIError(status: 400, "INVALIDJOBSTATE", "Job \(job.id) is still Open: close it before reading results")
        }
        switch kind {
        case .successful: return .csv(job.successful)
        case .failed: return .csv(job.failures)
        case .unprocessed: return .csv(job.unprocessed)
        }
    }
}
