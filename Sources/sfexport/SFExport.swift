import ArgumentParser
import CommandSupport
import HTTPTransport

/// `sfexport`: SOQL queries or whole objects to CSV or JSON Lines files, over REST or Bulk API 2.0.
@main
struct SFExport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sfexport",
        abstract: "Export Salesforce records to CSV or JSON Lines (optionally gzip), over REST or Bulk API 2.0.",
        discussion: ExitStatus.helpText,
        version: TransportConfiguration.sfbatchVersion,
        subcommands: [ExportCommand.self, DescribeCommand.self, GetCommand.self, DoctorCommand.self],
        defaultSubcommand: ExportCommand.self)

    /// Parses with a subcommand named after options moved to the front (`sfexport --org prod describe`).
    static func main() async {
        let arguments = SubcommandOrder.reordered(
            Array(CommandLine.arguments.dropFirst()), subcommands: ["export", "describe", "get", "doctor"])
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
