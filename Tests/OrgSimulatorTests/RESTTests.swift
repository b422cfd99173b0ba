import Testing

@testable import OrgSimulator

@Suite struct RESTTests {
    @Test func versionsResourcesLimitsAndDescribe() throws {
        let sim = try SimTestOrg(seed: true)
        let versions = sim.send("GET", "/services/data/")
        #expect(versions.status == 200)
        #expect(versions.json?[index: 0]?["version"]?.stringValue == "31.0")
        let limits = try sim.api("GET", "/limits/")
        #expect(limits.json?["DailyApiRequests"]?["Max"]?.intValue == 100_000)
        #expect(limits.header("Sforce-Limit-Info")?.hasPrefix("api-usage=") == true)
        let count = try sim.api("GET", "/limits/recordCount?sObjects=Account,Contact")
        #expect(count.text == "{\"sObjects\":[{\"count\":50,\"name\":\"Account\"},{\"count\":150,\"name\":\"Contact\"}]}")
        let global = try sim.api("GET", "/sobjects")
        #expect(global.json?["sobjects"]?.arrayValue?.count == 7)
        let describe = try sim.api("GET", "/sobjects/account/describe")
        #expect(describe.json?["name"]?.stringValue == "Account")
        let v59 = sim.send("GET", "/services/data/v59.0/sobjects/Account/describe", headers: [("Authorization", "Bearer \(try sim.token())")])
        #expect(v59.text.contains("/services/data/v59.0/sobjects/Account") && !v59.text.contains("/services/data/v62.0/"))
        #expect(try sim.api("GET", "/sobjects/Nope__c/describe").status == 404)
        #expect(sim.send("GET", "/services/data/v29.0/limits").status == 410)
    }

    @Test func createRetrieveUpdateDelete() throws {
        let sim = try SimTestOrg()
        let created = try sim.api("POST", "/sobjects/Account/", json: #"{"Name":"Acme","NumberOfEmployees":12,"Legacy_Id__c":"A-1"}"#)
        #expect(created.status == 201)
        let id = try #require(created.json?["id"]?.stringValue)
        #expect(id.hasPrefix("001") && id.count == 18)
        let got = try sim.api("GET", "/sobjects/Account/\(id)?fields=Name,NumberOfEmployees,IsDeleted,OwnerId")
        #expect(got.status == 200)
        #expect(got.json?["Name"]?.stringValue == "Acme")
        #expect(got.json?["NumberOfEmployees"] == .number("12"))
        #expect(got.json?["OwnerId"]?.stringValue?.hasPrefix("005") == true)
        let lower15 = String(id.prefix(15))
        #expect(try sim.api("GET", "/sobjects/Account/\(lower15)").status == 200)
        #expect(try sim.api("PATCH", "/sobjects/Account/\(id)", json: #"{"Name":"Acme 2","Phone":null}"#).status == 204)
        #expect(try sim.api("GET", "/sobjects/Account/\(id)").json?["Name"]?.stringValue == "Acme 2")
        #expect(try sim.api("DELETE", "/sobjects/Account/\(id)").status == 204)
        let gone = try sim.api("GET", "/sobjects/Account/\(id)")
        #expect(gone.status == 404)
        let recycled = sim.org.store.read { r in r.table(named: "Account").map { $0.recycledCount } }
        #expect(recycled == 1)
        let bad = try sim.api("GET", "/sobjects/Account/not-an-id")
        #expect(bad.status == 404)
        #expect(bad.json?[index: 0]?["message"]?.stringValue == "Provided external ID field does not exist or is not accessible: not-an-id")
    }

    @Test func upsertByExternalIDCodes() throws {
        let sim = try SimTestOrg()
        let created = try sim.api("PATCH", "/sobjects/Account/Legacy_Id__c/ACC%2099", json: #"{"Name":"Initech"}"#)
        #expect(created.status == 201)
        #expect(created.json?["created"] == .bool(true))
        let updated = try sim.api("PATCH", "/sobjects/Account/legacy_id__c/acc 99", json: #"{"Name":"Initech 2"}"#)
        #expect(updated.status == 200)
        #expect(updated.json?["created"] == .bool(false))
        #expect(updated.json?["id"] == created.json?["id"])
        let fetched = try sim.api("GET", "/sobjects/Account/Legacy_Id__c/ACC%2099")
        #expect(fetched.json?["Name"]?.stringValue == "Initech 2")
        // Contact.Email is idLookup but not unique: two matches give 300 with record URLs.
        for _ in 0..<2 { _ = try sim.api("POST", "/sobjects/Contact", json: #"{"LastName":"Twin","Email":"twin@example.com"}"#) }
        let multiple = try sim.api("PATCH", "/sobjects/Contact/Email/twin@example.com", json: #"{"FirstName":"X"}"#)
        #expect(multiple.status == 300)
        #expect(multiple.json?.arrayValue?.count == 2)
        #expect(multiple.json?[index: 0]?.stringValue?.hasPrefix("/services/data/v62.0/sobjects/Contact/003") == true)
        let unknownField = try sim.api("PATCH", "/sobjects/Account/Nope__c/1", json: #"{"Name":"x"}"#)
        #expect(unknownField.status == 404)
        #expect(try sim.api("GET", "/sobjects/Account/Legacy_Id__c/missing").status == 404)
    }

    @Test func validationErrorsFromDescribe() throws {
        let sim = try SimTestOrg()
        func code(_ r: SimResponse) -> String? { r.json?[index: 0]?["errorCode"]?.stringValue }
        let missing = try sim.api("POST", "/sobjects/Contact", json: #"{"FirstName":"NoLast"}"#)
        #expect(missing.status == 400)
        #expect(missing.text == #"[{"message":"Required fields are missing: [LastName]","errorCode":"REQUIRED_FIELD_MISSING","fields":["LastName"]}]"#)
        #expect(code(try sim.api("POST", "/sobjects/Account", json: #"{"Name":"x","Nmae":"y"}"#)) == "INVALID_FIELD")
        #expect(code(try sim.api("POST", "/sobjects/Account", json: #"{"Name":"x","CreatedDate":"2024-01-01T00:00:00Z"}"#)) == "INVALID_FIELD_FOR_INSERT_UPDATE")
        #expect(code(try sim.api("POST", "/sobjects/Account", json: "{\"Name\":\"\(String(repeating: "n", count: 256))\"}")) == "STRING_TOO_LONG")
        #expect(code(try sim.api("POST", "/sobjects/Invoice__c", json: #"{"Status__c":"Bogus"}"#)) == "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST")
        #expect(code(try sim.api("POST", "/sobjects/Contact", json: #"{"LastName":"x","Birthdate":"31/12/1990"}"#)) == "INVALID_TYPE_ON_FIELD_IN_RECORD")
        #expect(code(try sim.api("POST", "/sobjects/Contact", json: #"{"LastName":"x","Email":"not-an-email"}"#)) == "INVALID_EMAIL_ADDRESS")
        _ = try sim.api("POST", "/sobjects/Account", json: #"{"Name":"a","Legacy_Id__c":"DUP-1"}"#)
        let dup = try sim.api("POST", "/sobjects/Account", json: #"{"Name":"b","Legacy_Id__c":"dup-1"}"#)
        #expect(code(dup) == "DUPLICATE_VALUE")
        #expect(code(try sim.api("POST", "/sobjects/Contact", json: #"{"LastName":"x","AccountId":"0015g00000ZZZZZAAA"}"#)) != nil)
        let unknownParent = try sim.api("POST", "/sobjects/Contact", json: #"{"LastName":"x","AccountId":"0015g0000000999AAA"}"#)
        #expect(code(unknownParent) == "INVALID_CROSS_REFERENCE_KEY")
        let byExternal = try sim.api("POST", "/sobjects/Contact", json: #"{"LastName":"x","Account":{"Legacy_Id__c":"NOPE"}}"#)
        #expect(code(byExternal) == "INVALID_CROSS_REFERENCE_KEY")
        let linked = try sim.api("POST", "/sobjects/Contact", json: #"{"LastName":"Linked","Account":{"Legacy_Id__c":"DUP-1"}}"#)
        #expect(linked.status == 201)
        #expect(code(try sim.api("POST", "/sobjects/Account", json: "{bad json")) == "JSON_PARSER_ERROR")
        #expect(code(try sim.api("POST", "/sobjects/Account", json: "[1,2]")) == "JSON_PARSER_ERROR")
    }

    @Test func collectionsWithAndWithoutAllOrNone() throws {
        let sim = try SimTestOrg()
        _ = try sim.api("POST", "/sobjects/Account", json: #"{"Name":"Parent","Legacy_Id__c":"ACC-0001"}"#)
        let body = #"{"allOrNone":ALL,"records":[{"attributes":{"type":"Contact"},"LastName":"Nguyen","Account":{"Legacy_Id__c":"ACC-0001"}},{"attributes":{"type":"Contact"},"FirstName":"NoLastName"},{"attributes":{"type":"Account"},"Name":"Initech"}]}"#
        let partial = try sim.api("POST", "/composite/sobjects", json: body.replacingOccurrences(of: "ALL", with: "false"))
        #expect(partial.status == 200)
        #expect(partial.json?[index: 0]?["success"] == .bool(true))
        #expect(partial.json?[index: 1]?["errors"]?[index: 0]?["statusCode"]?.stringValue == "REQUIRED_FIELD_MISSING")
        #expect(partial.json?[index: 1]?["id"] == nil)
        #expect(partial.json?[index: 2]?["id"]?.stringValue?.hasPrefix("001") == true)
        let before = sim.org.store.read { r in r.table(named: "Contact")?.liveCount }
        let atomic = try sim.api("POST", "/composite/sobjects", json: body.replacingOccurrences(of: "ALL", with: "true"))
        #expect(atomic.json?[index: 0]?["errors"]?[index: 0]?["statusCode"]?.stringValue == "ALL_OR_NONE_OPERATION_ROLLED_BACK")
        #expect(atomic.json?[index: 1]?["errors"]?[index: 0]?["statusCode"]?.stringValue == "REQUIRED_FIELD_MISSING")
        #expect(sim.org.store.read { r in r.table(named: "Contact")?.liveCount } == before, "rolled back")

        let id = try #require(partial.json?[index: 0]?["id"]?.stringValue)
        let update = try sim.api("PATCH", "/composite/sobjects", json: "{\"records\":[{\"attributes\":{\"type\":\"Contact\"},\"id\":\"\(id)\",\"Title\":\"CEO\"}]}")
        #expect(update.json?[index: 0]?["success"] == .bool(true))
        let upsert = try sim.api("PATCH", "/composite/sobjects/Account/Legacy_Id__c", json: #"{"allOrNone":false,"records":[{"attributes":{"type":"Account"},"Legacy_Id__c":"ACC-0001","Name":"P2"},{"attributes":{"type":"Account"},"Legacy_Id__c":"ACC-0002","Name":"New"}]}"#)
        #expect(upsert.json?[index: 0]?["created"] == .bool(false))
        #expect(upsert.json?[index: 1]?["created"] == .bool(true))
        let retrieve = try sim.api("GET", "/composite/sobjects/Contact?ids=\(id),0035g0000000999AAA&fields=Title,LastName")
        #expect(retrieve.json?[index: 0]?["Title"]?.stringValue == "CEO")
        #expect(retrieve.json?[index: 1] == .null)
        let deleted = try sim.api("DELETE", "/composite/sobjects?ids=\(id),bogus")
        #expect(deleted.json?[index: 0]?["success"] == .bool(true))
        #expect(deleted.json?[index: 1]?["errors"]?[index: 0]?["statusCode"]?.stringValue == "MALFORMED_ID")
        let records = (0..<201).map { _ in #"{"attributes":{"type":"Account"},"Name":"x"}"# }.joined(separator: ",")
        let tooMany = try sim.api("POST", "/composite/sobjects", json: "{\"records\":[\(records)]}")
        #expect(tooMany.status == 400)
        #expect(tooMany.json?[index: 0]?["errorCode"]?.stringValue == "EXCEEDED_ID_LIMIT")
    }

    @Test func deletingAnAccountCascadesToItsContacts() throws {
        let sim = try SimTestOrg()
        let account = try #require(try sim.api("POST", "/sobjects/Account", json: #"{"Name":"P"}"#).json?["id"]?.stringValue)
        _ = try sim.api("POST", "/sobjects/Contact", json: "{\"LastName\":\"C\",\"AccountId\":\"\(account)\"}")
        #expect(try sim.api("DELETE", "/sobjects/Account/\(account)").status == 204)
        #expect(sim.org.store.read { r in r.table(named: "Contact")?.recycledCount } == 1)
    }
}

@Suite struct CompositeTests {
    @Test func referencesAndAllOrNone() throws {
        let sim = try SimTestOrg()
        let ok = try sim.api("POST", "/composite", json: #"{"allOrNone":true,"compositeRequest":[{"method":"POST","url":"/services/data/v62.0/sobjects/Account","referenceId":"newAcct","body":{"Name":"Umbrella"}},{"method":"POST","url":"/services/data/v62.0/sobjects/Contact","referenceId":"newCont","body":{"LastName":"Wesker","AccountId":"@{newAcct.id}"}},{"method":"GET","url":"/services/data/v62.0/sobjects/Contact/@{newCont.id}?fields=AccountId","referenceId":"check"}]}"#)
        #expect(ok.status == 200)
        let responses = try #require(ok.json?["compositeResponse"]?.arrayValue)
        #expect(responses.map { $0["httpStatusCode"]?.intValue } == [201, 201, 200])
        #expect(responses[2]["body"]?["AccountId"] == responses[0]["body"]?["id"])
        #expect(responses[0]["httpHeaders"]?["Location"]?.stringValue?.hasPrefix("/services/data/v62.0/sobjects/Account/001") == true)
        let accountsBefore = sim.org.store.read { $0.table(named: "Account")?.liveCount }
        let failed = try sim.api("POST", "/composite", json: #"{"allOrNone":true,"compositeRequest":[{"method":"POST","url":"/services/data/v62.0/sobjects/Account","referenceId":"a","body":{"Name":"Rolled back"}},{"method":"POST","url":"/services/data/v62.0/sobjects/Contact","referenceId":"b","body":{"FirstName":"NoLast"}},{"method":"GET","url":"/services/data/v62.0/limits","referenceId":"c"}]}"#)
        let entries = try #require(failed.json?["compositeResponse"]?.arrayValue)
        #expect(entries[1]["httpStatusCode"]?.intValue == 400)
        #expect(entries[2]["body"]?[index: 0]?["errorCode"]?.stringValue == "PROCESSING_HALTED")
        #expect(sim.org.store.read { $0.table(named: "Account")?.liveCount } == accountsBefore)
    }
}
