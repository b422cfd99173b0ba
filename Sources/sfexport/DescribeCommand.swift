import ArgumentParser
import CommandSupport
import DataExport

/// `sfexport describe [OBJECT] [--json]`.
struct DescribeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe", abstract: "List the org's objects, or one object's fields.")

    @Argument(help: "The object to describe; omit to list every object.")
    var object: String?

    @Flag(name: .long, help: "Print JSON instead of a table.")
    var json = false

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        do {
            let client = try connection.makeClient()
            if let object {
                let describe = try await client.describe(object)
                print(json ? SchemaReport.fieldsJSON(describe) : SchemaReport.fieldsText(describe), terminator: "")
            } else {
                let global = try await client.describeGlobal()
                print(json ? SchemaReport.objectsJSON(global) : SchemaReport.objectsText(global), terminator: "")
            }
        } catch {
            CommandError.printAndExit(ExportFailure.commandError(error))
        }
    }
}
