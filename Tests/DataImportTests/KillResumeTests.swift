import FieldMapping
import Foundation
import SalesforceConnection
import SimulatorFixture
import Testing

@testable import DataImport

/// The real executable killed with SIGKILL in the middle of a load, then resumed: no row lost, none duplicated.
@Suite(.serialized)
struct KillResumeTests {
    struct Scenario: Sendable, CustomStringConvertible {
        var api: String
        var operation: String
        var description: String { "\(operation) via \(api)" }
    }

    @Test(arguments: [Scenario(api: "rest", operation: "upsert"), Scenario(api: "bulk", operation: "insert")])
    func resumeAfterKillLeavesNoDuplicates(_ scenario: Scenario) async throws {
        let sim = try SimulatorProcess()
        _ = try sim.admin("faults", method: "POST", body: ["latencyMS": 100])
        let directory = try Support.temporaryDirectory()
        let prefix = "KILL\(scenario.api.uppercased())-"
        var csv = "key,last,email\n"
        // Enough rows that an uninterrupted REST run takes over 10 s at 100 ms a request: when the whole suite
        // runs, this test's polling task can wait seconds for a cooperative thread before it gets to kill.
        let rows = 12_000
        for row in 1...rows { csv += "\(prefix)\(row),Last \(row),k\(row)@example.org\n" }
        let input = directory + "/contacts.csv"
        try Support.write(csv, to: input)
        let mapping = directory + "/contacts.yaml"
        try Support.write(
            """
            object: Contact
            operation: \(scenario.operation)
            externalIdField: Legacy_Id__c
            fields:
              key: Legacy_Id__c
              last: LastName
              email: Email
            """, to: mapping)
        let arguments = [
            "load", "--mapping", mapping, "--input", input, "--api", scenario.api, "--batch-size", "50",
            "--concurrency", "2", "--instance-url", sim.baseURL.absoluteString, "--client-id",
            SimulatorProcess.Defaults.clientID, "--no-session-cache", "--json",
        ]
        let journal = RunJournal.path(forErrorFile: ResultFiles.paths(input: input, directory: nil).error)

        // First run: killed once a batch (REST: a few batches done; Bulk: the job created) is in the journal.
        // The watch runs on a thread of its own, not the cooperative pool: when the whole suite runs, a pool
        // task can wait seconds for a thread, long enough for the load to finish before it is killed.
        let first = try Self.start(arguments)
        let killed = await Self.killWhenReady(pid: first.processIdentifier, journal: journal, bulk: scenario.api == "bulk")
        first.waitUntilExit()
        #expect(killed && first.terminationReason == .uncaughtSignal, "the load finished before it could be interrupted")

        // Second run resumes; faults off so it finishes quickly.
        _ = try sim.admin("faults", method: "POST", body: ["latencyMS": 0])
        let second = try Self.start(arguments + ["--resume"])
        second.waitUntilExit()
        #expect(second.terminationStatus == 0)

        let paths = ResultFiles.paths(input: input, directory: nil)
        let success = try Support.rows(paths.success).dropFirst().map { Int($0[3]) ?? 0 }
        let errors = try Support.rows(paths.error).dropFirst()
        #expect(errors.isEmpty, "\(errors.prefix(3))")
        #expect(success.count == rows)
        #expect(Set(success) == Set(1...rows))
        let client = try SimulatorImportTests.client(sim)
        let stored = try await client.count("SELECT COUNT() FROM Contact WHERE Legacy_Id__c LIKE '\(prefix)%'")
        #expect(stored == rows)
    }

    /// Polls the run journal on a dedicated thread and sends SIGKILL to `pid` as soon as the journal shows work
    /// in progress; answers whether it did so within 60 s.
    static func killWhenReady(pid: Int32, journal: String, bulk: Bool) async -> Bool {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                let deadline = Date().addingTimeInterval(60)
                while Date() < deadline {
                    let text = (try? String(contentsOfFile: journal, encoding: .utf8)) ?? ""
                    let ready = bulk ? text.contains("\nS 1 ") : text.components(separatedBy: "\nD ").count > 2
                    if ready {
                        continuation.resume(returning: kill(pid, SIGKILL) == 0)
                        return
                    }
                    usleep(2_000)
                }
                continuation.resume(returning: false)
            }
        }
    }

    static func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = try SimulatorProcess.binary(named: "sfimport")
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["SF_CLIENT_SECRET"] = SimulatorProcess.Defaults.clientSecret
        process.environment = environment
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        return process
    }
}
