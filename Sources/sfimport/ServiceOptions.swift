import ArgumentParser
import CommandSupport
import DataImport

/// Where describes come from: the org (connection options) or, offline, a directory of describe JSON files.
struct ServiceOptions: ParsableArguments {
    @Option(
        name: .long,
        help: "Validate offline against saved describe JSON files (<Object>.json) in DIR instead of an org.")
    var schemaDir: String?

    @OptionGroup var connection: ConnectionOptions

    /// The service for describes and loads, and the resolved connection when an org is used.
    func makeService() throws -> (service: any ImportService, resolved: ResolvedConnection?) {
        if let schemaDir { return (SchemaDirectoryService(directory: schemaDir), nil) }
        let resolved = try connection.resolve()
        let client = try connection.makeClient(resolved)
        return (SalesforceImportService(client: client), resolved)
    }
}
