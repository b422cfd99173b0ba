import Foundation
import SimulatorFixture
import Testing

@testable import DataImport

/// The executable's contracts: validate exit codes, org profile restrictions and delete confirmation before any
/// request.
@Suite(.serialized)
struct CommandLineTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    static func run(_ arguments: [String], environment extra: [String: String] = [:], stdin: String? = nil) throws
        -> (Int32, String)
    {
        let process = Process()
        process.executableURL = try SimulatorProcess.binary(named: "sfimport")
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle(forReadingAtPath: stdin ?? "/dev/null")
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func helpAndVersionPrintCleanlyAndUsageErrorsExit64() throws {
        for arguments in [["--help"], ["load", "--help"], ["help", "validate"], ["mapping", "--help"]] {
            let (status, output) = try Self.run(arguments)
            #expect(status == 0, "\(arguments): \(output)")
            #expect(output.contains("USAGE: sfimport"), "\(arguments): \(output)")
            #expect(!output.contains("CommandError") && !output.contains("error:"), "\(arguments): \(output)")
        }
        let version = try Self.run(["--version"])
        #expect(version.0 == 0, "\(version.1)")
        #expect(version.1.split(separator: ".").count == 3, "\(version.1)")
        let missing = try Self.run(["load"])
        #expect(missing.0 == 64, "\(missing.1)")
        #expect(missing.1.contains("Missing expected argument '--mapping <mapping>'"), "\(missing.1)")
        let unknown = try Self.run(["load", "--mapping", "m.yaml", "--input", "in.csv", "--no-such-option"])
        #expect(unknown.0 == 64, "\(unknown.1)")
        #expect(unknown.1.contains("--no-such-option"), "\(unknown.1)")
    }

    @Test func validateExitCodesDistinguishCleanWarningsAndErrors() throws {
        let schema = ["--schema-dir", "\(Self.root)/samples/schema"]
        let clean = try Self.run(
            ["validate", "--mapping", "\(Self.root)/mappings/contacts.yaml", "--input",
                "\(Self.root)/samples/import/contacts.csv"] + schema)
        #expect(clean.0 == 0, "\(clean.1)")
        let directory = try Support.temporaryDirectory()
        try Support.write("object: Contact\noperation: insert\nfields:\n  last_name: LastName\n", to: "\(directory)/m.yaml")
        let warnings = try Self.run(
            ["validate", "--mapping", "\(directory)/m.yaml", "--input", "\(Self.root)/samples/import/contacts.csv"]
                + schema)
        #expect(warnings.0 == 1, "\(warnings.1)")
        #expect(warnings.1.contains("CSV column 'email' is not mapped"))
        let errors = try Self.run(
            ["validate", "--mapping", "\(Self.root)/mappings/contacts.yaml", "--input",
                "\(Self.root)/samples/import/contacts-with-errors.csv", "--json"] + schema)
        #expect(errors.0 == 2)
        #expect(errors.1.contains("\"status\":\"errors\"") && errors.1.contains("\"row\":6"))
    }

    @Test func forbiddenOperationsAndUnconfirmedDeletesSendNothing() throws {
        let sim = try SimulatorProcess()
        let directory = try Support.temporaryDirectory()
        try Support.write(
            """
            orgs:
              prod:
                instanceUrl: \(sim.baseURL.absoluteString)
                clientId: \(SimulatorProcess.Defaults.clientID)
                clientSecretEnv: SF_CLIENT_SECRET
                allowedOperations: [query, insert, update, upsert]
            """, to: "\(directory)/orgs.yaml")
        try Support.write("object: Contact\noperation: delete\nfields:\n  id: Id\n", to: "\(directory)/delete.yaml")
        try Support.write("id\n0035g000000002RAAQ\n", to: "\(directory)/ids.csv")
        let environment = ["SFBATCH_CONFIG": "\(directory)/orgs.yaml", "SF_CLIENT_SECRET": "sfsim-secret"]
        let before = try sim.admin("stats") as? [String: Any]
        let refused = try Self.run(
            ["load", "--org", "prod", "--mapping", "\(directory)/delete.yaml", "--input", "\(directory)/ids.csv",
                "--yes", "--no-session-cache"], environment: environment)
        #expect(refused.0 == 64)
        #expect(refused.1.contains("does not allow delete"))
        let unconfirmed = try Self.run(
            ["load", "--mapping", "\(directory)/delete.yaml", "--input", "\(directory)/ids.csv",
                "--instance-url", sim.baseURL.absoluteString, "--client-id", SimulatorProcess.Defaults.clientID,
                "--no-session-cache"], environment: environment)
        #expect(unconfirmed.0 == 64)
        #expect(unconfirmed.1.contains("--yes"))
        let after = try sim.admin("stats") as? [String: Any]
        func logins(_ stats: [String: Any]?) -> Int {
            ((stats?["logins"] as? [String: Any]) ?? [:]).values.compactMap { ($0 as? NSNumber)?.intValue }.reduce(0, +)
        }
        #expect(logins(before) == logins(after))
        #expect(!FileManager.default.fileExists(atPath: "\(directory)/ids.success.csv"))
    }

    /// `--input -`: a load reads its input several times, so a pipe must be copied first; the results are still
    /// named stdin.*, every row lands in one of them, and the private copy is gone afterwards.
    @Test(arguments: ["rest", "bulk"])
    func loadFromStandardInput(api: String) throws {
        let sim = try SimulatorProcess()
        let directory = try Support.temporaryDirectory()
        let temporary = "\(directory)/tmp"
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        try Support.write(
            "object: Contact\noperation: upsert\nexternalIdField: Legacy_Id__c\nfields:\n  key: Legacy_Id__c\n  last: LastName\n",
            to: "\(directory)/contacts.yaml")
        var csv = "key,last\n"
        for row in 1...30 { csv += "STDIN-\(api)-\(row),\(row == 7 ? "" : "Name \(row)")\n" }
        try Support.write(csv, to: "\(directory)/piped.csv")
        let result = try Self.run(
            ["load", "--mapping", "\(directory)/contacts.yaml", "--input", "-", "--api", api, "--results-dir",
                "\(directory)/results", "--instance-url", sim.baseURL.absoluteString, "--client-id",
                SimulatorProcess.Defaults.clientID, "--no-session-cache", "--json"],
            environment: ["SF_CLIENT_SECRET": "sfsim-secret", "TMPDIR": temporary], stdin: "\(directory)/piped.csv")
        // Row 7 has no LastName: rejected locally, so the run exits with "some rows rejected".
        #expect(result.0 == 1, "\(result.1)")
        let success = try Support.rows("\(directory)/results/stdin.success.csv")
        let errors = try Support.rows("\(directory)/results/stdin.error.csv")
        #expect(success.count - 1 == 29 && errors.count - 1 == 1, "\(result.1)")
        #expect(errors.last?[2] == "7")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary).filter { $0.hasPrefix("sfimport-stdin") }.isEmpty)
    }
}
