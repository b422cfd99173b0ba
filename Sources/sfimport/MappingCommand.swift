import ArgumentParser
import DataImport
import FieldMapping
import Foundation

/// `sfimport mapping init`: a starter mapping from a CSV header.
struct MappingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mapping", abstract: "Work with mapping files.", subcommands: [Init.self])

    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Write a starter mapping by matching CSV headers to field API names or labels.",
            discussion: """
                Headers match a field's API name or label ignoring case, spaces and underscores; \
                'Relationship.Key' headers (Account.Legacy_Id__c) become lookups. Columns that match nothing are \
                listed as '# UNMATCHED' comments, and required fields left unmapped are named.
                """)

        @Option(name: .long, help: "Object to load (API name).")
        var object: String

        @Option(name: .long, help: "CSV file whose header to match.")
        var input: String

        @Option(name: .long, help: "insert | update | upsert | delete | hardDelete.")
        var operation = "insert"

        @Option(name: [.short, .long], help: "Write the mapping to FILE instead of standard output.")
        var output: String?

        @Flag(name: .long, help: "Overwrite --output if it exists.")
        var force = false

        @OptionGroup var services: ServiceOptions

        func run() async throws {
            guard let chosen = ImportOperation(name: operation) else {
                throw ValidationError("--operation must be insert, update, upsert, delete or hardDelete")
            }
            let header = try await LocalValidator.header(of: input)
            let (service, _) = try services.makeService()
            guard let describe = try await service.describe(object) else {
                let names = (try? await service.objectNames()) ?? []
                let hint = FuzzyName.closest(to: object, among: names).map { "; did you mean '\($0)'?" } ?? ""
                throw DataImportError(.mapping, "object '\(object)' does not exist or is not accessible\(hint)")
            }
            let starter = StarterMapping(object: describe, header: header, operation: chosen)
            let text = starter.yaml(inputName: URL(fileURLWithPath: input).lastPathComponent)
            guard let output else {
                print(text, terminator: "")
                return
            }
            if FileManager.default.fileExists(atPath: output), !force {
                throw DataImportError(.output, "\(output) exists; pass --force to overwrite it")
            }
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output))
            } catch {
                throw DataImportError(.output, "\(output): cannot write the mapping (\(error.localizedDescription))")
            }
            let unmatched = starter.matches.filter { $0.field == nil && $0.lookup == nil }.count
            FileHandle.standardError.write(
                Data("wrote \(output): \(starter.matches.count - unmatched) columns matched, \(unmatched) unmatched\n".utf8))
        }
    }
}
