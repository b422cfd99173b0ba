import Foundation
import SOQL
import Testing

@testable import OrgSimulator

@Suite("REST query paging")
struct QueryPagingTests {
    /// An org with `count` accounts named `A00001`...
    static func org(accounts count: Int) throws -> QueryTestOrg {
        let org = try QueryTestOrg()
        for i in 1...count {
            let name = "A" + String(repeating: "0", count: 5 - String(i).count) + String(i)
            org.insert("Account", ["Name": .text(name), "NumberOfEmployees": .int(Int64(i))])
        }
        return org
    }

    /// Follows nextRecordsUrl to the end; returns the page sizes, the totalSize of each page and all names.
    static func drain(_ org: QueryTestOrg, _ soql: String, resource: String = "query", batchSize: Int? = nil)
        -> (pages: [Int], totals: [Int], names: [String])
    {
        let headers = batchSize.map { [("Sforce-Query-Options", "batchSize=\($0)")] } ?? []
        var response = org.request("GET", QueryTestOrg.queryURI(soql, resource: resource), headers: headers)
        var pages: [Int] = []
        var totals: [Int] = []
        var names: [String] = []
        while true {
            guard response.status == 200, let json = response.json, let records = json["records"]?.arrayValue else {
                Issue.record("bad page: \(response.status) \(response.text.prefix(300))")
                break
            }
            pages.append(records.count)
            totals.append(json["totalSize"]?.intValue ?? -1)
            names += records.compactMap { $0["Name"]?.stringValue }
            guard json["done"]?.boolValue == false, let next = json["nextRecordsUrl"]?.stringValue else { break }
            #expect(next.hasPrefix("/services/data/v62.0/query/01g"))
            response = org.request("GET", next, headers: headers)
        }
        return (pages, totals, names)
    }

    @Test func pagesOf2000ByDefault() throws {
        let org = try Self.org(accounts: 4500)
        let (pages, totals, names) = Self.drain(org, "SELECT Name FROM Account ORDER BY NumberOfEmployees DESC")
        #expect(pages == [2000, 2000, 500])
        #expect(totals == [4500, 4500, 4500])
        #expect(names.count == 4500)
        #expect(names.first == "A04500")
        #expect(names.last == "A00001")
        #expect(Set(names).count == 4500)
    }

    @Test func batchSizeIsClampedAndQueryAllCursorsWorkThroughQuery() throws {
        let org = try Self.org(accounts: 450)
        let (pages, _, names) = Self.drain(org, "SELECT Name FROM Account", resource: "queryAll", batchSize: 50)
        #expect(pages == [200, 200, 50])
        #expect(names.count == 450)
        let (big, _, _) = Self.drain(org, "SELECT Name FROM Account", batchSize: 5000)
        #expect(big == [450])
    }

    @Test func locatorsAreReusable() throws {
        let org = try Self.org(accounts: 2100)
        let first = org.request("GET", QueryTestOrg.queryURI("SELECT Name FROM Account"))
        let next = first.json?["nextRecordsUrl"]?.stringValue ?? ""
        let a = org.request("GET", next)
        let b = org.request("GET", next)
        #expect(a.status == 200)
        #expect(a.body == b.body)
        #expect(a.json?["records"]?.arrayValue?.count == 100)
        #expect(a.json?["done"]?.boolValue == true)
        #expect(a.json?["nextRecordsUrl"] == nil)
    }
}
