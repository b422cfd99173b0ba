import Foundation
import Testing

@testable import OrgSimulator

/// The `truncateResults` fault: pages come back one record short of what their totals announce, so
/// clients' count checks have something to catch.
@Suite struct TruncateResultsTests {
    @Test func restPagesFallShortOfTotalSize() throws {
        let org = try QueryPagingTests.org(accounts: 450)
        org.org.faults.withLock { $0.truncateResults = true }
        let (pages, totals, names) = QueryPagingTests.drain(org, "SELECT Name FROM Account ORDER BY Name", batchSize: 200)
        #expect(pages == [199, 199, 49], "each page drops its last record")
        #expect(totals == [450, 450, 450], "totalSize still announces every record")
        #expect(names.count == 447 && !names.contains("A00200") && !names.contains("A00450"))
        org.org.faults.withLock { $0.truncateResults = false }
        #expect(QueryPagingTests.drain(org, "SELECT Name FROM Account", batchSize: 200).names.count == 450)
    }

    @Test func adminAPISwitchesTheFault() throws {
        let sim = try SimTestOrg(seed: true)
        let on = sim.send("POST", "/__sfsim/faults", json: #"{"truncateResults":true}"#)
        #expect(on.json?["truncateResults"]?.boolValue == true)
        let page = try sim.api("GET", "/query?q=SELECT+Id+FROM+Account").json
        #expect(page?["totalSize"]?.intValue == 50)
        #expect(page?["records"]?.arrayValue?.count == 49)
        #expect(sim.send("POST", "/__sfsim/faults", json: #"{"truncateResults":"yes"}"#).status == 400)
        #expect(sim.send("POST", "/__sfsim/faults", json: #"{"truncateResults":false}"#).json?["truncateResults"]?.boolValue == false)
        #expect(try sim.api("GET", "/query?q=SELECT+Id+FROM+Account").json?["records"]?.arrayValue?.count == 50)
    }

    @Test func bulkResultPagesFallShortOfNumberOfRecords() async throws {
        let org = try QueryPagingTests.org(accounts: 50)
        org.org.faults.withLock { $0.truncateResults = true }
        let created = BulkQueryJobTests.create(org, "SELECT Name FROM Account ORDER BY Name")
        let id = try #require(created.json?["id"]?.stringValue)
        #expect(try await BulkQueryJobTests.waitForCompletion(org, id)?["state"]?.stringValue == "JobComplete")
        var locator = ""
        var announced: [Int] = []
        var received: [Int] = []
        repeat {
            let query = locator.isEmpty ? "maxRecords=20" : "maxRecords=20&locator=\(locator)"
            let page = org.request("GET", "\(BulkQueryJobTests.base)/\(id)/results?\(query)")
            #expect(page.status == 200)
            announced.append(Int(page.header("Sforce-NumberOfRecords") ?? "") ?? -1)
            received.append(page.text.split(separator: "\n").count - 1)  // minus the header line
            locator = page.header("Sforce-Locator") ?? "null"
        } while locator != "null" && announced.count < 10
        #expect(announced == [20, 20, 10])
        #expect(received == [19, 19, 9])
        #expect(org.org.stats.values.snapshot.faultsInjected["truncate"] == 3)
    }
}
