import Foundation
import RecordFiles
import SalesforceConnection
import SimulatorFixture
import Synchronization
import Testing

/// Records, collections and Bulk API 2.0 against sfsim.
@Suite struct DataAPIIntegrationTests {
    @Test func crudAndUpsertByExternalID() async throws {
        let sim = try Sim.start()
        let client = try SalesforceClient(settings: Sim.settings(sim), credentials: Sim.clientCredentials)
        let created = try await client.create("Account", fields: ["Name": "Acme", "Legacy_Id__c": "L-1"])
        let id = try #require(created.id)
        #expect(created.success && id.hasPrefix("001"))
        try await client.update("Account", id: id, fields: ["Name": "Acme 2"])
        let read = try await client.retrieve("Account", id: id, fields: ["Name"])
        #expect(read["Name"]?.stringValue == "Acme 2")

        let updated = try await client.upsert("Account", externalIDField: "Legacy_Id__c", value: "L-1", fields: ["Name": "Acme 3"])
        #expect(updated == .updated(id: id))
        let inserted = try await client.upsert("Account", externalIDField: "Legacy_Id__c", value: "L-2", fields: ["Name": "Beta"])
        guard case .created(let newID) = inserted else {
            Issue.record("expected an insert, got \(inserted)")
            return
        }
        #expect(newID != id)

        try await client.delete("Account", id: id)
        let missing = try await #require(throws: SalesforceError.self) { try await client.retrieve("Account", id: id) }
        #expect(missing.status == 404)

        let badField = try await #require(throws: SalesforceError.self) {
            _ = try await client.count("SELECT Nmae FROM Account")
        }
        #expect(badField.errorCode == "INVALID_FIELD")
        #expect(badField.description.hasPrefix("INVALID_FIELD: No such column 'Nmae' on entity 'Account'"))
    }

    @Test func collectionsKeepOrderAndRowErrors() async throws {
        let sim = try Sim.start()
        let client = try SalesforceClient(settings: Sim.settings(sim), credentials: Sim.clientCredentials)
        let records: [JSONObject] = [["LastName": "Nguyen"], ["FirstName": "NoLast"], ["LastName": "Silva"]]
        let results = try await client.collectionCreate("Contact", records: records)
        #expect(results.map(\.success) == [true, false, true])
        #expect(results[1].errors.first?.statusCode == "REQUIRED_FIELD_MISSING")

        let rolledBack = try await client.collectionCreate("Contact", records: records, allOrNone: true)
        #expect(rolledBack.allSatisfy { !$0.success })

        let ids = results.compactMap(\.id)
        let updates: [JSONObject] = ids.map { ["Id": .string($0), "LastName": "Changed"] }
        let updateResults = try await client.collectionUpdate("Contact", records: updates)
        #expect(updateResults.allSatisfy { $0.success })

        let upserts: [JSONObject] = [["Legacy_Id__c": "C-1", "LastName": "A"], ["Legacy_Id__c": "C-2", "LastName": "B"]]
        let upserted = try await client.collectionUpsert("Contact", externalIDField: "Legacy_Id__c", records: upserts)
        #expect(upserted.map(\.created) == [true, true])
        let again = try await client.collectionUpsert("Contact", externalIDField: "Legacy_Id__c", records: upserts)
        #expect(again.map(\.created) == [false, false])

        let deleted = try await client.collectionDelete(ids: ids)
        #expect(deleted.allSatisfy { $0.success })
        #expect(try await client.count("SELECT COUNT() FROM Contact") == 2)

        let tooMany = [JSONObject](repeating: ["LastName": "X"], count: 201)
        await #expect(throws: SalesforceError.self) { try await client.collectionCreate("Contact", records: tooMany) }
    }

    @Test func bulkIngestAndQueryRoundTrip() async throws {
        let sim = try Sim.start()
        let client = try SalesforceClient(settings: Sim.settings(sim), credentials: Sim.clientCredentials)
        var csv = "Legacy_Id__c,LastName,Description\n"
        for index in 0..<500 { csv += "B-\(index),Name \(index),\"multi\nline, \(index)\"\n" }
        csv += "B-bad,,missing last name\n"
        let chunks = try IngestChunker(maxBytes: 12_000).split(Array(csv.utf8))
        #expect(chunks.count > 1)
        var processed = 0
        var failed = 0
        let failedRows = Mutex<[UInt8]>([])
        for chunk in chunks {
            let job = try await client.createIngestJob(
                IngestJobRequest(object: "Contact", operation: .upsert, externalIDField: "Legacy_Id__c"))
            #expect(job.state == .open)
            try await client.uploadJobData(job.id, csv: Array(chunk))
            _ = try await client.closeJob(job.id)
            let done = try await client.waitForIngestJob(job.id)
            #expect(done.state == .jobComplete)
            processed += done.numberRecordsProcessed
            failed += done.numberRecordsFailed
            try await client.ingestResults(job.id, kind: .failed) { bytes in failedRows.withLock { $0 += bytes } }
        }
        #expect(processed == 501 && failed == 1)
        let failedText = failedRows.withLock { String(decoding: $0, as: UTF8.self) }
        #expect(failedText.contains("REQUIRED_FIELD_MISSING"))
        #expect(failedText.contains("B-bad"))

        let job = try await client.createQueryJob("SELECT Id, Legacy_Id__c FROM Contact")
        _ = try await client.waitForQueryJob(job.id)
        var locator: String?
        var records = 0
        var pages = 0
        let body = Mutex<[UInt8]>([])
        repeat {
            let page = try await client.queryJobResults(job.id, locator: locator, maxRecords: 200) { bytes in
                body.withLock { $0 += bytes }
            }
            records += page.numberOfRecords
            locator = page.nextLocator
            pages += 1
        } while locator != nil
        #expect(records == 500)
        #expect(pages == 3)
        let text = body.withLock { String(decoding: $0, as: UTF8.self) }
        #expect(text.contains("B-499"))

        let badJob = try await #require(throws: SalesforceError.self) {
            _ = try await client.createQueryJob("SELECT Nmae FROM Contact")
        }
        #expect(badJob.errorCode == "INVALID_FIELD")
    }
}

/// Row locks injected by sfsim are retried row by row and the final result is exact.
@Suite struct RowLockIntegrationTests {
    @Test func lockedRowsAreResentUntilSaved() async throws {
        let sim = try Sim.start(["--lock-rate", "0.3"])
        let client = try SalesforceClient(settings: Sim.settings(sim), credentials: Sim.clientCredentials)
        let records: [JSONObject] = (0..<150).map { ["Legacy_Id__c": .string("LK-\($0)"), "LastName": .string("L\($0)")] }
        let results = try await RowLockRetry.run(count: records.count, attempts: 20, delay: .milliseconds(5)) { indexes in
            try await client.collectionCreate("Contact", records: indexes.map { records[$0] })
        }
        #expect(results.count == 150)
        #expect(results.allSatisfy { $0.success })
        #expect(Set(results.compactMap(\.id)).count == 150)
        #expect(try await client.count("SELECT COUNT() FROM Contact") == 150)
        let faults = try sim.stats()["faultsInjected"] as? [String: Int]
        #expect((faults?["lock"] ?? 0) > 0)
    }

    @Test func otherRowErrorsAreNotResent() async throws {
        let sim = try Sim.start()
        let client = try SalesforceClient(settings: Sim.settings(sim), credentials: Sim.clientCredentials)
        let sends = Mutex(0)
        let results = try await RowLockRetry.run(count: 2) { indexes in
            sends.withLock { $0 += 1 }
            return try await client.collectionCreate("Contact", records: indexes.map { _ in ["FirstName": "NoLast"] })
        }
        #expect(results.allSatisfy { !$0.success })
        #expect(sends.withLock { $0 } == 1)
    }
}
