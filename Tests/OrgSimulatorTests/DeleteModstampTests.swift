import Foundation
import Testing

@testable import OrgSimulator

/// Deleting is a modification: SystemModstamp and LastModifiedDate move, so incremental
/// `queryAll ... WHERE SystemModstamp >= X` exports see deletions made by every API.
@Suite struct DeleteModstampTests {
    /// 2020-01-01T00:00:00Z, well before the cut-off the test queries from.
    static let longAgo: Int64 = 1_577_836_800_000

    @Test func restCollectionAndBulkDeletesMoveSystemModstamp() async throws {
        let sim = try SimTestOrg()
        let token = try sim.token()
        let auth = [("Authorization", "Bearer \(token)")]
        var ids: [String] = []
        for name in ["Rest", "Collection", "Bulk"] {
            let created = try sim.api("POST", "/sobjects/Account/", json: "{\"Name\":\"\(name)\"}")
            ids.append(try #require(created.json?["id"]?.stringValue))
        }
        // Back-date the records so that only a delete can bring them past the cut-off.
        sim.org.store.write { writer in
            guard let table = writer.table(named: "Account") else { return }
            let schema = table.schema
            for id in ids {
                guard let slot = table.slot(ofID: id), let row = table.row(at: slot) else { continue }
                var values = row.decodeAll()
                while values.count < schema.fields.count { values.append(.null) }
                for o in [schema.lastModifiedDateOrdinal, schema.systemModstampOrdinal] {
                    if let o { values[o] = .dateTime(Self.longAgo) }
                }
                table.replace(slot: slot, with: values)
            }
        }
        let soql = "SELECT Id, Name, IsDeleted, LastModifiedDate, LastModifiedById FROM Account"
            + " WHERE SystemModstamp >= 2021-01-01T00:00:00Z ORDER BY Name"
        let path = "/queryAll?q=" + (soql.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        #expect(try sim.api("GET", path).json?["totalSize"]?.intValue == 0, "back-dated before any delete")

        #expect(try sim.api("DELETE", "/sobjects/Account/\(ids[0])").status == 204)
        #expect(try sim.api("DELETE", "/composite/sobjects?ids=\(ids[1])").status == 200)
        let job = sim.send("POST", "/services/data/v62.0/jobs/ingest", headers: auth, json: #"{"object":"Account","operation":"delete"}"#)
        let jobID = try #require(job.json?["id"]?.stringValue)
        _ = sim.send("PUT", "/services/data/v62.0/jobs/ingest/\(jobID)/batches", headers: auth, body: Array("Id\n\(ids[2])\n".utf8))
        _ = sim.send("PATCH", "/services/data/v62.0/jobs/ingest/\(jobID)", headers: auth, json: #"{"state":"UploadComplete"}"#)
        #expect(try await sim.waitForJob(jobID, token: token)["numberRecordsProcessed"]?.intValue == 1)

        let page = try sim.api("GET", path).json
        #expect(page?["totalSize"]?.intValue == 3)
        let records = page?["records"]?.arrayValue ?? []
        #expect(records.compactMap { $0["Name"]?.stringValue } == ["Bulk", "Collection", "Rest"])
        #expect(records.allSatisfy { $0["IsDeleted"]?.boolValue == true })
        #expect(records.allSatisfy { ($0["LastModifiedDate"]?.stringValue ?? "") >= "2021" })
        #expect(records.allSatisfy { ($0["LastModifiedById"]?.stringValue ?? "").hasPrefix("005") })
    }
}
