import Testing

@testable import DataExport

@Suite struct QueryShapeTests {
    @Test func columnsKeepTheWrittenCaseAndDropTheAlias() throws {
        let shape = try QueryShape("select c.Id, c.account.owner.Name, Email from Contact c where Name like 'a%' order by Name limit 5")
        #expect(shape.columns.map(\.header) == ["Id", "account.owner.Name", "Email"])
        #expect(shape.columns[1].path == ["account", "owner", "Name"])
        #expect(shape.objectName == "Contact")
        #expect(shape.bulkCompatible)
        #expect(shape.countQuery == "SELECT COUNT() FROM Contact c WHERE Name LIKE 'a%'")
    }

    @Test func aggregatesAndSubqueriesAreRESTOnly() throws {
        let aggregate = try QueryShape("SELECT Industry, COUNT(Id), SUM(AnnualRevenue) total FROM Account GROUP BY Industry")
        #expect(aggregate.columns.map(\.path) == [["Industry"], ["expr0"], ["total"]])
        #expect(!aggregate.bulkCompatible)
        let sub = try QueryShape("SELECT Name, (SELECT LastName FROM Contacts WHERE Email != null) FROM Account")
        #expect(sub.hasSubquery && !sub.bulkCompatible)
        #expect(sub.columns.map(\.header) == ["Name", "Contacts"])
    }

    @Test func conditionsAreAddedInsideTheWhereClause() throws {
        let plain = try QueryShape("SELECT Id FROM Account ORDER BY Id")
        #expect(try plain.addingCondition("SystemModstamp >= 2024-01-01T00:00:00Z") == "SELECT Id FROM Account WHERE SystemModstamp >= 2024-01-01T00:00:00Z ORDER BY Id")
        let filtered = try QueryShape("SELECT Id FROM Account WHERE Name = 'x' OR Name = 'y' LIMIT 3")
        #expect(try filtered.addingCondition("A = 1") == "SELECT Id FROM Account WHERE (Name = 'x' OR Name = 'y') AND A = 1 LIMIT 3")
    }

    @Test func headersKeepTheObjectPrefixOutAndFunctionsTheirAlias() throws {
        let shape = try QueryShape(
            "SELECT Account.Name, toLabel(Rating) label, FORMAT(AnnualRevenue), Owner.Manager.Name FROM Account WHERE Rating IN ('Hot') OFFSET 5")
        #expect(shape.columns.map(\.header) == ["Name", "label", "AnnualRevenue", "Owner.Manager.Name"])
        #expect(shape.columns.map(\.path) == [["Name"], ["label"], ["AnnualRevenue"], ["Owner", "Manager", "Name"]])
        #expect(shape.columns.map(\.kind) == [.field, .expression, .expression, .field])
        #expect(!shape.bulkCompatible)
        #expect(shape.countQuery == "SELECT COUNT() FROM Account WHERE Rating IN ('Hot')")
    }

    @Test func countOnlyAndGroupedFieldsAreRecognised() throws {
        let count = try QueryShape("select count() from Contact where Email = null")
        #expect(count.isCountQuery && count.columns.isEmpty)
        let grouped = try QueryShape("SELECT Account.Industry, COUNT(Id) n FROM Contact GROUP BY Account.Industry")
        #expect(grouped.isAggregate)
        #expect(grouped.columns.map(\.header) == ["Account.Industry", "n"])
        #expect(grouped.columns.map(\.path) == [["Industry"], ["n"]])
    }

    @Test func unreadableQueriesAndFieldsFunctionAreUsageErrors() {
        #expect(throws: ExportError.self) { try QueryShape("SELECT Id FORM Account") }
        #expect(throws: ExportError.self) { try QueryShape("SELECT FIELDS(ALL) FROM Account LIMIT 200") }
        #expect(throws: ExportError.self) { try QueryShape("SELECT Id FROM Account").addingCondition("Name = ") }
    }

    @Test func outputSelectionFollowsTheName() throws {
        #expect(try OutputSelection.resolve(path: "a.csv.gz", format: nil, compression: nil) == .init(format: .csv, compression: .gzip))
        #expect(try OutputSelection.resolve(path: "a.ndjson", format: nil, compression: nil) == .init(format: .jsonl, compression: .none))
        #expect(try OutputSelection.resolve(path: "-", format: .jsonl, compression: .gzip) == .init(format: .jsonl, compression: .gzip))
        #expect(throws: ExportError.self) { try OutputSelection.resolve(path: "a.csv", format: .jsonl, compression: nil) }
    }

    @Test func numbersLoseTheirExponent() {
        func plain(_ text: String) -> String {
            var out: [UInt8] = []
            let bytes = Array(text.utf8)
            PlainNumber.append(bytes, 0..<bytes.count, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
        #expect(plain("9.12260031E8") == "912260031")
        #expect(plain("1e-7") == "0.0000001")
        #expect(plain("-1.5E+2") == "-150")
        #expect(plain("2.5e0") == "2.5")
        #expect(plain("1250000.0") == "1250000.0")
    }
}
