import Foundation

/// A Bulk results page whose head has arrived: its next locator and record count are known, its body is pulled
/// with `nextChunk()` when the writer is ready for it. The exporter opens page n+1 as soon as page n's head is
/// in, so the org renders the next page while this one is converted and written.
public struct OpenedResultsPage: Sendable {
    public var nextLocator: String?
    public var numberOfRecords: Int?
    private let next: @Sendable () async throws -> [UInt8]?
    private let stop: @Sendable () -> Void

    public init(
        nextLocator: String?, numberOfRecords: Int?, nextChunk: @escaping @Sendable () async throws -> [UInt8]?,
        cancel: @escaping @Sendable () -> Void
    ) {
        self.nextLocator = nextLocator
        self.numberOfRecords = numberOfRecords
        next = nextChunk
        stop = cancel
    }

    /// The next piece of the page, nil after the last.
    public func nextChunk() async throws -> [UInt8]? { try await next() }

    /// Abandons the page (an export that fails or stops before reading it).
    public func cancel() { stop() }
}

extension ExportOrg {
    /// For orgs that only stream pages through a callback (test doubles): the page is read whole, then served
    /// from memory. `SalesforceClientOrg` opens pages for real.
    public func openQueryJobResults(_ jobID: String, locator: String?, maxRecords: Int?) async throws
        -> OpenedResultsPage
    {
        let chunks = BufferedChunks()
        let page = try await queryJobResults(jobID, locator: locator, maxRecords: maxRecords) { chunks.append($0) }
        return OpenedResultsPage(
            nextLocator: page.nextLocator, numberOfRecords: page.numberOfRecords, nextChunk: { chunks.next() },
            cancel: {})
    }
}

/// Chunks of a page held in memory, handed out in order.
/// `@unchecked Sendable`: `chunks` is only touched under `lock`.
final class BufferedChunks: @unchecked Sendable {
    private let lock = NSLock()
    private var chunks: [[UInt8]] = []
    private var index = 0

    func append(_ chunk: [UInt8]) { lock.withLock { chunks.append(chunk) } }

    func next() -> [UInt8]? {
        lock.withLock {
            guard index < chunks.count else { return nil }
            defer {
                chunks[index] = []
                index += 1
            }
            return chunks[index]
        }
    }
}
