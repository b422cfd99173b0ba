import DataExport
import Foundation
import Synchronization

/// An org that answers from canned REST pages and Bulk result pages, for engine tests without a server.
final class CannedOrg: ExportOrg {
    let restPages: [String]
    /// Pages served for a `nextRecordsUrl` (the rest of a subquery's children), keyed by that URL.
    let continuedPages: [String: [String]]
    let bulkPages: [(csv: String, announced: Int?)]
    let jobRecords: Int?
    let countAnswer: Int
    let calls = Mutex(0)
    let jobsCreated = Mutex(0)
    /// The chunk size the Bulk pages are cut into (to exercise chunk boundaries).
    let chunkSize: Int

    init(
        restPages: [String] = [], continuedPages: [String: [String]] = [:], bulkPages: [(String, Int?)] = [], jobRecords: Int? = nil, count: Int = 0, chunkSize: Int = 7) {
        self.restPages = restPages
        self.continuedPages = continuedPages
        self.bulkPages = bulkPages.map { (csv: $0.0, announced: $0.1) }
        self.jobRecords = jobRecords
        self.countAnswer = count
        self.chunkSize = chunkSize
    }

    func count(_ soql: String, includeDeleted: Bool) async throws -> Int {
        calls.withLock { $0 += 1 }
        return countAnswer
    }

    func queryPages(_ soql: String, includeDeleted: Bool, batchSize: Int?) -> AsyncThrowingStream<[UInt8], any Error> {
        let pages = restPages
        calls.withLock { $0 += pages.count }
        return AsyncThrowingStream { continuation in
            for page in pages { continuation.yield(Array(page.utf8)) }
            continuation.finish()
        }
    }

    func queryPages(continuingAt nextRecordsURL: String) -> AsyncThrowingStream<[UInt8], any Error> {
        let pages = continuedPages[nextRecordsURL]
        calls.withLock { $0 += pages?.count ?? 1 }
        return AsyncThrowingStream { continuation in
            guard let pages else {
                continuation.finish(throwing: CannedOrgError(message: "no pages at \(nextRecordsURL)"))
                return
            }
            for page in pages { continuation.yield(Array(page.utf8)) }
            continuation.finish()
        }
    }

    func createQueryJob(_ soql: String, includeDeleted: Bool, columnDelimiter: String, lineEnding: String) async throws -> String {
        calls.withLock { $0 += 1 }
        jobsCreated.withLock { $0 += 1 }
        return "750000000000001AAA"
    }

    func waitForQueryJob(_ jobID: String) async throws -> Int? {
        calls.withLock { $0 += 1 }
        return jobRecords
    }

    func queryJobResults(
        _ jobID: String, locator: String?, maxRecords: Int?, onChunk: @escaping @Sendable ([UInt8]) throws -> Void
    ) async throws -> (nextLocator: String?, numberOfRecords: Int?) {
        calls.withLock { $0 += 1 }
        let index = locator.flatMap { Int($0) } ?? 0
        let bytes = Array(bulkPages[index].csv.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunkSize)
            try onChunk(Array(bytes[start..<end]))
            start = end
        }
        let next = index + 1 < bulkPages.count ? String(index + 1) : nil
        return (next, bulkPages[index].announced)
    }

    func exportSchema(_ object: String) async throws -> ExportSchema {
        ExportSchema(name: object, queryable: true, fields: [])
    }

    func exportableObjects() async throws -> [ExportObjectSummary] { [] }

    func apiCallCount() async -> Int { calls.withLock { $0 } }
}

struct CannedOrgError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// A fresh temporary folder for one test's files.
func temporaryFolder() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("dataexport-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func readText(_ path: String) throws -> String {
    String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
}
