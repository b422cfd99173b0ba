import Testing

@testable import SOQL

@Suite("SOQL parser: errors with positions")
struct ParserErrorTests {
    struct Case: Sendable, CustomStringConvertible {
        let query: String
        let reason: String
        let row: Int
        let column: Int
        var description: String { query }
    }

    static let cases: [Case] = [
        Case(query: "SELECT Id FORM Account", reason: "unexpected token: 'FORM'", row: 1, column: 11),
        Case(query: "SELECT FROM Account", reason: "unexpected token: 'FROM'", row: 1, column: 8),
        Case(query: "SELECT Id FROM", reason: "unexpected token: '<EOF>'", row: 1, column: 15),
        Case(query: "SELECT Id, FROM Account", reason: "unexpected token: 'FROM'", row: 1, column: 12),
        Case(query: "SELECT Id FROM Account WHERE", reason: "unexpected token: '<EOF>'", row: 1, column: 29),
        Case(query: "SELECT Id FROM Account WHERE Name = 'a' AND Name = 'b' OR Name = 'c'",
             reason: "unexpected token: 'OR'", row: 1, column: 56),
        Case(query: "SELECT Id FROM Account WHERE Name 'a'", reason: "unexpected token: ''a''", row: 1, column: 35),
        Case(query: "SELECT Id FROM Account WHERE Name = Acme", reason: "unexpected token: 'Acme'", row: 1, column: 37),
        Case(query: "SELECT Id FROM Account LIMIT x", reason: "unexpected token: 'x'", row: 1, column: 30),
        Case(query: "SELECT Id FROM Account LIMIT 1.5", reason: "unexpected token: '1.5'", row: 1, column: 30),
        Case(query: "SELECT Id FROM Account ORDER Name", reason: "unexpected token: 'Name'", row: 1, column: 30),
        Case(query: "SELECT Id\nFROM Account\nWHERE Name = 'open", row: 3, column: 14),
        Case(query: "SELECT Id FROM Account WHERE Name = 'a\\qb'",
             reason: "Invalid string literal ''a\\q'. Illegal character sequence '\\q' in string literal.",
             row: 1, column: 37),
        Case(query: "SELECT Id FROM Account WHERE Name = #", reason: "no viable alternative at character '#'",
             row: 1, column: 37),
        Case(query: "SELECT Id FROM Account WHERE CreatedDate = 2024-13-01",
             reason: "Invalid date: 2024-13-01. Dates are YYYY-MM-DD, unquoted.", row: 1, column: 44),
        Case(query: "SELECT Id FROM Account WHERE CreatedDate > LAST_N_DAYS",
             reason: "Invalid date literal 'LAST_N_DAYS': it needs a count, e.g. LAST_N_DAYS:7", row: 1, column: 44),
        Case(query: "SELECT Id FROM Account WHERE CreatedDate > TODAY:3", reason: "unexpected token: ':'",
             row: 1, column: 49),
        Case(query: "SELECT FIELDS(SOME) FROM Account", reason: "unexpected token: 'SOME'", row: 1, column: 15),
        Case(query: "SELECT Id FROM Account) ", reason: "unexpected token: ')'", row: 1, column: 23),
        Case(query: "SELECT (SELECT Id FROM Contacts FROM Account", reason: "unexpected token: 'FROM'",
             row: 1, column: 33),
        Case(query: "SELECT Id FROM Account WHERE Id IN ()", reason: "unexpected token: ')'", row: 1, column: 37),
        Case(query: "SELECT Id FROM Account ORDER BY Name NULLS", reason: "unexpected token: '<EOF>'",
             row: 1, column: 43),
    ]

    init() {}

    // The unterminated string case has a lexer-specific reason; check it separately.
    @Test(arguments: cases)
    func reportsPosition(_ testCase: Case) {
        do {
            let query = try SOQLQuery(parsing: testCase.query)
            Issue.record("parsed \(query) but expected an error")
        } catch {
            #expect(error.code == .malformedQuery)
            if !testCase.reason.isEmpty { #expect(error.reason == testCase.reason) }
            #expect(error.position?.row == testCase.row)
            #expect(error.position?.column == testCase.column)
        }
    }

    @Test func messageHasSalesforceShape() {
        do {
            _ = try SOQLQuery(parsing: "SELECT Id FORM Account")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "\nSELECT Id FORM Account\n          ^\nERROR at Row:1:Column:11\nunexpected token: 'FORM'")
            #expect(error.description == "MALFORMED_QUERY at row 1, column 11: unexpected token: 'FORM'")
        }
    }

    @Test func invalidFieldMessageMatchesRecordedResponse() {
        let error = SOQLError(
            code: .invalidField,
            reason: "No such column 'Nme' on entity 'Account'. If you are attempting to use a custom field, be sure "
                + "to append the '__c' after the custom field name. Please reference your WSDL or the describe call "
                + "for the appropriate names.",
            position: SourcePosition(offset: 11, row: 1, column: 12), query: "SELECT Id, Nme FROM Account")
        #expect(error.message == "\nSELECT Id, Nme FROM Account\n           ^\nERROR at Row:1:Column:12\nNo such column "
            + "'Nme' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' "
            + "after the custom field name. Please reference your WSDL or the describe call for the appropriate names.")
    }
}

extension ParserErrorTests.Case {
    init(query: String, row: Int, column: Int) {
        self.init(query: query, reason: "", row: row, column: column)
    }
}
