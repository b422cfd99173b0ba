import Foundation
import SimulatorFixture
import Testing

/// Ctrl-C on the real sfexport process: exit code 7; a Bulk export keeps its committed pages and journal and
/// `--resume` finishes it to the same bytes as an uninterrupted run; a REST export leaves nothing behind.
@Suite(.serialized) struct InterruptProcessTests {
    static func start(_ arguments: [String], environment: [String: String]) throws -> Process {
        let process = Process()
        process.executableURL = try SimulatorProcess.binary(named: "sfexport")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        try process.run()
        return process
    }

    static func waitFor(_ condition: () -> Bool, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return condition()
    }

    static func connection(_ sim: SimulatorProcess) -> [String] {
        ["--instance-url", sim.baseURL.absoluteString, "--client-id", SimulatorProcess.Defaults.clientID,
            "--no-session-cache", "--quiet"]
    }

    @Test func ctrlCDuringABulkExportKeepsCommittedPagesForResume() throws {
        let sim = try SimulatorProcess(arguments: ["--generate", "Account=3000", "--seed", "5"])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sfexport-sigint-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let environment = ["SF_CLIENT_SECRET": "sfsim-secret"]
        let query = ["--query", "SELECT Id, Name, Industry FROM Account ORDER BY Id", "--api", "bulk", "--max-records", "100"]
        let whole = try Self.start(query + ["-o", "\(directory)/whole.csv"] + Self.connection(sim), environment: environment)
        whole.waitUntilExit()
        #expect(whole.terminationStatus == 0)

        // Slow pages (150 ms each) so that the signal lands between the first committed page and the last.
        _ = try sim.admin("faults", method: "POST", body: ["latencyMS": 150])
        let output = "\(directory)/cut.csv"
        let interrupted = try Self.start(query + ["-o", output] + Self.connection(sim), environment: environment)
        let journal = "\(output).journal.json"
        let committed = Self.waitFor({
            guard let data = FileManager.default.contents(atPath: journal),
                let state = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            else { return false }
            return ((state["pages"] as? NSNumber)?.intValue ?? 0) >= 2
        }, seconds: 30)
        #expect(committed, "no page was committed before the deadline")
        kill(interrupted.processIdentifier, SIGINT)
        interrupted.waitUntilExit()
        #expect(interrupted.terminationStatus == 7)
        #expect(!FileManager.default.fileExists(atPath: output), "an interrupted export must not look finished")
        #expect(FileManager.default.fileExists(atPath: journal))

        _ = try sim.admin("faults", method: "POST", body: ["latencyMS": 0])
        let resumed = try Self.start(query + ["-o", output, "--resume"] + Self.connection(sim), environment: environment)
        resumed.waitUntilExit()
        #expect(resumed.terminationStatus == 0)
        #expect(FileManager.default.contents(atPath: output) == FileManager.default.contents(atPath: "\(directory)/whole.csv"))
        #expect(!FileManager.default.fileExists(atPath: journal))
    }

    @Test func ctrlCDuringARESTExportLeavesNothingBehind() throws {
        let sim = try SimulatorProcess(arguments: ["--generate", "Account=3000", "--seed", "5"])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sfexport-sigint-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        _ = try sim.admin("faults", method: "POST", body: ["latencyMS": 150])
        let output = "\(directory)/rest.csv"
        let process = try Self.start(
            ["--query", "SELECT Id, Name FROM Account", "--api", "rest", "--batch-size", "200", "-o", output]
                + Self.connection(sim), environment: ["SF_CLIENT_SECRET": "sfsim-secret"])
        let started = Self.waitFor({ FileManager.default.fileExists(atPath: output + ".partial") }, seconds: 30)
        #expect(started, "the export never opened its output")
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 7)
        let left = try FileManager.default.contentsOfDirectory(atPath: directory)
        #expect(left.isEmpty, "\(left)")
    }
}
