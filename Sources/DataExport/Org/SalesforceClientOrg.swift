import RecordFiles
import SalesforceConnection
import Synchronization

/// `ExportOrg` over a `SalesforceClient`: REST pages, Bulk 2.0 query jobs and describe.
public struct SalesforceClientOrg: ExportOrg {
    public let client: SalesforceClient
    private let calls: @Sendable () -> Int

    /// - Parameter apiCalls: the number of HTTP requests sent so far (wired to the client's request
    ///   observer by the executable).
    public init(client: SalesforceClient, apiCalls: @escaping @Sendable () -> Int) {
        self.client = client
        self.calls = apiCalls
    }

    public func count(_ soql: String, includeDeleted: Bool) async throws -> Int {
        try await client.count(soql, includeDeleted: includeDeleted)
    }

    public func queryPages(_ soql: String, includeDeleted: Bool, batchSize: Int?)
        -> AsyncThrowingStream<[UInt8], any Error>
    {
        // Page bodies as received: the engine's byte-level reader parses each page once. One page is read
        // ahead while the current one is written (the org's latency and its work overlap the writing), so at
        // most two pages are in memory whatever the export's size.
        Self.bodiesReadingAhead(client.queryPageBodies(soql, includeDeleted: includeDeleted, batchSize: batchSize))
    }

    public func queryPages(continuingAt nextRecordsURL: String) -> AsyncThrowingStream<[UInt8], any Error> {
        Self.bodies(client.queryPageBodies(continuingAt: nextRecordsURL))
    }

    private static func bodies(_ pages: AsyncThrowingStream<QueryPageBody, any Error>)
        -> AsyncThrowingStream<[UInt8], any Error>
    {
        let iterator = PageIterator(pages)
        return AsyncThrowingStream(unfolding: { try await iterator.next()?.body })
    }

    /// As `bodies`, but the page after the one handed out is already being fetched.
    private static func bodiesReadingAhead(_ pages: AsyncThrowingStream<QueryPageBody, any Error>)
        -> AsyncThrowingStream<[UInt8], any Error>
    {
        let reader = ReadAhead(PageIterator(pages))
        return AsyncThrowingStream(unfolding: { try await reader.next()?.body })
    }

    public func createQueryJob(_ soql: String, includeDeleted: Bool, columnDelimiter: String, lineEnding: String)
        async throws -> String
    {
        let delimiter = ColumnDelimiter(rawValue: columnDelimiter) ?? .comma
        let ending = LineEnding(rawValue: lineEnding) ?? .lf
        let job = try await client.createQueryJob(
            soql, includeDeleted: includeDeleted, columnDelimiter: delimiter, lineEnding: ending)
        return job.id
    }

    public func waitForQueryJob(_ jobID: String) async throws -> Int? {
        try await client.waitForQueryJob(jobID).numberRecordsProcessed
    }

    public func queryJobResults(
        _ jobID: String, locator: String?, maxRecords: Int?, onChunk: @escaping @Sendable ([UInt8]) throws -> Void
    ) async throws -> (nextLocator: String?, numberOfRecords: Int?) {
        let page = try await client.queryJobResults(jobID, locator: locator, maxRecords: maxRecords, onChunk: onChunk)
        return (page.nextLocator, page.numberOfRecords)
    }

    public func openQueryJobResults(_ jobID: String, locator: String?, maxRecords: Int?) async throws
        -> OpenedResultsPage
    {
        let page = try await client.openQueryJobResults(jobID, locator: locator, maxRecords: maxRecords)
        let body = page.body
        return OpenedResultsPage(
            nextLocator: page.nextLocator, numberOfRecords: page.numberOfRecords,
            nextChunk: { try await body.nextChunk() }, cancel: { body.cancel() })
    }

    public func exportSchema(_ object: String) async throws -> ExportSchema {
        let describe = try await client.describe(object)
        return ExportSchema(
            name: describe.name, queryable: describe.queryable,
            fields: describe.fields.map {
                ExportSchema.Field(
                    name: $0.name, type: $0.type.rawValue, compoundFieldName: $0.compoundFieldName,
                    relationshipName: $0.relationshipName, referenceTo: $0.referenceTo)
            })
    }

    public func exportableObjects() async throws -> [ExportObjectSummary] {
        try await client.describeGlobal().sobjects.map { ExportObjectSummary(name: $0.name, queryable: $0.queryable) }
    }

    public func apiCallCount() async -> Int { calls() }
}

/// Holds the client's page iterator for the unfolding stream above.
///
/// `@unchecked Sendable`: `AsyncThrowingStream(unfolding:)` calls its closure once per element and never
/// concurrently, so the iterator is used by one task at a time.
private final class PageIterator: @unchecked Sendable {
    private var iterator: AsyncThrowingStream<QueryPageBody, any Error>.AsyncIterator

    init(_ stream: AsyncThrowingStream<QueryPageBody, any Error>) {
        iterator = stream.makeAsyncIterator()
    }

    func next() async throws -> QueryPageBody? {
        try await iterator.next()
    }
}

/// Fetches the next page while the caller works on the current one.
///
/// `@unchecked Sendable`: `AsyncThrowingStream(unfolding:)` calls `next()` once per element and never
/// concurrently, and each fetch task starts only after the previous one has finished, so `pending` and the
/// iterator are used by one task at a time.
private final class ReadAhead: @unchecked Sendable {
    private let pages: PageIterator
    private var pending: Task<QueryPageBody?, any Error>?

    init(_ pages: PageIterator) { self.pages = pages }

    deinit { pending?.cancel() }

    func next() async throws -> QueryPageBody? {
        let pages = self.pages
        let current = pending ?? Task { try await pages.next() }
        pending = nil
        let page = try await withTaskCancellationHandler {
            try await current.value
        } onCancel: {
            current.cancel()
        }
        if page != nil { pending = Task { try await pages.next() } }
        return page
    }
}
