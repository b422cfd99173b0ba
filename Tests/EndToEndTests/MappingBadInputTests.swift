import Foundation
import Testing

/// `sfimport validate` against one broken mapping per problem class: each is reported with the
/// mapping file's line and the field, with the documented exit code, and nothing is sent.
@Suite("sfimport mapping errors")
struct MappingBadInputTests {
    struct MappingCase: CustomTestStringConvertible, Sendable {
        let file: String
        let mentions: [String]
        var testDescription: String { file }
    }

    static let cases: [MappingCase] = [
        MappingCase(file: "unknown-object.yaml", mentions: ["unknown-object.yaml", "Contakt", "Contact"]),
        MappingCase(file: "unknown-field.yaml", mentions: ["unknown-field.yaml:7", "Emial", "Email"]),
        MappingCase(file: "not-createable.yaml", mentions: ["not-createable.yaml:5", "CreatedDate"]),
        MappingCase(file: "auto-number-target.yaml", mentions: ["auto-number-target.yaml:4", "CaseNumber"]),
        MappingCase(file: "required-missing.yaml", mentions: ["required-missing.yaml", "LastName"]),
        MappingCase(file: "upsert-key-not-external.yaml", mentions: ["upsert-key-not-external.yaml:3", "FirstName"]),
        MappingCase(file: "lookup-not-reference.yaml", mentions: ["lookup-not-reference.yaml:8", "Email"]),
        MappingCase(file: "lookup-key-not-external.yaml", mentions: ["lookup-key-not-external.yaml:8", "Account"]),
        MappingCase(
            file: "restricted-picklist-constant.yaml",
            mentions: ["restricted-picklist-constant.yaml:8", "CleanStatus", "Sparkling"]),
        MappingCase(file: "column-absent.yaml", mentions: ["column-absent.yaml:7", "phone_number"]),
        MappingCase(file: "bad-operation.yaml", mentions: ["bad-operation.yaml:2", "upsertt"]),
        MappingCase(file: "invalid-yaml.yaml", mentions: ["invalid-yaml.yaml"]),
    ]

    @Test("a broken mapping is reported with its line and field", arguments: cases)
    func brokenMapping(_ testCase: MappingCase) throws {
        let workspace = try Workspace()
        let mapping = try Fixtures.url("mappings/\(testCase.file)")
        let input = try Fixtures.copy("csv/contacts-good.csv", into: workspace.directory)
        let result = try workspace.sfimport(
            ["validate", "--mapping", mapping.path, "--input", input.path] + workspace.connection())
        #expect(result.failedCleanly, "\(result)")
        #expect(result.status == DocumentedExit.validationFailed, "\(result)")
        let report = result.stderr + result.stdout
        let missing = testCase.mentions.filter { !report.lowercased().contains($0.lowercased()) }
        #expect(missing.isEmpty, "the report does not mention \(missing): \(result)")
    }

    @Test("load refuses a broken mapping before sending anything")
    func loadRefusesBrokenMapping() throws {
        let workspace = try Workspace()
        let mapping = try Fixtures.url("mappings/unknown-field.yaml")
        let input = try Fixtures.copy("csv/contacts-good.csv", into: workspace.directory)
        let results = workspace.path("results")
        let result = try workspace.sfimport(
            ["load", "--mapping", mapping.path, "--input", input.path, "--results-dir", results.path]
                + workspace.connection())
        #expect(result.failedCleanly, "\(result)")
        #expect(result.stderrMentions(["Emial"]), "\(result)")
        let simulator = try #require(workspace.simulator)
        #expect(try OrgQuery.count(simulator, "FROM Contact WHERE Legacy_Id__c LIKE 'E2E-%'") == 0)
        #expect(workspace.files(startingWith: "contacts-good.success", in: results).isEmpty)
    }

    @Test("the good mapping validates cleanly (the corpus baseline)")
    func goodMappingIsClean() throws {
        let workspace = try Workspace()
        let mapping = try Fixtures.url("mappings/contacts-good.yaml")
        let input = try Fixtures.copy("csv/contacts-good.csv", into: workspace.directory)
        let result = try workspace.sfimport(
            ["validate", "--mapping", mapping.path, "--input", input.path] + workspace.connection())
        #expect(result.status == 0, "\(result)")
    }
}
