import Foundation
import SOQL
import Testing

@testable import OrgSimulator

/// A small org: four accounts (one in the recycle bin) and four contacts.
struct QueryFixture {
    let org: QueryTestOrg
    let acme, globex, initech, umbrella: String
    let nguyen, okafor, silva, adams: String

    static func days(_ text: String) -> FieldValue { .date(Int32(SOQLDate(text)!.daysSinceEpoch)) }
    static func instant(_ text: String) -> FieldValue { .dateTime(SOQLDateTime(text)!.epochMilliseconds) }

    init() throws {
        org = try QueryTestOrg()
        acme = org.insert("Account", [
            "Name": .text("Acme Corp"), "Industry": .text("Energy"), "AnnualRevenue": .double(1_250_000),
            "NumberOfEmployees": .int(120), "BillingCity": .text("Lyon"), "BillingCountry": .text("France"),
            "CreatedDate": Self.instant("2024-05-14T10:00:00Z"),
        ])
        globex = org.insert("Account", [
            "Name": .text("Globex"), "Industry": .text("Energy"), "NumberOfEmployees": .int(40),
            "CreatedDate": Self.instant("2024-05-01T00:00:00Z"),
        ])
        initech = org.insert("Account", [
            "Name": .text("initech"), "AnnualRevenue": .double(2.5e16), "NumberOfEmployees": .int(7),
            "CreatedDate": Self.instant("2023-12-31T23:59:59Z"),
        ])
        umbrella = org.insert("Account", [
            "Name": .text("Umbrella"), "Industry": .text("Biotechnology"),
            "CreatedDate": Self.instant("2024-05-15T08:00:00Z"),
        ])
        org.recycle("Account", umbrella)
        nguyen = org.insert("Contact", [
            "LastName": .text("Nguyen"), "Email": .text("an.nguyen@example.com"), "AccountId": .id(acme),
            "Birthdate": Self.days("1985-04-12"),
        ])
        okafor = org.insert("Contact", ["LastName": .text("Okafor")])
        silva = org.insert("Contact", [
            "LastName": .text("Silva"), "Email": .text("r.silva@example.com"), "AccountId": .id(globex),
        ])
        adams = org.insert("Contact", ["LastName": .text("adams"), "AccountId": .id(acme)])
    }

    /// Ids of the records of a query, in result order.
    func ids(_ soql: String, all: Bool = false) throws -> [String] {
        let json = try org.json(soql, all: all)
        guard let records = try JSONNode.parse(Array(json.utf8))["records"]?.arrayValue else { return [] }
        return records.compactMap { $0["Id"]?.stringValue }
    }
}

@Suite("SOQL evaluation: records, filters, order")
struct QueryEvaluationTests {
    @Test func recordShapeFollowsSalesforce() throws {
        let f = try QueryFixture()
        let json = try f.org.json(
            "select name, Id, account.name, EMAIL, Birthdate, Account.Owner.Name from contact where lastname in "
                + "('NGUYEN', 'okafor') order by LastName")
        let accountURL = "/services/data/v62.0/sobjects/Account/\(f.acme)"
        let expected =
            #"{"totalSize":2,"done":true,"records":["#
            + #"{"attributes":{"type":"Contact","url":"/services/data/v62.0/sobjects/Contact/\#(f.nguyen)"},"#
            + #""Name":null,"Id":"\#(f.nguyen)","Account":{"attributes":{"type":"Account","url":"\#(accountURL)"},"#
            + #""Name":"Acme Corp","Owner":null},"Email":"an.nguyen@example.com","Birthdate":"1985-04-12"},"#
            + #"{"attributes":{"type":"Contact","url":"/services/data/v62.0/sobjects/Contact/\#(f.okafor)"},"#
            + #""Name":null,"Id":"\#(f.okafor)","Account":null,"Email":null,"Birthdate":null}]}"#
        #expect(json == expected)
    }

    @Test func compoundAddressAndPlainNumbers() throws {
        let f = try QueryFixture()
        let json = try f.org.json("SELECT BillingAddress, AnnualRevenue FROM Account WHERE Name LIKE 'acme%' OR Name = 'INITECH' ORDER BY Name")
        #expect(json.contains(#""BillingAddress":{"city":"Lyon","country":"France","geocodeAccuracy":null,"latitude":null,"longitude":null,"postalCode":null,"state":null,"street":null},"AnnualRevenue":1250000.0"#))
        // Large doubles never use exponent form in JSON.
        #expect(json.contains(#""BillingAddress":null,"AnnualRevenue":25000000000000000.0"#))
    }

    @Test(arguments: [
        ("SELECT Id FROM Account WHERE Name = 'acme corp'", ["acme"]),
        ("SELECT Id FROM Account WHERE Name LIKE '%E%'", ["acme", "globex", "initech"]),
        ("SELECT Id FROM Account WHERE Name LIKE 'gl_bex'", ["globex"]),
        ("SELECT Id FROM Account WHERE Industry = null", ["initech"]),
        ("SELECT Id FROM Account WHERE Industry != 'Energy'", ["initech"]),
        ("SELECT Id FROM Account WHERE Industry NOT IN ('Biotechnology', 'Energy')", ["initech"]),
        ("SELECT Id FROM Account WHERE NumberOfEmployees >= 40 AND NumberOfEmployees < 120", ["globex"]),
        ("SELECT Id FROM Account WHERE NOT (NumberOfEmployees > 10 OR Industry = 'Energy')", ["initech"]),
        ("SELECT Id FROM Account WHERE AnnualRevenue > 1000000.5", ["acme", "initech"]),
        ("SELECT Id FROM Account WHERE CreatedDate = YESTERDAY", ["acme"]),
        ("SELECT Id FROM Account WHERE CreatedDate = THIS_MONTH", ["acme", "globex"]),
        ("SELECT Id FROM Account WHERE CreatedDate < THIS_YEAR", ["initech"]),
        ("SELECT Id FROM Account WHERE CreatedDate = LAST_N_DAYS:14", ["acme", "globex"]),
        ("SELECT Id FROM Account WHERE CreatedDate > 2024-05-01T00:00:00Z", ["acme"]),
        ("SELECT Id FROM Account WHERE CreatedDate >= 2024-05-01T02:00:00+02:00", ["acme", "globex"]),
        ("SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact WHERE Email != null)", ["acme", "globex"]),
        ("SELECT Id FROM Account WHERE Id NOT IN (SELECT AccountId FROM Contact)", ["initech"]),
        ("SELECT Id FROM Contact WHERE Birthdate = 1985-04-12", ["nguyen"]),
        ("SELECT Id FROM Contact WHERE Account.Industry = 'energy' AND Account.NumberOfEmployees > 50", ["nguyen", "adams"]),
        ("SELECT Id FROM Contact c WHERE c.Account.Name LIKE 'glob%'", ["silva"]),
    ])
    func filters(_ soql: String, _ expected: [String]) throws {
        let f = try QueryFixture()
        let names = [
            f.acme: "acme", f.globex: "globex", f.initech: "initech", f.umbrella: "umbrella", f.nguyen: "nguyen",
            f.okafor: "okafor", f.silva: "silva", f.adams: "adams",
        ]
        #expect(try f.ids(soql).map { names[$0] ?? $0 } == expected)
    }

    @Test func idsMatchIn15And18CharacterForms() throws {
        let f = try QueryFixture()
        #expect(try f.ids("SELECT Id FROM Account WHERE Id = '\(f.globex.prefix(15))'") == [f.globex])
        #expect(try f.ids("SELECT Id FROM Account WHERE Id = '\(f.globex.lowercased())'") == [f.globex])
    }

    @Test func orderingPutsNullsFirstAndIgnoresCase() throws {
        let f = try QueryFixture()
        #expect(try f.ids("SELECT Id FROM Contact ORDER BY LastName") == [f.adams, f.nguyen, f.okafor, f.silva])
        #expect(try f.ids("SELECT Id FROM Contact ORDER BY Email") == [f.okafor, f.adams, f.nguyen, f.silva])
        #expect(try f.ids("SELECT Id FROM Contact ORDER BY Email DESC") == [f.okafor, f.adams, f.silva, f.nguyen])
        #expect(try f.ids("SELECT Id FROM Contact ORDER BY Email DESC NULLS LAST") == [f.silva, f.nguyen, f.okafor, f.adams])
        #expect(try f.ids("SELECT Id FROM Contact ORDER BY Account.Name NULLS LAST, LastName DESC")
            == [f.nguyen, f.adams, f.silva, f.okafor])
        #expect(try f.ids("SELECT Id FROM Contact ORDER BY Id DESC LIMIT 2") == [f.adams, f.silva])
        #expect(try f.ids("SELECT Id FROM Contact ORDER BY LastName LIMIT 2 OFFSET 1") == [f.nguyen, f.okafor])
    }

    @Test func queryAllSeesTheRecycleBin() throws {
        let f = try QueryFixture()
        #expect(try f.ids("SELECT Id FROM Account WHERE Industry = 'Biotechnology'").isEmpty)
        #expect(try f.ids("SELECT Id FROM Account WHERE Industry = 'Biotechnology'", all: true) == [f.umbrella])
        let json = try f.org.json("SELECT IsDeleted FROM Account WHERE IsDeleted = true", all: true)
        #expect(json.contains(#""IsDeleted":true"#))
        #expect(try f.org.query("SELECT COUNT() FROM Account", all: true).totalSize == 4)
    }

    @Test func fieldsFunctionExpandsFromDescribe() throws {
        let f = try QueryFixture()
        let result = try f.org.query("SELECT FIELDS(STANDARD) FROM Account WHERE Id = '\(f.acme)'")
        #expect(result.totalSize == 1)
        #expect(result.plan.nodes.count > 40)
        #expect(f.org.error("SELECT FIELDS(ALL) FROM Account")?.reason
            == "The SOQL FIELDS function must have a LIMIT of at most 200")
        #expect(try f.org.query("SELECT FIELDS(CUSTOM) FROM Account LIMIT 200").totalSize == 3)
    }
}
