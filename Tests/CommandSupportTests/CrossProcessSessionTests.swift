import Foundation
import SimulatorFixture
import Testing

/// A second process reuses the session the first one cached: sfsim's login counter does not move.
@Suite struct CrossProcessSessionTests {
    private func run(_ executable: URL, _ arguments: [String], environment: [String: String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func aSecondProcessDoesNotLogIn() throws {
        let sim = try SimulatorProcess(arguments: ["--seed-data", "none"])
        let sfexport = try SimulatorProcess.binary(named: "sfexport")
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("xproc-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let environment = ["SF_CLIENT_SECRET": SimulatorProcess.Defaults.clientSecret, "XDG_CACHE_HOME": cache]
        let arguments = [
            "describe", "Account", "--instance-url", sim.baseURL.absoluteString,
            "--client-id", SimulatorProcess.Defaults.clientID,
        ]
        func logins() throws -> Int {
            ((try sim.stats()["logins"] as? [String: Any])?["client_credentials"] as? Int) ?? -1
        }

        let (first, firstOutput) = try run(sfexport, arguments, environment: environment)
        #expect(first == 0, "first run: \(firstOutput)")
        #expect(try logins() == 1)
        let (second, secondOutput) = try run(sfexport, arguments, environment: environment)
        #expect(second == 0, "second run: \(secondOutput)")
        #expect(try logins() == 1)

        var info = stat()
        #expect(stat(cache + "/sfbatch", &info) == 0 && info.st_mode & 0o777 == 0o700)
        for file in try FileManager.default.contentsOfDirectory(atPath: cache + "/sfbatch") {
            #expect(stat(cache + "/sfbatch/" + file, &info) == 0 && info.st_mode & 0o777 == 0o600)
        }

        // --no-session-cache logs in again and leaves the cache alone.
        let (third, _) = try run(sfexport, arguments + ["--no-session-cache"], environment: environment)
        #expect(third == 0)
        #expect(try logins() == 2)
    }

    @Test func badCredentialsExitWithTheAuthenticationCode() throws {
        let sim = try SimulatorProcess(arguments: ["--seed-data", "none"])
        let sfexport = try SimulatorProcess.binary(named: "sfexport")
        let (status, output) = try run(
            sfexport,
            ["describe", "Account", "--instance-url", sim.baseURL.absoluteString, "--client-id", "sfsim-client",
             "--no-session-cache"],
            environment: ["SF_CLIENT_SECRET": "definitely-wrong"])
        #expect(status == 3, "\(output)")
        #expect(output.contains("error:"))
        #expect(!output.contains("definitely-wrong"))
        #expect(output.split(separator: "\n").count == 1)
    }
}
