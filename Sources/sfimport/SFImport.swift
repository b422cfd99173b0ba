import ArgumentParser
import CommandSupport
import DataImport
import FieldMapping
import HTTPTransport
import RecordFiles

/// `sfimport`: mapped CSV loads into Salesforce. Argument parsing and wiring only; the work is in DataImport.
@main
struct SFImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sfimport",
        abstract: "Load CSV files into Salesforce through mapping files validated before anything is sent.",
        discussion: """
            Start with `sfimport mapping init`, check with `sfimport validate`, then `sfimport load`.
            See docs/sfimport.md and mappings/README.md.

            \(ExitStatus.helpText)
            """,
        version: TransportConfiguration.sfbatchVersion,
        subcommands: [ValidateCommand.self, LoadCommand.self, MappingCommand.self, DoctorCommand.self])

    static func main() async {
        let command: ParsableCommand
        let arguments = SubcommandOrder.reordered(
            Array(CommandLine.arguments.dropFirst()), subcommands: ["validate", "load", "mapping", "doctor"])
        do {
            command = try parseAsRoot(arguments)
        } catch {
            exit(withError: error)
        }
        do {
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                var plain = command
                try plain.run()
            }
        } catch where isArgumentParserError(error) {
            // `--help` on a command group, `CleanExit`, `ValidationError` thrown from `run()`: ArgumentParser
            // prints its own help or usage message and picks its own exit status (0 for help, 64 for usage).
            exit(withError: error)
        } catch {
            CommandError.printAndExit(commandError(error), program: "sfimport")
        }
    }

    /// Whether ArgumentParser owns the error (help and version requests, clean exits, usage errors): those are
    /// printed and given their status by ArgumentParser, never wrapped in a one-line `sfimport: error:`.
    static func isArgumentParserError(_ error: any Error) -> Bool {
        if error is CleanExit || error is ValidationError || error is ExitCode { return true }
        return String(reflecting: type(of: error)).hasPrefix("ArgumentParser.")
    }

    /// Gives library errors their exit status.
    static func commandError(_ error: any Error) -> any Error {
        switch error {
        case let failure as DataImportError:
            switch failure.code {
            case .input, .output, .journal: return CommandError(failure.message, status: .fileError)
            case .mapping, .validationFailed: return CommandError(failure.message, status: .validationFailed)
            case .operationRefused, .confirmationRequired: return CommandError(failure.message, status: .usage)
            case .remote: return CommandError(failure.message, status: .salesforceError)
            }
        case let failure as RecordFileError:
            // `file:line: ...`, the form editors and compilers use, so the place can be clicked or grepped.
            var text = failure.description
            if let file = failure.file, let line = failure.line, text.hasPrefix(file + ": ") {
                text = "\(file):\(line): " + text.dropFirst(file.count + 2)
            }
            return CommandError(text, status: .fileError)
        case let failure as FieldMappingError:
            switch failure.code {
            case .unreadableFile: return CommandError(failure.message, status: .fileError)
            case .syntax, .unsupportedFormat: return CommandError(failure.message, status: .validationFailed)
            }
        default:
            return error
        }
    }
}
