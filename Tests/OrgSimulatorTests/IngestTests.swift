import Testing

@testable import OrgSimulator

@Suite struct IngestTests {
    static let upload = """
        Legacy_Id__c,FirstName,LastName,Email,Birthdate,Account.Legacy_Id__c,Description
        CON-0001,An,Nguyen,an.nguyen@example.com,1985-04-12,ACC-0001,"Met at expo, booth 12"
        CON-0002,Bea,Okafor,#N/A,,ACC-0001,
        CON-0003,Raul,Silva,r.silva@example.com,1990-12-01,ACC-0404,
        CON-0004,Dana,,dana@example.com,,ACC-0001,

        """

    func createJob(_ sim: SimTestOrg, token: String, _ body: String) -> SimResponse {
        sim.send("POST", "/services/data/v62.0/jobs/ingest", headers: [("Authorization", "Bearer \(token)")], json: body)
    }

    @Test func upsertLifecycleAndResults() async throws {
        let sim = try SimTestOrg()
        let token = try sim.token()
        let auth = [("Authorization", "Bearer \(token)")]
        _ = try sim.api("POST", "/sobjects/Account", json: #"{"Name":"Acme","Legacy_Id__c":"ACC-0001"}"#)
        _ = try sim.api("POST", "/sobjects/Contact", json: #"{"LastName":"Old","Legacy_Id__c":"CON-0001"}"#)
        let created = createJob(sim, token: token, #"{"object":"Contact","operation":"upsert","externalIdFieldName":"Legacy_Id__c","lineEnding":"LF","columnDelimiter":"COMMA"}"#)
        #expect(created.status == 200)
        #expect(created.json?["state"]?.stringValue == "Open")
        let id = try #require(created.json?["id"]?.stringValue)
        #expect(id.hasPrefix("750"))
        #expect(created.json?["contentUrl"]?.stringValue == "services/data/v62.0/jobs/ingest/\(id)/batches")
        let put = sim.send("PUT", "/services/data/v62.0/jobs/ingest/\(id)/batches", headers: auth + [("Content-Type", "text/csv")], body: Array(Self.upload.utf8))
        #expect(put.status == 201)
        #expect(put.body.isEmpty)
        let again = sim.send("PUT", "/services/data/v62.0/jobs/ingest/\(id)/batches", headers: auth, body: Array(Self.upload.utf8))
        #expect(again.status == 400)
        #expect(again.text.contains("Found multiple contents for job"))
        let closed = sim.send("PATCH", "/services/data/v62.0/jobs/ingest/\(id)", headers: auth, json: #"{"state":"UploadComplete"}"#)
        #expect(closed.status == 200)
        let info = try await sim.waitForJob(id, token: token)
        #expect(info["state"]?.stringValue == "JobComplete")
        #expect(info["numberRecordsProcessed"]?.intValue == 4)
        #expect(info["numberRecordsFailed"]?.intValue == 2)
        #expect(info["jobType"]?.stringValue == "V2Ingest")
        let ok = sim.send("GET", "/services/data/v62.0/jobs/ingest/\(id)/successfulResults", headers: auth)
        let lines = ok.text.split(separator: "\n")
        #expect(lines.first == "\"sf__Id\",\"sf__Created\",Legacy_Id__c,FirstName,LastName,Email,Birthdate,Account.Legacy_Id__c,Description")
        #expect(lines.count == 3)
        #expect(lines[1].hasSuffix(",\"false\",\"CON-0001\",\"An\",\"Nguyen\",\"an.nguyen@example.com\",\"1985-04-12\",\"ACC-0001\",\"Met at expo, booth 12\""))
        #expect(lines[2].contains("\"true\",\"CON-0002\""))
        let failed = sim.send("GET", "/services/data/v62.0/jobs/ingest/\(id)/failedResults", headers: auth)
        #expect(failed.text.contains("\"\",\"INVALID_CROSS_REFERENCE_KEY:"))
        #expect(failed.text.contains("\"REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --\",\"CON-0004\""))
        // #N/A set Email to null on the inserted CON-0002.
        let bea = try sim.api("GET", "/sobjects/Contact/Legacy_Id__c/CON-0002")
        #expect(bea.json?["Email"] == .null)
        #expect(try sim.api("GET", "/sobjects/Contact/Legacy_Id__c/CON-0001").json?["FirstName"]?.stringValue == "An")
        let list = sim.send("GET", "/services/data/v62.0/jobs/ingest", headers: auth)
        #expect(list.json?["records"]?.arrayValue?.count == 1)
        #expect(sim.send("DELETE", "/services/data/v62.0/jobs/ingest/\(id)", headers: auth).status == 204)
        #expect(sim.send("GET", "/services/data/v62.0/jobs/ingest/\(id)", headers: auth).status == 404)
    }

    @Test func deleteHardDeleteAndDelimiters() async throws {
        let sim = try SimTestOrg()
        let token = try sim.token()
        let auth = [("Authorization", "Bearer \(token)")]
        let create = createJob(sim, token: token, #"{"object":"Account","operation":"insert","columnDelimiter":"SEMICOLON","lineEnding":"CRLF"}"#)
        let id = try #require(create.json?["id"]?.stringValue)
        _ = sim.send("PUT", "/services/data/v62.0/jobs/ingest/\(id)/batches", headers: auth, body: Array("Name;Legacy_Id__c\r\nA;1\r\n\"B;C\";2\r\n".utf8))
        _ = sim.send("PATCH", "/services/data/v62.0/jobs/ingest/\(id)", headers: auth, json: #"{"state":"UploadComplete"}"#)
        #expect(try await sim.waitForJob(id, token: token)["numberRecordsFailed"]?.intValue == 0)
        let ok = sim.send("GET", "/services/data/v62.0/jobs/ingest/\(id)/successfulResults", headers: auth).text
        #expect(ok.contains("\"B;C\";\"2\"\r\n"))
        let ids = ok.split(separator: "\r\n").dropFirst().map { String($0.split(separator: ";")[0].dropFirst().dropLast()) }
        #expect(ids.count == 2)

        let del = createJob(sim, token: token, #"{"object":"Account","operation":"delete"}"#)
        let delID = try #require(del.json?["id"]?.stringValue)
        _ = sim.send("PUT", "/services/data/v62.0/jobs/ingest/\(delID)/batches", headers: auth, body: Array("Id\n\(ids[0])\n".utf8))
        _ = sim.send("PATCH", "/services/data/v62.0/jobs/ingest/\(delID)", headers: auth, json: #"{"state":"UploadComplete"}"#)
        _ = try await sim.waitForJob(delID, token: token)
        #expect(sim.org.store.read { $0.table(named: "Account")?.recycledCount } == 1)

        let hard = createJob(sim, token: token, #"{"object":"Account","operation":"hardDelete"}"#)
        let hardID = try #require(hard.json?["id"]?.stringValue)
        _ = sim.send("PUT", "/services/data/v62.0/jobs/ingest/\(hardID)/batches", headers: auth, body: Array("Id\n\(ids[0])\n\(ids[1])\n".utf8))
        _ = sim.send("PATCH", "/services/data/v62.0/jobs/ingest/\(hardID)", headers: auth, json: #"{"state":"UploadComplete"}"#)
        _ = try await sim.waitForJob(hardID, token: token)
        let counts = sim.org.store.read { r in r.table(named: "Account").map { ($0.liveCount, $0.recycledCount) } }
        #expect(counts?.0 == 0 && counts?.1 == 0)
    }

    @Test func badJobsFailWithAMessage() async throws {
        let sim = try SimTestOrg()
        let token = try sim.token()
        let auth = [("Authorization", "Bearer \(token)")]
        #expect(createJob(sim, token: token, #"{"object":"Nope","operation":"insert"}"#).status == 400)
        #expect(createJob(sim, token: token, #"{"object":"Account","operation":"upsert"}"#).status == 400)
        #expect(createJob(sim, token: token, #"{"object":"Account","operation":"merge"}"#).status == 400)
        let job = createJob(sim, token: token, #"{"object":"Account","operation":"insert"}"#)
        let id = try #require(job.json?["id"]?.stringValue)
        _ = sim.send("PUT", "/services/data/v62.0/jobs/ingest/\(id)/batches", headers: auth, body: Array("Name,Bogus__c\nA,1\n".utf8))
        _ = sim.send("PATCH", "/services/data/v62.0/jobs/ingest/\(id)", headers: auth, json: #"{"state":"UploadComplete"}"#)
        let info = try await sim.waitForJob(id, token: token)
        #expect(info["state"]?.stringValue == "Failed")
        #expect(info["errorMessage"]?.stringValue?.contains("Bogus__c") == true)

        let crlf = createJob(sim, token: token, #"{"object":"Account","operation":"insert"}"#)
        let crlfID = try #require(crlf.json?["id"]?.stringValue)
        _ = sim.send("PUT", "/services/data/v62.0/jobs/ingest/\(crlfID)/batches", headers: auth, body: Array("Name\r\nA\r\n".utf8))
        _ = sim.send("PATCH", "/services/data/v62.0/jobs/ingest/\(crlfID)", headers: auth, json: #"{"state":"UploadComplete"}"#)
        #expect(try await sim.waitForJob(crlfID, token: token)["errorMessage"]?.stringValue?.contains("LineEnding") == true)

        let aborted = createJob(sim, token: token, #"{"object":"Account","operation":"insert"}"#)
        let abortedID = try #require(aborted.json?["id"]?.stringValue)
        _ = sim.send("PUT", "/services/data/v62.0/jobs/ingest/\(abortedID)/batches", headers: auth, body: Array("Name\nA\n".utf8))
        let abort = sim.send("PATCH", "/services/data/v62.0/jobs/ingest/\(abortedID)", headers: auth, json: #"{"state":"Aborted"}"#)
        #expect(abort.json?["state"]?.stringValue == "Aborted")
        let unprocessed = sim.send("GET", "/services/data/v62.0/jobs/ingest/\(abortedID)/unprocessedrecords", headers: auth)
        #expect(unprocessed.text == "Name\nA\n")
        let again = sim.send("PATCH", "/services/data/v62.0/jobs/ingest/\(abortedID)", headers: auth, json: #"{"state":"Aborted"}"#)
        #expect(again.status == 409)
    }
}
