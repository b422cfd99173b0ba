import Foundation
import SimulatorFixture
import Testing

@testable import DataImport

/// export -> import into a fresh org -> export again gives identical records (through the real executables).
@Suite(.serialized)
struct RoundTripTests {
    static func run(_ tool: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = try SimulatorProcess.binary(named: tool)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["SF_CLIENT_SECRET"] = SimulatorProcess.Defaults.clientSecret
        process.environment = environment
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    static func connection(_ sim: SimulatorProcess) -> [String] {
        ["--instance-url", sim.baseURL.absoluteString, "--client-id", SimulatorProcess.Defaults.clientID,
            "--no-session-cache"]
    }

    @Test func exportImportExportGivesIdenticalRecords() async throws {
        let directory = try Support.temporaryDirectory()
        let source = try SimulatorProcess(arguments: ["--generate", "Account=40,Contact=300"])
        let target = try SimulatorProcess(arguments: ["--seed-data", "none"])
        let accountsQuery =
            "SELECT Legacy_Id__c, Name, Industry, AnnualRevenue, NumberOfEmployees FROM Account ORDER BY Legacy_Id__c"
        let contactsQuery =
            "SELECT Legacy_Id__c, FirstName, LastName, Email, Birthdate, DoNotCall, Account.Legacy_Id__c FROM Contact ORDER BY Legacy_Id__c"
        for (query, file) in [(accountsQuery, "accounts"), (contactsQuery, "contacts")] {
            #expect(try Self.run("sfexport", Self.connection(source) + ["--query", query, "-o", "\(directory)/\(file)-1.csv"]) == 0)
        }
        try Support.write(
            """
            object: Account
            operation: upsert
            externalIdField: Legacy_Id__c
            fields: {Legacy_Id__c: Legacy_Id__c, Name: Name, Industry: Industry, AnnualRevenue: AnnualRevenue,
              NumberOfEmployees: NumberOfEmployees}
            """, to: "\(directory)/accounts.yaml")
        try Support.write(
            """
            object: Contact
            operation: upsert
            externalIdField: Legacy_Id__c
            blankCells: skip
            fields: {Legacy_Id__c: Legacy_Id__c, FirstName: FirstName, LastName: LastName, Email: Email,
              Birthdate: Birthdate, DoNotCall: DoNotCall}
            lookups:
              AccountId: {column: Account.Legacy_Id__c, parent: Account, key: Legacy_Id__c}
            """, to: "\(directory)/contacts.yaml")
        for file in ["accounts", "contacts"] {
            let status = try Self.run(
                "sfimport",
                ["load", "--mapping", "\(directory)/\(file).yaml", "--input", "\(directory)/\(file)-1.csv"]
                    + Self.connection(target))
            #expect(status == 0, "\(file) load exit \(status)")
        }
        for (query, file) in [(accountsQuery, "accounts"), (contactsQuery, "contacts")] {
            #expect(try Self.run("sfexport", Self.connection(target) + ["--query", query, "-o", "\(directory)/\(file)-2.csv"]) == 0)
        }
        for file in ["accounts", "contacts"] {
            let before = try Support.rows("\(directory)/\(file)-1.csv")
            let after = try Support.rows("\(directory)/\(file)-2.csv")
            #expect(before.count > 1)
            #expect(before == after, "\(file) differs")
        }
    }
}
