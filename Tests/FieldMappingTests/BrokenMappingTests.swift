import SalesforceConnection
import Testing

@testable import FieldMapping

/// One broken mapping per problem class: each must be reported with its class, line and field.
struct BrokenMappingTests {
    struct Case: Sendable, CustomStringConvertible {
        var file: String
        var kind: MappingDiagnostic.Kind
        var line: Int
        var field: String?
        var mentions: String
        var description: String { file }
    }

    static let cases: [Case] = [
        Case(file: "unknown-object.yaml", kind: .unknownObject, line: 1, field: nil, mentions: "did you mean 'Contact'"),
        Case(file: "unknown-field.yaml", kind: .unknownField, line: 5, field: "Emial", mentions: "did you mean 'Email'"),
        Case(file: "not-createable.yaml", kind: .notCreateable, line: 5, field: "CreatedDate", mentions: "not createable"),
        Case(
            file: "not-updateable.yaml", kind: .notUpdateable, line: 5, field: "LastModifiedDate",
            mentions: "not updateable"),
        Case(file: "auto-number.yaml", kind: .readOnlyField, line: 5, field: "Name", mentions: "auto-number"),
        Case(
            file: "required-missing.yaml", kind: .requiredFieldMissing, line: 1, field: "CloseDate",
            mentions: "required"),
        Case(
            file: "upsert-key-not-external.yaml", kind: .invalidExternalIDField, line: 3, field: "Title",
            mentions: "Legacy_Id__c"),
        Case(file: "lookup-not-reference.yaml", kind: .lookupNotReference, line: 6, field: "Title", mentions: "not a reference"),
        Case(
            file: "lookup-wrong-parent.yaml", kind: .lookupNotReference, line: 6, field: "AccountId",
            mentions: "refers to Account, not Opportunity"),
        Case(
            file: "lookup-key-not-external.yaml", kind: .lookupParentKeyNotExternalID, line: 6, field: "AccountId",
            mentions: "Legacy_Id__c"),
        Case(
            file: "restricted-constant.yaml", kind: .picklistValueNotAllowed, line: 6, field: "Status__c",
            mentions: "allowed values: Draft, Sent, Paid, Void"),
        Case(
            file: "restricted-value-map.yaml", kind: .picklistValueNotAllowed, line: 9, field: "Status__c",
            mentions: "'Cancelled'"),
        Case(file: "bad-constant-type.yaml", kind: .invalidConstant, line: 6, field: "Due_Date__c", mentions: "next tuesday"),
        Case(file: "duplicate-field.yaml", kind: .duplicateField, line: 5, field: "LastName", mentions: "line 4"),
        Case(file: "bad-time-zone.yaml", kind: .invalidValue, line: 3, field: nil, mentions: "Europe/Paris'"),
        Case(file: "bad-operation.yaml", kind: .invalidValue, line: 2, field: nil, mentions: "did you mean 'upsert'"),
        Case(file: "unknown-key.yaml", kind: .unknownKey, line: 7, field: nil, mentions: "did you mean 'transform'"),
        Case(file: "delete-without-id.yaml", kind: .missingIDColumn, line: 2, field: nil, mentions: "Id"),
        Case(file: "bad-date-format.yaml", kind: .invalidValue, line: 5, field: "Birthdate", mentions: "dd/MMM/yyyy"),
    ]

    @Test(arguments: cases)
    func reportsProblemWithLineFieldAndFix(_ testCase: Case) throws {
        let report = try Fixtures.validate("broken/\(testCase.file)")
        let hit = report.diagnostics.first { $0.kind == testCase.kind && $0.location.line == testCase.line }
        let found = try #require(hit, "expected \(testCase.kind) at line \(testCase.line), got \(report.diagnostics)")
        #expect(found.location.file.hasSuffix("broken/\(testCase.file)"))
        if let field = testCase.field { #expect(found.field == field) }
        #expect(found.description.contains(testCase.mentions), "\(found.description)")
        #expect(found.fix != nil)
        #expect(found.description.contains(":\(testCase.line): "))
    }

    @Test func syntaxErrorNamesFileAndLine() throws {
        #expect {
            try MappingLoader.load(path: Fixtures.path("broken/syntax.yaml"))
        } throws: { error in
            let text = "\(error)"
            return text.contains("syntax.yaml") && text.contains("not valid YAML") && text.contains("3")
        }
    }

    @Test func missingAndUnmappedColumnsAgainstHeader() throws {
        let report = try Fixtures.validate(
            "contacts.yaml",
            header: ["contact_key", "first_name", "last_nam", "email", "birthday", "source", "opted_out",
                "account_key", "notes"])
        let missing = report.diagnostics.filter { $0.kind == .missingColumn }
        #expect(missing.count == 1)
        #expect(missing.first?.location.line == 12)
        #expect(missing.first?.description.contains("did you mean 'last_nam'") == true)
        let unmapped = report.diagnostics.filter { $0.kind == .unmappedColumn }
        #expect(unmapped.allSatisfy { $0.severity == .warning })
        #expect(unmapped.map(\.message).sorted().first?.contains("'last_nam'") == true)
        #expect(unmapped.contains { $0.message.contains("'notes'") })
        #expect(report.errorCount == 1)
    }

    @Test func everyProblemIsReportedAtOnce() throws {
        let text = """
            object: Contact
            operation: insert
            fields:
              a: Emial
              b: CreatedDate
              c: LastName
              d: LastName
            constants:
              CleanStatus: Bogus
            """
        let mapping = try MappingLoader.parse(text, path: "many.yaml")
        let report = MappingValidator(mapping: mapping, catalog: try Fixtures.catalog()).validate()
        let kinds = Set(report.diagnostics.map(\.kind))
        #expect(kinds == [.unknownField, .notCreateable, .duplicateField, .picklistValueNotAllowed])
        #expect(report.errorCount == 4)
    }

    @Test func calculatedFieldIsReadOnly() throws {
        var contact = try Fixtures.describe("Contact")
        let index = try #require(contact.fields.firstIndex { $0.name == "Title" })
        contact.fields[index].calculated = true
        var catalog = try Fixtures.catalog()
        catalog.add(contact)
        let mapping = try MappingLoader.parse(
            "object: Contact\noperation: insert\nfields:\n  l: LastName\n  t: Title\n", path: "calc.yaml")
        let report = MappingValidator(mapping: mapping, catalog: catalog).validate()
        let problem = try #require(report.diagnostics.first { $0.kind == .readOnlyField })
        #expect(problem.location.line == 5)
        #expect(problem.message.contains("formula"))
    }

    @Test func validMappingIsClean() throws {
        let report = try Fixtures.validate(
            "contacts.yaml",
            header: ["contact_key", "first_name", "last_name", "email", "birthday", "source", "opted_out",
                "account_key"])
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(report.compiled.columns.count == 8)
        #expect(report.compiled.constants.count == 1)
        #expect(report.compiled.externalIDField == "Legacy_Id__c")
        let key = try #require(report.compiled.keyColumnIndex)
        #expect(report.compiled.columns[key].column == "contact_key")
        let lookup = try #require(report.compiled.columns.first { $0.column == "account_key" })
        #expect(lookup.target.bulkHeader == "Account.Legacy_Id__c")
    }
}
