import SalesforceConnection
import Foundation
import Testing

@testable import FieldMapping

/// Loads fixtures copied beside the tests.
enum Fixtures {
    static var root: URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures")
    }

    static func path(_ relative: String) -> String {
        root.appendingPathComponent(relative).path
    }

    static func describe(_ object: String) throws -> ObjectDescribe {
        let data = try Data(contentsOf: root.appendingPathComponent("describe/\(object).json"))
        return try JSONDecoder().decode(ObjectDescribe.self, from: data)
    }

    /// Account, Contact, Opportunity and Invoice__c, with the org's object list for suggestions.
    static func catalog() throws -> DescribeCatalog {
        DescribeCatalog(
            try ["Account", "Contact", "Opportunity", "Invoice__c"].map(describe),
            knownObjectNames: ["Account", "Contact", "Opportunity", "Invoice__c", "Lead", "Case", "User"])
    }

    static func validate(_ file: String, header: [String]? = nil) throws -> ValidationReport {
        let mapping = try MappingLoader.load(path: path(file))
        let catalog = try catalog()
        return MappingValidator(mapping: mapping, catalog: catalog).validate(csvHeader: header)
    }

    static func field(_ object: String, _ name: String) throws -> FieldDescribe {
        let describe = try describe(object)
        return try #require(describe.fields.first { $0.name == name })
    }
}
