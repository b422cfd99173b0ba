import SalesforceConnection
import Testing

@testable import FieldMapping

struct MappingParsingTests {
    @Test func yamlKeepsLinesAndOptions() throws {
        let mapping = try MappingLoader.load(path: Fixtures.path("contacts.yaml"))
        #expect(mapping.object == "Contact")
        #expect(mapping.objectLocation.line == 2)
        #expect(mapping.operation == .upsert)
        #expect(mapping.externalIDField == "Legacy_Id__c")
        #expect(mapping.timeZone == "Europe/Paris")
        #expect(mapping.problems.isEmpty)
        #expect(mapping.fields.map(\.column) == [
            "contact_key", "first_name", "last_name", "email", "birthday", "source", "opted_out",
        ])
        let lastName = try #require(mapping.fields.first { $0.field == "LastName" })
        #expect(lastName.transforms == [.trim, .upper])
        #expect(lastName.location.line == 12)
        let email = try #require(mapping.fields.first { $0.field == "Email" })
        #expect(email.blankPolicy == .null)
        let source = try #require(mapping.fields.first { $0.field == "LeadSource" })
        #expect(source.valueMap.map(\.to) == ["Web", "Phone Inquiry"])
        #expect(source.defaultValue == "Other")
        #expect(source.valueMap.first?.location.line == 25)
        let lookup = try #require(mapping.lookups.first)
        #expect(lookup.field == "AccountId" && lookup.parentObject == "Account" && lookup.parentKey == "Legacy_Id__c")
        #expect(lookup.column == "account_key")
        #expect(mapping.constants.first?.value == "Loaded by sfimport")
    }

    @Test func sdlColumnsConstantsAndLookups() throws {
        let mapping = try MappingLoader.load(
            path: Fixtures.path("contacts.sdl"),
            overrides: MappingOverrides(object: "Contact", operation: .upsert, externalIDField: "Legacy_Id__c"))
        #expect(mapping.format == .sdl)
        #expect(mapping.problems.isEmpty)
        #expect(mapping.fields.map(\.column) == ["LEGACY_ID", "LAST NAME", "FIRSTNAME", "EMAIL"])
        #expect(mapping.fields[1].field == "LastName")
        #expect(mapping.fields[1].location.line == 4)
        #expect(mapping.constants.map(\.field) == ["Description", "Department"])
        #expect(mapping.constants.allSatisfy { $0.value == "Data Loader" })
        let lookup = try #require(mapping.lookups.first)
        #expect(lookup.field == "Account" && lookup.parentKey == "Legacy_Id__c" && lookup.namedByRelationship)
        let report = MappingValidator(mapping: mapping, catalog: try Fixtures.catalog()).validate()
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let compiled = try #require(report.compiled.columns.first { $0.column == "ACCOUNT_KEY" })
        #expect(compiled.target.fieldName == "AccountId")
        #expect(compiled.target.bulkHeader == "Account.Legacy_Id__c")
    }

    @Test func sdlWithoutObjectAsksForIt() throws {
        let mapping = try MappingLoader.parse("A=LastName\n", path: "x.sdl")
        #expect(mapping.problems.contains { $0.fix?.contains("--object") == true })
    }

    @Test(arguments: [
        ("Account.Legacy_Id__c", "Account", "", "Legacy_Id__c"),
        ("Account:Legacy_Id__c", "Account", "", "Legacy_Id__c"),
        ("User:Owner.Username", "Owner", "User", "Username"),
    ])
    func sdlLookupSpellings(_ target: String, _ relationship: String, _ parent: String, _ key: String) throws {
        let rule = try #require(
            SDLMappingParser.lookup(target, column: "c", at: SourceLocation(file: "x.sdl", line: 1)))
        #expect(rule.field == relationship && rule.parentObject == parent && rule.parentKey == key)
    }

    @Test func didYouMean() {
        #expect(FuzzyName.closest(to: "Emial", among: ["Email", "Phone"]) == "Email")
        #expect(FuzzyName.closest(to: "last_name", among: ["FirstName", "LastName"]) == "LastName")
        #expect(FuzzyName.closest(to: "Zebra", among: ["Email", "Phone"]) == nil)
        #expect(FuzzyName.distance("kitten", "sitting") == 3)
    }
}

struct StarterMappingTests {
    @Test func matchesNamesAndLabelsAndMarksTheRest() throws {
        let contact = try Fixtures.describe("Contact")
        let starter = StarterMapping(
            object: contact,
            header: ["last_name", "First Name", "EMAIL", "Mailing City", "Account.Legacy_Id__c", "shoe size", "legacy id"],
            operation: .upsert)
        #expect(starter.matches.map { $0.field ?? $0.lookup?.field ?? "-" } == [
            "LastName", "FirstName", "Email", "MailingCity", "AccountId", "-", "Legacy_Id__c",
        ])
        let yaml = starter.yaml(inputName: "contacts.csv")
        #expect(yaml.contains("# UNMATCHED"))
        #expect(yaml.contains("#  shoe size: ???"))
        #expect(yaml.contains("externalIdField: Legacy_Id__c"))
        // The starter is itself a valid mapping.
        let mapping = try MappingLoader.parse(yaml, path: "starter.yaml")
        let report = MappingValidator(mapping: mapping, catalog: try Fixtures.catalog()).validate(
            csvHeader: ["last_name", "First Name", "EMAIL", "Mailing City", "Account.Legacy_Id__c", "shoe size",
                "legacy id"])
        #expect(report.errorCount == 0, "\(report.diagnostics)")
        #expect(report.diagnostics.map(\.kind) == [.unmappedColumn])
    }
}
