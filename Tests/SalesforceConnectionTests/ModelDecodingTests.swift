import Foundation
import Testing

@testable import SalesforceConnection

@Suite struct ModelDecodingTests {
    @Test func accountDescribeDecodes() throws {
        let describe = try JSONDecoder().decode(ObjectDescribe.self, from: Data(try FixtureFile.bytes("describe-account.json")))
        #expect(describe.name == "Account")
        #expect(describe.keyPrefix == "001")
        #expect(describe.createable)
        let external = try #require(describe.field(named: "external_id__c"))
        #expect(external.externalId && external.idLookup && external.unique)
        #expect(external.type == .string)
        let parent = try #require(describe.field(forRelationship: "parent"))
        #expect(parent.name == "ParentId")
        #expect(parent.referenceTo == ["Account"])
        #expect(describe.field(named: "Id")?.type == .id)
        #expect(describe.upsertKeyFields.contains { $0.name == "External_Id__c" })
        #expect(!describe.childRelationships.isEmpty)
        let name = try #require(describe.field(named: "Name"))
        #expect(name.isRequiredOnCreate)
    }

    @Test func describeRoundTripsThroughTheCacheEncoding() throws {
        let original = try JSONDecoder().decode(ObjectDescribe.self, from: Data(try FixtureFile.bytes("describe-account.json")))
        let again = try JSONDecoder().decode(ObjectDescribe.self, from: JSONEncoder().encode(original))
        #expect(again == original)
        #expect(again.field(named: "NAME")?.name == "Name")
    }

    @Test func unknownFieldTypesDecodeAsThemselves() throws {
        let json = #"{"name":"X__c","fields":[{"name":"F__c","type":"brandNewType","length":null}]}"#
        let describe = try JSONDecoder().decode(ObjectDescribe.self, from: Data(json.utf8))
        #expect(describe.fields.first?.type.rawValue == "brandNewType")
        #expect(describe.fields.first?.length == 0)
    }

    @Test func globalDescribeVersionsAndLimitsDecode() throws {
        let global = try JSONDecoder().decode(GlobalDescribe.self, from: Data(try FixtureFile.bytes("describe-global.json")))
        #expect(global.maxBatchSize == 200)
        #expect(global.object(named: "account")?.keyPrefix == "001")
        let versions = try JSONDecoder().decode([APIVersion].self, from: Data(try FixtureFile.bytes("versions.json")))
        #expect(versions.map(\.version) == ["60.0", "61.0", "62.0"])
        let limits = try JSONDecoder().decode(OrgLimits.self, from: Data(try FixtureFile.bytes("limits.json")))
        #expect(limits.dailyAPIRequests == OrgLimits.Allocation(max: 15000, remaining: 14998))
        #expect(limits["DailyBulkV2QueryJobs"]?.remaining == 9998)
    }

    @Test func saveResultsKeepStatusCodes() throws {
        let results = try JSONDecoder().decode([SaveResult].self, from: Data(try FixtureFile.bytes("collections-response.json")))
        #expect(results.count == 3)
        #expect(results[0].success && results[0].id == "0035g00000Lm2BbAAJ")
        #expect(!results[1].success && results[1].id == nil)
        #expect(results[1].errors.first?.statusCode == "REQUIRED_FIELD_MISSING")
        #expect(results[1].errors.first?.fields == ["LastName"])
        let upserts = try JSONDecoder().decode(
            [SaveResult].self, from: Data(try FixtureFile.bytes("collections-upsert-response.json")))
        #expect(upserts.map(\.created) == [false, true])
    }

    @Test func rowLocksAreRetryableRowResults() {
        let lock = SaveResult(id: nil, success: false, errors: [RecordError(statusCode: "UNABLE_TO_LOCK_ROW", message: "x")])
        let other = SaveResult(id: nil, success: false, errors: [RecordError(statusCode: "DUPLICATE_VALUE", message: "x")])
        #expect(lock.isRetryableRowLock)
        #expect(!other.isRetryableRowLock)
    }

    @Test func bulkJobInfoDecodes() throws {
        let info = try JSONDecoder().decode(IngestJobInfo.self, from: Data(try FixtureFile.bytes("bulk-ingest-job-complete.json")))
        #expect(info.state == .jobComplete && info.state.isTerminal)
        #expect(info.numberRecordsProcessed == 4 && info.numberRecordsFailed == 1)
        #expect(info.apiVersion == 62.0)
        let query = try JSONDecoder().decode(QueryJobInfo.self, from: Data(try FixtureFile.bytes("bulk-query-job.json")))
        #expect(query.state == .uploadComplete && !query.state.isTerminal)
        #expect(query.operation == "query")
    }

    @Test(arguments: [
        ("api-usage=264/15000", 264, 15000),
        ("api-usage=17/250; per-app-api-usage=17/250(appName=my-app)", 17, 250),
        (" per-app-api-usage=1/2(appName=x); api-usage=5/10", 5, 10),
    ])
    func limitInfoHeaderParses(header: String, used: Int, max: Int) {
        #expect(APIUsage(header: header) == APIUsage(used: used, max: max))
    }

    @Test func malformedLimitInfoIsIgnored() {
        #expect(APIUsage(header: "api-usage=x/y") == nil)
        #expect(APIUsage(header: "") == nil)
    }

    @Test func queryPageParses() throws {
        let page = try SalesforceClient.parseQueryPage(try FixtureFile.bytes("query-page1.json"))
        #expect(page.totalSize == 3)
        #expect(!page.done)
        #expect(page.nextRecordsURL == "/services/data/v62.0/query/01g5g00000AbCdEAAV-2")
        #expect(page.records.count == 2)
        #expect(page.records[0]["LastName"]?.stringValue == "Nguyen")
        #expect(page.records[1]["Account"] == .null)
        let last = try SalesforceClient.parseQueryPage(try FixtureFile.bytes("query-page2.json"))
        #expect(last.done && last.nextRecordsURL == nil)
    }
}
