import Foundation
import Synchronization
import Testing

@testable import DataExport

/// REST exports cannot be resumed: their partial file is removed on failure and on interrupt, while a Bulk
/// export's stays for `--resume`.
@Suite struct UnfinishedOutputTests {
    @Test func anInterruptedRESTExportLeavesNoPartialFile() async throws {
        let folder = try temporaryFolder()
        let path = folder + "/a.csv"
        let org = GatedOrg()
        var request = ExportRequest(soql: "SELECT Id FROM Account", output: path, selection: .init(format: .csv, compression: .none))
        request.api = .rest
        let export = Task { try await Exporter(org: org).run(request) }
        // The engine asked for the second page: the output is open and being written.
        for await _ in org.waiting { break }
        #expect(FileManager.default.fileExists(atPath: path + ".partial"))
        // What the interrupt handler does before exiting (scoped to this test's folder).
        let removed = UnfinishedOutputs.removeAll { $0.hasPrefix(folder + "/") }
        #expect(removed == [path + ".partial"])
        #expect(!FileManager.default.fileExists(atPath: path + ".partial"))
        org.release()
        await #expect(throws: (any Error).self) { try await export.value }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: path + ".partial"))
    }

    @Test func onlyNonResumableOutputsAreListed() throws {
        let folder = try temporaryFolder()
        let bulk = try ExportFile(path: folder + "/bulk.csv", resumeAt: nil, digest: false, resumable: true)
        let rest = try ExportFile(path: folder + "/rest.csv", resumeAt: nil, digest: false, resumable: false)
        let removed = UnfinishedOutputs.removeAll { $0.hasPrefix(folder + "/") }
        #expect(removed == [folder + "/rest.csv.partial"])
        #expect(FileManager.default.fileExists(atPath: folder + "/bulk.csv.partial"))
        bulk.abandon(keepPartial: true)
        rest.abandon(keepPartial: false)
        #expect(FileManager.default.fileExists(atPath: folder + "/bulk.csv.partial"))
    }

    @Test func aCommittedRESTOutputIsNoLongerListed() throws {
        let folder = try temporaryFolder()
        let rest = try ExportFile(path: folder + "/rest.csv", resumeAt: nil, digest: false, resumable: false)
        _ = try rest.commit()
        #expect(UnfinishedOutputs.removeAll { $0.hasPrefix(folder + "/") }.isEmpty)
        #expect(FileManager.default.fileExists(atPath: folder + "/rest.csv"))
    }
}

/// An org whose REST query sends one page, then holds the second until `release()`, and then fails.
final class GatedOrg: ExportOrg {
    let waiting: AsyncStream<Void>
    private let waitingContinuation: AsyncStream<Void>.Continuation
    private let gate: AsyncStream<Void>
    private let gateContinuation: AsyncStream<Void>.Continuation

    init() {
        (waiting, waitingContinuation) = AsyncStream.makeStream()
        (gate, gateContinuation) = AsyncStream.makeStream()
    }

    func release() { gateContinuation.finish() }

    func count(_ soql: String, includeDeleted: Bool) async throws -> Int { 0 }

    func queryPages(_ soql: String, includeDeleted: Bool, batchSize: Int?) -> AsyncThrowingStream<[UInt8], any Error> {
        let first = #"{"totalSize":3,"done":false,"nextRecordsUrl":"/q/2","records":[{"Id":"a"},{"Id":"b"}]}"#
        let sent = Sent()
        let waiting = waitingContinuation
        let gate = gate
        return AsyncThrowingStream(unfolding: {
            if sent.take() { return Array(first.utf8) }
            waiting.yield()
            for await _ in gate {}
            throw CannedOrgError(message: "the connection was lost")
        })
    }

    func queryPages(continuingAt nextRecordsURL: String) -> AsyncThrowingStream<[UInt8], any Error> {
        AsyncThrowingStream { $0.finish() }
    }

    func createQueryJob(_ soql: String, includeDeleted: Bool, columnDelimiter: String, lineEnding: String) async throws -> String {
        throw CannedOrgError(message: "no Bulk here")
    }

    func waitForQueryJob(_ jobID: String) async throws -> Int? { nil }

    func queryJobResults(
        _ jobID: String, locator: String?, maxRecords: Int?, onChunk: @escaping @Sendable ([UInt8]) throws -> Void
    ) async throws -> (nextLocator: String?, numberOfRecords: Int?) { (nil, nil) }

    func exportSchema(_ object: String) async throws -> ExportSchema { ExportSchema(name: object, queryable: true, fields: []) }

    func exportableObjects() async throws -> [ExportObjectSummary] { [] }

    func apiCallCount() async -> Int { 0 }

    /// Whether the first page is still to be sent.
    private final class Sent: Sendable {
        private let first = Mutex(true)
        func take() -> Bool { first.withLock { value in defer { value = false }; return value } }
    }
}
