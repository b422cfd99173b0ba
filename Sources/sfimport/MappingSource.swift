import ArgumentParser
import FieldMapping

/// Options naming the mapping file, with the settings an `.sdl` file cannot carry.
struct MappingSource: ParsableArguments {
    @Option(name: .long, help: "Mapping file: YAML (see mappings/README.md) or Data Loader .sdl.")
    var mapping: String

    @Option(name: .long, help: "Target object (required for .sdl; overrides the mapping's 'object').")
    var object: String?

    @Option(name: .long, help: "insert | update | upsert | delete | hardDelete (overrides the mapping).")
    var operation: String?

    @Option(name: .long, help: "Upsert key field (overrides the mapping's 'externalIdField').")
    var externalId: String?

    @Option(name: .long, help: "IANA time zone for datetimes without an offset (overrides the mapping).")
    var timeZone: String?

    func validate() throws {
        if let operation, ImportOperation(name: operation) == nil {
            throw ValidationError("--operation must be insert, update, upsert, delete or hardDelete")
        }
    }

    func load() throws -> ImportMapping {
        try MappingLoader.load(
            path: mapping,
            overrides: MappingOverrides(
                object: object, operation: operation.flatMap(ImportOperation.init(name:)), externalIDField: externalId,
                timeZone: timeZone))
    }
}
