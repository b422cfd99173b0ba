import SalesforceConnection
import FieldMapping
import Foundation
import Testing

@testable import DataImport

/// Row-level checks over broken CSVs: each problem class named with row, line, column and code.
struct LocalValidatorTests {
    func validate(_ yaml: String, _ csv: String) throws -> LocalValidationReport {
        let reader = try InputOpener.reader(bytes: Array(csv.utf8), name: "in.csv")
        let report = try Support.compile(yaml, header: reader.columns)
        #expect(!report.hasErrors, "\(report.diagnostics)")
        return try LocalValidator(compiled: report.compiled).run(reader) {
            try InputOpener.reader(bytes: Array(csv.utf8), name: "in.csv")
        }
    }

    static let invoiceMapping = """
        object: Invoice__c
        operation: upsert
        externalIdField: Invoice_Number__c
        fields:
          number: Invoice_Number__c
          amount: Amount__c
          due: {field: Due_Date__c, format: dd/MM/yyyy}
          status: Status__c
          paid: Paid__c
          notes: Notes__c
        lookups:
          Account__c: {column: account, parent: Account, key: Legacy_Id__c}
        """

    @Test(arguments: [
        ("INV-2,12.50,31/02/2024,Draft,true,,ACC-1", "INVALID_TYPE_ON_FIELD_IN_RECORD", "due"),
        ("INV-2,12.5x,01/02/2024,Draft,true,,ACC-1", "INVALID_TYPE_ON_FIELD_IN_RECORD", "amount"),
        ("INV-2,12.50,01/02/2024,Pending,true,,ACC-1", "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", "status"),
        ("INV-2,12.50,01/02/2024,Draft,perhaps,,ACC-1", "INVALID_TYPE_ON_FIELD_IN_RECORD", "paid"),
        ("INV-1,12.50,01/02/2024,Draft,true,,ACC-1", "DUPLICATE_VALUE", "number"),
        ("INV-2,12.50,01/02/2024,Draft,true,,\(String(repeating: "k", count: 41))", "STRING_TOO_LONG", "account"),
        ("INV-2,1e400x,01/02/2024", "INVALID_ROW", nil),
        ("inv-1,1,01/02/2024,Draft,true,,ACC-1", "DUPLICATE_VALUE", "number"),
    ] as [(String, String, String?)])
    func brokenRowIsReported(_ row: String, _ code: String, _ column: String?) throws {
        let csv = "number,amount,due,status,paid,notes,account\nINV-1,1,01/01/2024,Paid,false,ok,ACC-1\n\(row)\n"
        let report = try validate(Self.invoiceMapping, csv)
        #expect(report.rows == 2)
        #expect(report.rejectedRows == 1)
        let problem = try #require(report.problems.first)
        #expect(problem.row == 2 && problem.line == 3)
        #expect(problem.code == code)
        #expect(problem.column == column)
    }

    @Test func requiredValueMissing() throws {
        let csv = "key,last,email,account\nK1,,a@b.co,A1\nK2,Nguyen,a@b.co,A1\n"
        let report = try validate(Support.upsertContacts, csv)
        #expect(report.problems.map(\.code) == ["REQUIRED_FIELD_MISSING"])
        #expect(report.problems.first?.description.contains("row 1 (line 2), column 'last' -> LastName") == true)
    }

    @Test func everyProblemOfEveryRowIsCounted() throws {
        var csv = "key,last,email,account\n"
        for index in 1...50 { csv += "K\(index),,bad-email,A\n" }
        let report = try validate(Support.upsertContacts, csv)
        #expect(report.rows == 50)
        #expect(report.rejectedRows == 50)
        #expect(report.problemCount == 100)
    }
}

struct DuplicateKeyReportTests {
    @Test func duplicateKeysNameBothRowsInRowOrder() throws {
        var csv = "number,amount,due,status,paid,notes,account\n"
        for index in 1...300 { csv += "INV-\(index),1,01/01/2024,Paid,false,,ACC-1\n" }
        csv += "INV-7,1,01/01/2024,Paid,false,,ACC-1\n"  // row 301 repeats row 7
        csv += "INV-9,x,01/01/2024,Paid,false,,ACC-1\n"  // row 302: bad amount and a repeat of row 9
        let report = try LocalValidatorTests().validate(LocalValidatorTests.invoiceMapping, csv)
        #expect(report.rows == 302)
        #expect(report.rejectedRows == 2)
        #expect(report.problemCount == 3)
        #expect(report.problems.map(\.row) == [301, 302, 302])
        #expect(report.problems.map(\.code) == ["DUPLICATE_VALUE", "INVALID_TYPE_ON_FIELD_IN_RECORD", "DUPLICATE_VALUE"])
        #expect(report.problems[0].message.contains("'INV-7' also appears on row 7"))
        #expect(report.problems[2].message.contains("also appears on row 9"))
    }
}
