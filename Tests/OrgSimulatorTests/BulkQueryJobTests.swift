import Foundation
import SOQL
import Testing

@testable import OrgSimulator

@Suite("Bulk API 2.0 query jobs")
struct BulkQueryJobTests {
    static let base = "/services/data/v62.0/jobs/query"

    /// Polls the job until it leaves the running states (bounded).
    static func waitForCompletion(_ org: QueryTestOrg, _ id: String) async throws -> JSONNode? {
        for _ in 0..<500 {
            let status = org.request("GET", "\(base)/\(id)").json
            let state = status?["state"]?.stringValue ?? ""
            if state != "UploadComplete" && state != "InProgress" { return status }
            try await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }

    static func create(_ org: QueryTestOrg, _ soql: String, extra: String = "") -> SimResponse {
        let body = #"{"operation":"query","query":"\#(soql)","contentType":"CSV"\#(extra)}"#
        return org.request("POST", base, headers: [("Content-Type", "application/json")], body: body)
    }

    @Test func lifecycleAndLocatorPaging() async throws {
        let f = try QueryFixture()
        let created = Self.create(f.org, "SELECT Id, LastName, Account.Name, Birthdate FROM Contact ORDER BY LastName")
        #expect(created.status == 200)
        let info = created.json
        let id = info?["id"]?.stringValue ?? ""
        #expect(id.hasPrefix("750"))
        #expect(info?["state"]?.stringValue == "UploadComplete")
        #expect(info?["object"]?.stringValue == "Contact")
        #expect(created.text.contains(#""apiVersion":62.0,"lineEnding":"LF","columnDelimiter":"COMMA"}"#))

        let status = try await Self.waitForCompletion(f.org, id)
        #expect(status?["state"]?.stringValue == "JobComplete")
        #expect(status?["numberRecordsProcessed"]?.intValue == 4)
        #expect(status?["jobType"]?.stringValue == "V2Query")

        let page1 = f.org.request("GET", "\(Self.base)/\(id)/results?maxRecords=3")
        #expect(page1.status == 200)
        #expect(page1.header("Content-Type") == "text/csv; charset=UTF-8")
        #expect(page1.header("Sforce-NumberOfRecords") == "3")
        let locator = page1.header("Sforce-Locator") ?? ""
        #expect(locator == "Mw")
        #expect(page1.text == """
            "Id","LastName","Account.Name","Birthdate"
            "\(f.adams)","adams","Acme Corp",""
            "\(f.nguyen)","Nguyen","Acme Corp","1985-04-12"
            "\(f.okafor)","Okafor","",""

            """)
        let page2 = f.org.request("GET", "\(Self.base)/\(id)/results?locator=\(locator)&maxRecords=3")
        #expect(page2.header("Sforce-Locator") == "null")
        #expect(page2.header("Sforce-NumberOfRecords") == "1")
        #expect(page2.text == "\"Id\",\"LastName\",\"Account.Name\",\"Birthdate\"\n\"\(f.silva)\",\"Silva\",\"Globex\",\"\"\n")

        let list = f.org.request("GET", Self.base).json
        #expect(list?["records"]?.arrayValue?.map { $0["id"]?.stringValue } == [id])
        #expect(list?["done"]?.boolValue == true)

        let abort = f.org.request("PATCH", "\(Self.base)/\(id)", body: #"{"state":"Aborted"}"#)
        #expect(abort.status == 400)
        #expect(abort.text.contains("Aborting already Completed Job not allowed"))
        #expect(f.org.request("DELETE", "\(Self.base)/\(id)").status == 204)
        #expect(f.org.request("GET", "\(Self.base)/\(id)").status == 404)
    }

    @Test func queryAllDelimitersAndLineEndings() async throws {
        let f = try QueryFixture()
        let body = #"{"operation":"queryAll","query":"SELECT Name, CreatedDate FROM Account WHERE Industry = 'Biotechnology'","columnDelimiter":"PIPE","lineEnding":"CRLF"}"#
        let created = f.org.request("POST", Self.base, body: body)
        let id = created.json?["id"]?.stringValue ?? ""
        #expect(try await Self.waitForCompletion(f.org, id)?["state"]?.stringValue == "JobComplete")
        let results = f.org.request("GET", "\(Self.base)/\(id)/results")
        #expect(results.text == "\"Name\"|\"CreatedDate\"\r\n\"Umbrella\"|\"2024-05-15T08:00:00.000Z\"\r\n")
        #expect(results.header("Sforce-Locator") == "null")
    }

    @Test(arguments: [
        ("SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry", "INVALIDJOB"),
        ("SELECT COUNT() FROM Account", "INVALIDJOB"),
        ("SELECT Name, (SELECT Id FROM Contacts) FROM Account", "INVALIDJOB"),
        ("SELECT Id FROM Account OFFSET 5", "INVALIDJOB"),
        ("SELECT BillingAddress FROM Account", "INVALIDJOB"),
        ("SELECT Nme FROM Account", "INVALID_FIELD"),
        ("SELECT Id FRM Account", "MALFORMED_QUERY"),
    ])
    func unsupportedQueriesAreRefusedOnCreate(_ soql: String, _ code: String) throws {
        let f = try QueryFixture()
        let response = Self.create(f.org, soql)
        #expect(response.status == 400)
        #expect(response.json?.arrayValue?.first?["errorCode"]?.stringValue == code)
    }

    @Test func resultsBeforeCompletionAndUnknownJobs() throws {
        let f = try QueryFixture()
        #expect(f.org.request("GET", "\(Self.base)/7505g00000QrStVAAV").status == 404)
        #expect(f.org.request("GET", "\(Self.base)/7505g00000QrStVAAV/results").status == 404)
        let created = Self.create(f.org, "SELECT Id FROM Account")
        let id = created.json?["id"]?.stringValue ?? ""
        let bad = f.org.request("GET", "\(Self.base)/\(id)/results?locator=%%%")
        #expect(bad.status == 400)
    }

    @Test func locatorsRoundTrip() {
        #expect(BulkQueryLocator.encode(10000) == "MTAwMDA")
        #expect(BulkQueryLocator.decode("MTAwMDA") == 10000)
        #expect(BulkQueryLocator.decode("MjAwMDA") == 20000)
        #expect(BulkQueryLocator.decode("!!") == nil)
    }
}

@Suite("Bulk query CSV cells")
struct BulkQueryCSVTests {
    /// The fast cell writer must produce exactly what `Row.appendCSV` produces, for every kind of value.
    @Test func fastCellsMatchTheRowRendering() {
        let values: [FieldValue] = [
            .null, .text("plain"), .text("with \"quotes\", commas\nand lines"), .text("Zürich 東京"), .text(""),
            .int(0), .int(7), .int(-42), .int(Int64.max), .int(Int64.min + 1), .double(1_250_000), .double(-0.5),
            .double(9.1226003e8), .bool(true), .bool(false), .id("0015g00000Kx1AaAAJ"), .date(0), .date(-1),
            .date(19_753), .dateTime(0), .dateTime(-1), .dateTime(1_706_704_496_789),
        ]
        let row = Row.encode(values)
        for ordinal in 0..<values.count + 1 {
            var expected: [UInt8] = []
            row.appendCSV(at: ordinal, to: &expected)
            let output = ByteOutput(capacity: 8)
            output.ensure(CSVValueWriter.bound(row, columns: 1))
            row.bytes.withUnsafeBufferPointer { CSVValueWriter.writeCell($0, ordinal, to: output) }
            #expect(output.bytes == expected, "ordinal \(ordinal): \(String(decoding: expected, as: UTF8.self))")
        }
    }
}
