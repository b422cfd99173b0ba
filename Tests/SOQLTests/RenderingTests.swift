import Testing

@testable import SOQL

@Suite("SOQL rendering and editing")
struct RenderingTests {
    static let corpus: [String] = [
        "SELECT Id FROM Account",
        "select id, Name, Account.Owner.Name from Contact c where c.LastName like 'a%' order by Name desc nulls last",
        "SELECT Name, (SELECT LastName, Email FROM Contacts WHERE Email != null LIMIT 5) FROM Account LIMIT 10",
        "SELECT Industry, COUNT(Id), SUM(AnnualRevenue) total FROM Account GROUP BY Industry HAVING COUNT(Id) > 2 "
            + "ORDER BY COUNT(Id) DESC",
        "SELECT COUNT() FROM Contact WHERE CreatedDate = LAST_N_DAYS:7",
        "SELECT Id FROM Account WHERE (Name = 'O\\'Brien' OR Name = 'a\\\\b') AND NOT (Industry IN ('x', 'y') "
            + "AND Rating = null)",
        "SELECT Id FROM Opportunity WHERE CloseDate > 2024-01-01 AND CreatedDate <= 2024-01-01T00:00:00Z "
            + "AND Amount >= 1e3",
        "SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact) AND Tags__c INCLUDES ('a;b')",
        "SELECT FIELDS(STANDARD) FROM Account LIMIT 200",
        "SELECT TYPEOF What WHEN Account THEN Name ELSE Id END FROM Task",
        "SELECT Id FROM Account WHERE Name LIKE '50\\%%' OFFSET 10 FOR UPDATE",
        "SELECT Id FROM Account WITH SECURITY_ENFORCED ALL ROWS",
        "SELECT Id FROM Account WHERE Name = 'line\\nbreak\\ttab'",
    ]

    @Test(arguments: corpus)
    func roundTrips(_ text: String) throws {
        let query = try SOQLQuery(parsing: text)
        let rendered = query.description
        let reparsed = try SOQLQuery(parsing: rendered)
        #expect(reparsed == query)
        #expect(reparsed.description == rendered)
    }

    @Test func rendersCanonicalKeywords() throws {
        let query = try SOQLQuery(parsing: "select id from account where name != 'x' order by name asc nulls first")
        #expect(query.description == "SELECT id FROM account WHERE name != 'x' ORDER BY name ASC NULLS FIRST")
    }

    @Test func addsConditionForIncrementalExport() throws {
        let query = try SOQLQuery(parsing: "SELECT Id FROM Account WHERE Name = 'a' OR Name = 'b' ORDER BY Id")
        let since = try Condition.parse("SystemModstamp >= 2024-05-01T00:00:00Z")
        let incremental = query.addingCondition(since)
        #expect(incremental.description
            == "SELECT Id FROM Account WHERE (Name = 'a' OR Name = 'b') AND SystemModstamp >= 2024-05-01T00:00:00Z "
            + "ORDER BY Id")
        let plain = try SOQLQuery(parsing: "SELECT Id FROM Account").addingCondition(since)
        #expect(plain.description == "SELECT Id FROM Account WHERE SystemModstamp >= 2024-05-01T00:00:00Z")
    }

    @Test func buildsCountQuery() throws {
        let query = try SOQLQuery(
            parsing: "SELECT Id, Name FROM Contact c WHERE c.Email != null ORDER BY Name LIMIT 5 OFFSET 2")
        #expect(query.countQuery().description == "SELECT COUNT() FROM Contact c WHERE c.Email != null")
        #expect(query.countQuery().isCountOnly)
    }

    @Test func quotesStrings() {
        #expect(Value.quote("it's a \\ test\n") == #"'it\'s a \\ test\n'"#)
    }
}
