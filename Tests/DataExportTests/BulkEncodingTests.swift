import Foundation
import GzipStreams
import Testing

@testable import DataExport

/// Bulk result pages through the engine: passthrough, re-encoding, count checks and resume, no server.
@Suite struct BulkEncodingTests {
    static let soql = "SELECT Id, Name, Account.Name, NumberOfEmployees FROM Contact"
    static let pages: [(String, Int?)] = [
        ("\"Id\",\"Name\",\"Account.Name\",\"NumberOfEmployees\"\n\"0031\",\"Quote \"\"q\"\"\",\"Acme\",\"12\"\n\"0032\",\"Line\nbreak\",\"\",\"\"\n", 2),
        ("\"Id\",\"Name\",\"Account.Name\",\"NumberOfEmployees\"\n\"0033\",\"Ünïcode 😀\",\"B, Inc\",\"7\"\n", 1),
        ("\"Id\",\"Name\",\"Account.Name\",\"NumberOfEmployees\"\n\"0034\",\"last\",\"\",\"\"", 1),
    ]

    func request(_ path: String, _ format: OutputFormat, _ compression: OutputCompression = .none) -> ExportRequest {
        var request = ExportRequest(soql: Self.soql, output: path, selection: .init(format: format, compression: compression))
        request.api = .bulk
        return request
    }

    @Test func csvPassthroughWritesTheHeaderOnceAndCopiesRows() async throws {
        let path = try temporaryFolder() + "/c.csv"
        let result = try await Exporter(org: CannedOrg(bulkPages: Self.pages, jobRecords: 4)).run(request(path, .csv))
        #expect(result.rows == 4)
        #expect(result.api == "bulk")
        let expected = "Id,Name,Account.Name,NumberOfEmployees\n\"0031\",\"Quote \"\"q\"\"\",\"Acme\",\"12\"\n\"0032\",\"Line\nbreak\",\"\",\"\"\n\"0033\",\"Ünïcode 😀\",\"B, Inc\",\"7\"\n\"0034\",\"last\",\"\",\"\"\n"
        #expect(try readText(path) == expected)
        #expect(!FileManager.default.fileExists(atPath: RunJournal.path(for: path)))
    }

    @Test func csvIsReencodedForOtherOptions() async throws {
        let path = try temporaryFolder() + "/c.csv"
        var req = request(path, .csv)
        req.csv.nullValue = Array("NULL".utf8)
        req.csv.lineEnding = .crlf
        _ = try await Exporter(org: CannedOrg(bulkPages: Self.pages, jobRecords: 4)).run(req)
        let text = try readText(path)
        #expect(text.hasPrefix("Id,Name,Account.Name,NumberOfEmployees\r\n0031,\"Quote \"\"q\"\"\",Acme,12\r\n"))
        #expect(text.contains("0032,\"Line\nbreak\",NULL,NULL\r\n"))
        #expect(text.hasSuffix("0034,last,NULL,NULL\r\n"))
    }

    @Test func jsonLinesFromBulkNestParentsAndType() async throws {
        let path = try temporaryFolder() + "/c.jsonl"
        var req = request(path, .jsonl)
        req.valueKinds = [.text, .text, .text, .number]
        _ = try await Exporter(org: CannedOrg(bulkPages: Self.pages, jobRecords: 4)).run(req)
        let lines = try readText(path).split(separator: "\n", omittingEmptySubsequences: true)
        #expect(lines.count == 4)
        #expect(lines[0] == #"{"Id":"0031","Name":"Quote \"q\"","Account":{"Name":"Acme"},"NumberOfEmployees":12}"#)
        #expect(lines[3] == #"{"Id":"0034","Name":"last","Account":null,"NumberOfEmployees":null}"#)
    }

    @Test func shortPageIsACountMismatch() async throws {
        let path = try temporaryFolder() + "/c.csv"
        var pages = Self.pages
        pages[1].1 = 2
        await #expect {
            _ = try await Exporter(org: CannedOrg(bulkPages: pages, jobRecords: 5)).run(request(path, .csv))
        } throws: { ($0 as? ExportError)?.kind == .countMismatch }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: path + ".partial"))
    }

    @Test func jobCountMismatchIsAnError() async throws {
        let path = try temporaryFolder() + "/c.csv"
        await #expect {
            _ = try await Exporter(org: CannedOrg(bulkPages: Self.pages, jobRecords: 5)).run(request(path, .csv))
        } throws: { ($0 as? ExportError)?.kind == .countMismatch }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test(arguments: [OutputCompression.none, .gzip])
    func interruptedExportResumesToIdenticalBytes(compression: OutputCompression) async throws {
        let folder = try temporaryFolder()
        let reference = folder + "/ref.csv" + (compression == .gzip ? ".gz" : "")
        let resumed = folder + "/res.csv" + (compression == .gzip ? ".gz" : "")
        _ = try await Exporter(org: CannedOrg(bulkPages: Self.pages, jobRecords: 4)).run(request(reference, .csv, compression))

        let org = CannedOrg(bulkPages: Self.pages, jobRecords: 4)
        var first = request(resumed, .csv, compression)
        first.stopAfterPages = 1
        await #expect(throws: ExportInterruption.self) { _ = try await Exporter(org: org).run(first) }
        #expect(!FileManager.default.fileExists(atPath: resumed))
        #expect(FileManager.default.fileExists(atPath: resumed + ".partial"))
        let journal = try #require(try RunJournal.load(for: resumed))
        #expect(journal.pages == 1 && journal.committedRows == 2 && journal.nextLocator == "1")

        var second = request(resumed, .csv, compression)
        second.resume = true
        let result = try await Exporter(org: org).run(second)
        #expect(result.resumed)
        #expect(result.rows == 4)
        #expect(org.jobsCreated.withLock { $0 } == 1)
        let a = try Data(contentsOf: URL(fileURLWithPath: reference))
        let b = try Data(contentsOf: URL(fileURLWithPath: resumed))
        #expect(a == b)
        #expect(!FileManager.default.fileExists(atPath: RunJournal.path(for: resumed)))
        if compression == .gzip {
            let plain = try GzipReader(source: MemorySource(Array(b))).readAll()
            #expect(String(decoding: plain, as: UTF8.self).hasPrefix("Id,Name,Account.Name,NumberOfEmployees\n\"0031\""))
        }
    }

    @Test func resumeRefusesADifferentQuery() async throws {
        let path = try temporaryFolder() + "/c.csv"
        let org = CannedOrg(bulkPages: Self.pages, jobRecords: 4)
        var first = request(path, .csv)
        first.stopAfterPages = 1
        await #expect(throws: ExportInterruption.self) { _ = try await Exporter(org: org).run(first) }
        var other = request(path, .csv)
        other.soql = "SELECT Id FROM Contact"
        other.resume = true
        await #expect { _ = try await Exporter(org: org).run(other) } throws: { ($0 as? ExportError)?.kind == .resume }
    }

    @Test func autoPicksBulkAboveTheThreshold() async throws {
        let folder = try temporaryFolder()
        var req = request(folder + "/a.csv", .csv)
        req.api = .auto
        req.bulkThreshold = 3
        let bulk = try await Exporter(org: CannedOrg(bulkPages: Self.pages, jobRecords: 4, count: 4)).run(req)
        #expect(bulk.api == "bulk")
        req.output = folder + "/b.csv"
        let page = #"{"totalSize":1,"done":true,"records":[{"attributes":{},"Id":"1","Name":"n","Account":null,"NumberOfEmployees":3}]}"#
        let rest = try await Exporter(org: CannedOrg(restPages: [page], count: 1)).run(req)
        #expect(rest.api == "rest")
        #expect(try readText(folder + "/b.csv") == "Id,Name,Account.Name,NumberOfEmployees\n1,n,,3\n")
    }
}
