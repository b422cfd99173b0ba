import ArgumentParser
import Foundation
import SalesforceConnection

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An error the command line reports: one actionable line and an exit status.
///
/// Executables throw it (or any `SalesforceError`) and call `CommandError.printAndExit(_:)` at the top, which
/// prints the message once, without wrapper chains, and exits with the documented code.
public struct CommandError: Error, Sendable, CustomStringConvertible {
    /// The line printed after `<program>: error: `.
    public let message: String
    /// The exit status.
    public let status: ExitStatus

    public init(_ message: String, status: ExitStatus) {
        self.message = message
        self.status = status
    }

    public var description: String { message }

    /// A usage error (exit 64).
    public static func usage(_ message: String) -> CommandError { CommandError(message, status: .usage) }

    /// A file error (exit 6).
    public static func file(_ message: String) -> CommandError { CommandError(message, status: .fileError) }

    /// The exit status for any error.
    public static func status(for error: any Error) -> ExitStatus {
        switch error {
        case let command as CommandError:
            return command.status
        case let salesforce as SalesforceError:
            switch salesforce.category {
            case .authentication: return .authenticationFailed
            case .network: return .networkFailure
            case .api, .limit, .outcomeUnknown, .unexpectedResponse: return .salesforceError
            case .configuration: return .usage
            case .io: return .fileError
            }
        case is CancellationError:
            return .interrupted
        case is ValidationError:
            return .usage
        case let exit as ExitCode:
            return ExitStatus(rawValue: exit.rawValue) ?? .salesforceError
        default:
            return .salesforceError
        }
    }

    /// The one-line message for any error (secrets masked as a last line of defence).
    public static func message(for error: any Error) -> String {
        let text: String
        switch error {
        case let command as CommandError: text = command.message
        case let salesforce as SalesforceError: text = salesforce.description
        case is CancellationError: text = "interrupted"
        case let validation as ValidationError: text = validation.message
        default: text = String(describing: error)
        }
        return Redaction.maskSessionIDs(text)
    }

    /// Prints `<program>: error: <message>` to stderr and exits with the error's status; for errors thrown from a
    /// command's `run()` (ArgumentParser handles parse errors and `--help` before `run()`). An `ExitCode` exits
    /// silently with its code; `CleanExit` exits 0.
    public static func printAndExit(_ error: any Error, program: String = ProgramName.current) -> Never {
        if error is CleanExit { exit(0) }
        if let code = error as? ExitCode { exit(code.rawValue) }
        StandardError.write("\(program): error: \(message(for: error))\n")
        exit(status(for: error).rawValue)
    }
}

/// The running program's name (`sfexport`), for messages.
public enum ProgramName {
    public static var current: String {
        URL(fileURLWithPath: CommandLine.arguments.first ?? "sfbatch").lastPathComponent
    }
}
