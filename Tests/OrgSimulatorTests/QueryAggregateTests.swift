import Foundation
import SOQL
import Testing

@testable import OrgSimulator

@Suite("SOQL evaluation: subqueries, aggregates, counts")
struct QueryAggregateTests {
    @Test func subqueriesNestOrAreNull() throws {
        let f = try QueryFixture()
        let json = try f.org.json(
            "SELECT Name, (SELECT LastName FROM contacts ORDER BY LastName DESC LIMIT 5) FROM Account ORDER BY Name")
        let contact = "/services/data/v62.0/sobjects/Contact/"
        #expect(json.contains(
            #""Name":"Acme Corp","Contacts":{"totalSize":2,"done":true,"records":[{"attributes":{"type":"Contact","url":"\#(contact)\#(f.nguyen)"},"LastName":"Nguyen"},{"attributes":{"type":"Contact","url":"\#(contact)\#(f.adams)"},"LastName":"adams"}]}"#))
        #expect(json.contains(#""Name":"initech","Contacts":null"#))
    }

    @Test func aggregatesUseExprNamesAndAliases() throws {
        let f = try QueryFixture()
        let json = try f.org.json(
            "SELECT Industry, COUNT(Id), SUM(AnnualRevenue) total, MAX(CreatedDate) FROM Account GROUP BY Industry")
        let expected =
            #"{"totalSize":2,"done":true,"records":["#
            + #"{"attributes":{"type":"AggregateResult"},"Industry":null,"expr0":1,"total":25000000000000000.0,"expr1":"2023-12-31T23:59:59.000+0000"},"#
            + #"{"attributes":{"type":"AggregateResult"},"Industry":"Energy","expr0":2,"total":1250000.0,"expr1":"2024-05-14T10:00:00.000+0000"}]}"#
        #expect(json == expected)
    }

    @Test func havingAndOrderByAggregate() throws {
        let f = try QueryFixture()
        let json = try f.org.json(
            "SELECT Account.Name, COUNT(Id) n FROM Contact WHERE AccountId != null GROUP BY Account.Name "
                + "HAVING COUNT(Id) > 1 ORDER BY COUNT(Id) DESC")
        #expect(json == #"{"totalSize":1,"done":true,"records":[{"attributes":{"type":"AggregateResult"},"Name":"Acme Corp","n":2}]}"#)
    }

    @Test func aggregateWithoutGroupsAlwaysHasOneRow() throws {
        let f = try QueryFixture()
        let json = try f.org.json("SELECT COUNT(Id), AVG(NumberOfEmployees) FROM Account WHERE Name = 'nobody'")
        #expect(json == #"{"totalSize":1,"done":true,"records":[{"attributes":{"type":"AggregateResult"},"expr0":0,"expr1":null}]}"#)
    }

    @Test func countOnlyReturnsTotalSize() throws {
        let f = try QueryFixture()
        #expect(try f.org.json("SELECT COUNT() FROM Contact WHERE Email != null")
            == #"{"totalSize":2,"done":true,"records":[]}"#)
        #expect(try f.org.json("SELECT COUNT() FROM Contact LIMIT 3") == #"{"totalSize":3,"done":true,"records":[]}"#)
    }

    @Test func includesMatchesEveryValueOfATerm() {
        let row = Row.encode([.text("Red;Green;Blue")])
        #expect(ValueTest.includes([["red", "blue"]], negated: false).matches(row, 0))
        #expect(!ValueTest.includes([["red", "pink"]], negated: false).matches(row, 0))
        #expect(ValueTest.includes([["pink"], ["green"]], negated: false).matches(row, 0))
        #expect(!ValueTest.includes([["green"]], negated: true).matches(row, 0))
        #expect(ValueTest.includes([["green"]], negated: true).matches(Row.encode([.null]), 0))
    }

    @Test func likePatterns() {
        func match(_ pattern: String, _ text: String) -> Bool {
            var text = text
            return text.withUTF8 { LikePattern(pattern).matches($0) }
        }
        #expect(match("a%c", "ABC"))
        #expect(match("%b%", "abc"))
        #expect(!match("a_c", "ac"))
        #expect(match("Zür_ch", "zürich"))
        #expect(match("100\\%", "100%"))
        #expect(!match("100\\%", "1000"))
        #expect(match("%", ""))
    }
}
