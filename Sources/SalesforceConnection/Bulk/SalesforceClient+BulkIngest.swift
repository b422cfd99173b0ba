import Foundation
import HTTPTransport
import RecordFiles

extension SalesforceClient {
    /// Largest CSV upload per ingest job: Salesforce takes 150 MB after base64, about 100 MB of raw CSV.
    public static let maxIngestUploadBytes = 100_000_000

    /// Creates a Bulk API 2.0 ingest job (`POST /jobs/ingest`), state `Open`.
    public func createIngestJob(_ job: IngestJobRequest) async throws -> IngestJobInfo {
        if job.operation == .upsert && (job.externalIDField ?? "").isEmpty {
            throw SalesforceError.configuration("an upsert job needs an external id field")
        }
        var members: [(String, JSONValue)] = [
            ("object", .string(job.object)), ("operation", .string(job.operation.rawValue)),
            ("contentType", .string("CSV")), ("columnDelimiter", .string(job.columnDelimiter.rawValue)),
            ("lineEnding", .string(job.lineEnding.rawValue)),
        ]
        if let field = job.externalIDField, job.operation == .upsert {
            members.append(("externalIdFieldName", .string(field)))
        }
        if let rule = job.assignmentRuleID { members.append(("assignmentRuleId", .string(rule))) }
        let body = JSONValue.object(JSONObject(members)).serialized()
        // A duplicate job from a retried create stays Open and empty and is harmless, so creation is idempotent.
        let response = try await perform(APIRequest.json("POST", "jobs/ingest", body: body, idempotent: true))
        return try decode(IngestJobInfo.self, response.body, what: "the ingest job")
    }

    /// Uploads the job's CSV (`PUT /jobs/ingest/{id}/batches`, 201). Salesforce takes one upload per job, so the
    /// CSV must hold the whole job's data (at most `maxIngestUploadBytes`, header first); see `IngestChunker`.
    ///
    /// The upload is not repeated once it may have reached the server (a second upload is refused); an uncertain
    /// outcome throws `.outcomeUnknown` and the job should be aborted and redone.
    public func uploadJobData(_ jobID: String, csv: [UInt8], compress: Bool = false) async throws {
        if csv.count > Self.maxIngestUploadBytes {
            throw SalesforceError.configuration(
                "an ingest upload holds at most \(Self.maxIngestUploadBytes) bytes, got \(csv.count); split it "
                    + "with IngestChunker")
        }
        var request = APIRequest(
            "PUT", "jobs/ingest/\(URLBuilder.encode(jobID))/batches", headers: [("Content-Type", "text/csv")],
            body: .bytes(csv), idempotent: false)
        request.compressBody = compress
        _ = try await perform(request)
    }

    /// Uploads the job's CSV from a file, streamed by the transport (same rules as the in-memory form).
    public func uploadJobData(_ jobID: String, file path: String, compress: Bool = false) async throws {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        guard let size else { throw SalesforceError.io("cannot read the upload file \(path)") }
        if size > Self.maxIngestUploadBytes {
            throw SalesforceError.configuration(
                "\(path) is \(size) bytes; an ingest upload holds at most \(Self.maxIngestUploadBytes)")
        }
        var request = APIRequest(
            "PUT", "jobs/ingest/\(URLBuilder.encode(jobID))/batches", headers: [("Content-Type", "text/csv")],
            body: .file(path), idempotent: false)
        request.compressBody = compress
        _ = try await perform(request)
    }

    /// Marks the upload complete so Salesforce starts processing (`PATCH {"state":"UploadComplete"}`).
    public func closeJob(_ jobID: String) async throws -> IngestJobInfo {
        try await setIngestState(jobID, "UploadComplete")
    }

    /// Aborts the job (`PATCH {"state":"Aborted"}`); rows not yet processed appear in `unprocessedrecords`.
    public func abortJob(_ jobID: String) async throws -> IngestJobInfo {
        try await setIngestState(jobID, "Aborted")
    }

    /// The job's status and counters (`GET /jobs/ingest/{id}`).
    public func ingestJobInfo(_ jobID: String) async throws -> IngestJobInfo {
        let response = try await perform(APIRequest("GET", "jobs/ingest/\(URLBuilder.encode(jobID))", idempotent: true))
        return try decode(IngestJobInfo.self, response.body, what: "the ingest job status")
    }

    /// Polls the job with exponential backoff (`PollingSettings`) until `JobComplete`, `Failed` or `Aborted`, and
    /// returns the final info. A `Failed` job is returned, not thrown: its processed rows still have results.
    ///
    /// - Parameter onPoll: Called with each status seen (progress reporting).
    public func waitForIngestJob(_ jobID: String, onPoll: (@Sendable (IngestJobInfo) -> Void)? = nil)
        async throws -> IngestJobInfo
    {
        try await poll(jobID) {
            let info = try await self.ingestJobInfo(jobID)
            onPoll?(info)
            return (info, info.state.isTerminal)
        }
    }

    /// Streams one result file of a finished job to `onChunk` (CSV bytes, header first).
    ///
    /// - Returns: The number of bytes delivered.
    @discardableResult
    public func ingestResults(
        _ jobID: String, kind: IngestResultKind, onChunk: @escaping @Sendable ([UInt8]) throws -> Void
    ) async throws -> Int {
        let counter = Locked(0)
        let request = APIRequest(
            "GET", "jobs/ingest/\(URLBuilder.encode(jobID))/\(kind.rawValue)", headers: [("Accept", "text/csv")],
            idempotent: true)
        _ = try await performStreaming(request) { chunk in
            counter.withLock { $0 += chunk.count }
            try onChunk(chunk)
        }
        return counter.withLock { $0 }
    }

    /// Deletes a finished job (`DELETE /jobs/ingest/{id}`, 204).
    public func deleteIngestJob(_ jobID: String) async throws {
        _ = try await perform(APIRequest("DELETE", "jobs/ingest/\(URLBuilder.encode(jobID))", idempotent: true))
    }

    private func setIngestState(_ jobID: String, _ state: String) async throws -> IngestJobInfo {
        let body = Array("{\"state\":\"\(state)\"}".utf8)
        let response = try await perform(
            APIRequest.json("PATCH", "jobs/ingest/\(URLBuilder.encode(jobID))", body: body, idempotent: true))
        return try decode(IngestJobInfo.self, response.body, what: "the ingest job")
    }

    /// Calls `check` with exponential backoff until it reports done, within `PollingSettings.timeout`.
    func poll<T: Sendable>(_ jobID: String, _ check: @Sendable () async throws -> (T, Bool)) async throws -> T {
        let clock = ContinuousClock()
        let start = clock.now
        var interval = settings.polling.initialInterval
        while true {
            let (value, done) = try await check()
            if done { return value }
            if let timeout = settings.polling.timeout, clock.now - start > timeout {
                throw SalesforceError(
                    category: .api, errorCode: "JOB_TIMEOUT",
                    message: "job \(jobID) did not finish within \(timeout)",
                    hint: "the job keeps running in Salesforce; check it in Setup > Bulk Data Load Jobs")
            }
            try await Task.sleep(for: interval)
            interval = min(interval * 3 / 2, settings.polling.maxInterval)
        }
    }
}
