import Foundation
import Testing

@testable import OrgSimulator

@Suite struct DataTests {
    @Test func seedLoadsParentsByExternalID() throws {
        let sim = try SimTestOrg(seed: true)
        let counts = sim.org.store.read { r in r.tables.map { ($0.schema.name, $0.liveCount) } }
        let byName = Dictionary(uniqueKeysWithValues: counts)
        #expect(byName["Account"] == 50 && byName["Contact"] == 150 && byName["Invoice__c"] == 30)
        let contact = try sim.api("GET", "/sobjects/Contact/Legacy_Id__c/CON-0001")
        #expect(contact.json?["AccountId"]?.stringValue?.hasPrefix("001") == true)
        #expect(contact.json?["Name"]?.stringValue?.isEmpty == false)
    }

    @Test func generatorIsDeterministicAndLinksParents() throws {
        func generated(seed: UInt64) throws -> (Org, [String]) {
            let sim = try SimTestOrg()
            try DataGenerator(org: sim.org, seed: seed).generate([("Account", 300), ("Contact", 900)])
            let names = sim.org.store.read { r -> [String] in
                guard let t = r.table(named: "Contact"), let f = t.schema.field(named: "Email") else { return [] }
                return (0..<5).compactMap { t.row(at: $0)?.value(at: f.ordinal).text }
            }
            return (sim.org, names)
        }
        let (org, a) = try generated(seed: 42)
        let (_, b) = try generated(seed: 42)
        let (_, c) = try generated(seed: 7)
        #expect(a == b && a.count == 5)
        #expect(a != c)
        let linked = org.store.read { r -> Int in
            guard let t = r.table(named: "Contact"), let f = t.schema.field(named: "AccountId") else { return 0 }
            var n = 0
            t.forEachRow { _, row in if case let .id(id) = row.value(at: f.ordinal), r.locate(id: id) != nil { n += 1 } }
            return n
        }
        #expect(linked > 700, "most contacts point at a generated account")
    }

    @Test func persistenceRoundTrips() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sfsim-data-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let first = try SimTestOrg()
        let id = try #require(try first.api("POST", "/sobjects/Account", json: #"{"Name":"Kept","Legacy_Id__c":"K-1"}"#).json?["id"]?.stringValue)
        let gone = try #require(try first.api("POST", "/sobjects/Account", json: #"{"Name":"Binned"}"#).json?["id"]?.stringValue)
        _ = try first.api("DELETE", "/sobjects/Account/\(gone)")
        try OrgPersistence(directory: dir, org: first.org).save()

        let second = try SimTestOrg()
        #expect(try OrgPersistence(directory: dir, org: second.org).load())
        second.org.provisionUsers()
        #expect(try second.api("GET", "/sobjects/Account/\(id)").json?["Name"]?.stringValue == "Kept")
        #expect(try second.api("GET", "/sobjects/Account/Legacy_Id__c/K-1").status == 200)
        #expect(second.org.store.read { $0.table(named: "Account")?.recycledCount } == 1)
        let next = try second.api("POST", "/sobjects/Account", json: #"{"Name":"After"}"#).json?["id"]?.stringValue
        #expect(next != id && next != gone)
    }
}
