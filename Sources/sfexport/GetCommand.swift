import ArgumentParser
import CommandSupport
import DataExport

/// `sfexport get OBJECT ID` / `sfexport get OBJECT --external-id FIELD=VALUE`.
struct GetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get", abstract: "Print one record as JSON, by id or by an external ID value.")

    @Argument(help: "The object (Account, Contact, ...).")
    var object: String

    @Argument(help: "The record id (15 or 18 characters).")
    var id: String?

    @Option(name: .long, help: "Find the record by FIELD=VALUE instead of its id.")
    var externalID: String?

    @Option(name: .long, help: "Comma-separated fields (default: all).")
    var fields: String?

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        guard (id == nil) != (externalID == nil) else { throw ValidationError("give the record id or --external-id FIELD=VALUE") }
        if let externalID, !externalID.contains("=") { throw ValidationError("--external-id takes FIELD=VALUE") }
    }

    func run() async throws {
        do {
            let client = try connection.makeClient()
            let fieldList = fields.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
            let record: String
            if let id {
                record = String(decoding: try await RecordLookup.byID(client, object: object, id: id, fields: fieldList).serialized(), as: UTF8.self)
            } else if let externalID, let equals = externalID.firstIndex(of: "=") {
                let field = String(externalID[..<equals])
                let value = String(externalID[externalID.index(after: equals)...])
                record = String(
                    decoding: try await RecordLookup.byExternalID(
                        client, object: object, field: field, value: value, fields: fieldList
                    ).serialized(), as: UTF8.self)
            } else {
                return
            }
            print(record)
        } catch {
            CommandError.printAndExit(ExportFailure.commandError(error))
        }
    }
}
