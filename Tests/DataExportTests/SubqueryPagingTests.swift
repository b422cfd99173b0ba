import Foundation
import Testing

@testable import DataExport

/// Subquery children that continue on further pages (a nested QueryResult with `done: false`).
@Suite struct SubqueryPagingTests {
    static let soql = "SELECT Name, (SELECT LastName FROM Contacts), Phone FROM Account"
    static let next = "/services/data/v62.0/query/01gCHILD-1"
    static let parentPage = #"""
        {"totalSize":2,"done":true,"records":[
         {"attributes":{"type":"Account"},"Name":"Big","Contacts":{"totalSize":4,"done":false,"nextRecordsUrl":"/services/data/v62.0/query/01gCHILD-1","records":[{"attributes":{"type":"Contact"},"LastName":"a"},{"attributes":{"type":"Contact"},"LastName":"b"}]},"Phone":"1"},
         {"attributes":{"type":"Account"},"Name":"Small","Contacts":{"totalSize":1,"done":true,"records":[{"attributes":{"type":"Contact"},"LastName":"z"}]},"Phone":null}]}
        """#
    static let childPages = [
        #"{"totalSize":4,"done":false,"nextRecordsUrl":"/services/data/v62.0/query/01gCHILD-2","records":[{"attributes":{"type":"Contact"},"LastName":"c \"q\""}]}"#,
        #"{"totalSize":4,"done":true,"records":[{"attributes":{"type":"Contact"},"LastName":"d"}]}"#,
    ]

    func request(_ folder: String, _ name: String) -> ExportRequest {
        var request = ExportRequest(
            soql: Self.soql, output: folder + "/" + name, selection: .init(format: .jsonl, compression: .none))
        request.api = .rest
        return request
    }

    @Test func everyChildPageIsFollowedInOrder() async throws {
        let folder = try temporaryFolder()
        let org = CannedOrg(restPages: [Self.parentPage], continuedPages: [Self.next: Self.childPages])
        let result = try await Exporter(org: org).run(request(folder, "a.jsonl"))
        #expect(result.rows == 2)
        let text = try readText(folder + "/a.jsonl")
        #expect(
            text == #"""
                {"Name":"Big","Contacts":[{"LastName":"a"},{"LastName":"b"},{"LastName":"c \"q\""},{"LastName":"d"}],"Phone":"1"}
                {"Name":"Small","Contacts":[{"LastName":"z"}],"Phone":null}

                """#, "\(text)")
    }

    @Test func childrenInOneCSVCellAreComplete() async throws {
        let folder = try temporaryFolder()
        var request = request(folder, "a.csv")
        request.selection = .init(format: .csv, compression: .none)
        request.subqueryAsJSON = true
        let org = CannedOrg(restPages: [Self.parentPage], continuedPages: [Self.next: Self.childPages])
        _ = try await Exporter(org: org).run(request)
        let lines = try readText(folder + "/a.csv").split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("Big,"))
        #expect(lines[1].contains(#""LastName"":""d""}]",1"#))
    }

    @Test func childrenShortOfTheirTotalAreACountMismatch() async throws {
        let folder = try temporaryFolder()
        let short = [Self.childPages[1]]  // skips the page holding "c"
        let org = CannedOrg(restPages: [Self.parentPage], continuedPages: [Self.next: short])
        await #expect {
            _ = try await Exporter(org: org).run(request(folder, "a.jsonl"))
        } throws: { ($0 as? ExportError)?.kind == .countMismatch && "\($0)".contains("'Contacts'") }
        #expect(!FileManager.default.fileExists(atPath: folder + "/a.jsonl"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/a.jsonl.partial"))
    }
}
