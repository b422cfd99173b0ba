import ArgumentParser
import Foundation

/// `doctor`: checks name resolution, proxy, TLS, login and API usage for the given connection options, and says
/// what is wrong and what to do. Executables list it among their subcommands.
public struct DoctorCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the connection to an org: name resolution, proxy, TLS, login and API usage.",
        discussion: """
            Each check prints ok, warn or FAIL, and what to do when something is wrong. Nothing is read or \
            written in the org besides a login and the limits call; the session cache is not used.

            Example:
              SF_CLIENT_SECRET=... \(ProgramName.current) doctor --instance-url https://acme.my.salesforce.com \
            --client-id 3MVG9...

            \(ExitStatus.helpText)
            """)

    @OptionGroup public var connection: ConnectionOptions

    public init() {}

    public func run() async throws {
        let results = await ConnectionDoctor(options: connection).run { check in
            print(check.line)
        }
        let status = ConnectionDoctor.exitStatus(of: results)
        if status != .success { throw status.exitCode }
    }
}
