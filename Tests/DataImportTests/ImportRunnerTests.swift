import SalesforceConnection
import FieldMapping
import Foundation
import Testing

@testable import DataImport

/// Loads against an in-memory service: idempotent upserts, row accounting under failures and locks, resume.
struct ImportRunnerTests {
    func makeInput(rows: Int, badRows: Set<Int> = [], in directory: String) throws -> String {
        var csv = "key,last,email,account\n"
        for row in 1...rows {
            let email = badRows.contains(row) ? "not-an-email" : "c\(row)@example.com"
            csv += "K\(row),Name \(row),\(email),ACC-\(row % 7)\n"
        }
        let path = directory + "/contacts.csv"
        try Support.write(csv, to: path)
        return path
    }

    func runner(_ service: FakeService, input: String, configure: (inout ImportOptions) -> Void = { _ in }) throws
        -> ImportRunner
    {
        let report = try Support.compile(Support.upsertContacts, header: ["key", "last", "email", "account"])
        #expect(!report.hasErrors)
        var options = ImportOptions(inputPath: input)
        options.batchSize = 50
        options.lockRetryDelay = .milliseconds(1)
        configure(&options)
        return ImportRunner(service: service, compiled: report.compiled, options: options)
    }

    @Test func upsertTwiceIsIdempotent() async throws {
        let directory = try Support.temporaryDirectory()
        let input = try makeInput(rows: 420, in: directory)
        let service = FakeService()
        let first = try await runner(service, input: input).run()
        #expect(first.inputRows == 420 && first.succeeded == 420 && first.created == 420 && first.updated == 0)
        let second = try await runner(service, input: input).run()
        #expect(second.succeeded == 420 && second.created == 0 && second.updated == 420)
        #expect(service.storedCount == 420)
        let success = try Support.rows(directory + "/contacts.success.csv")
        #expect(success.first == ["key", "last", "email", "account", "sf__Row", "sf__Id", "sf__Created"])
        #expect(success.count == 421)
        #expect(Set(success.dropFirst().map { $0[6] }) == ["false"])
        #expect(Set(success.dropFirst().map { Int($0[4]) ?? 0 }) == Set(1...420))
    }

    @Test func missingResultsFolderIsCreatedAndAFileInTheWayIsNamed() async throws {
        let directory = try Support.temporaryDirectory()
        let input = try makeInput(rows: 30, in: directory)
        let nested = directory + "/out/2026/run"
        let summary = try await runner(FakeService(), input: input) { $0.resultsDirectory = nested }.run()
        #expect(summary.succeeded == 30)
        #expect(summary.successFile == nested + "/contacts.success.csv")
        #expect(try Support.rows(summary.successFile).count == 31)
        #expect(try Support.rows(nested + "/contacts.error.csv").count == 1)

        try Support.write("not a folder", to: directory + "/blocked")
        let error = await #expect(throws: DataImportError.self) {
            try await self.runner(FakeService(), input: input) { $0.resultsDirectory = directory + "/blocked" }.run()
        }
        #expect(error?.message.contains("blocked: is a file") == true, "\(String(describing: error))")
    }

    @Test func everyRowLandsInExactlyOneFileUnderFailures() async throws {
        let directory = try Support.temporaryDirectory()
        let input = try makeInput(rows: 300, badRows: [3, 150], in: directory)
        let service = FakeService()
        service.lockFirst("K10", times: 2)
        service.lockFirst("K11", times: 99)
        service.failBatchWithRow = 120
        let summary = try await runner(service, input: input) { $0.concurrency = 3 }.run()
        #expect(summary.isBalanced)
        #expect(summary.inputRows == 300)
        #expect(summary.rejectedLocally == 2)
        #expect(summary.lockRetries >= 5)
        let success = try Support.rows(summary.successFile).dropFirst()
        let errors = try Support.rows(summary.errorFile).dropFirst()
        let successRows = success.map { Int($0[4]) ?? 0 }
        let errorRows = errors.map { Int($0[4]) ?? 0 }
        #expect(Set(successRows).isDisjoint(with: errorRows))
        #expect(Set(successRows + errorRows) == Set(1...300))
        #expect(successRows.count + errorRows.count == 300)
        #expect(successRows.contains(10))
        let byRow = Dictionary(uniqueKeysWithValues: errors.map { (Int($0[4]) ?? 0, $0[5]) })
        #expect(byRow[11]?.hasPrefix("UNABLE_TO_LOCK_ROW:") == true)
        #expect(byRow[3]?.hasPrefix("INVALID_EMAIL_ADDRESS:") == true)
        #expect(byRow[120]?.hasPrefix("REQUEST_FAILED:") == true)
        #expect(errors.count == 2 + 1 + 50)
    }

    @Test func dryRunSendsNothing() async throws {
        let directory = try Support.temporaryDirectory()
        let input = try makeInput(rows: 100, badRows: [7], in: directory)
        let service = FakeService()
        let summary = try await runner(service, input: input) { $0.dryRun = true }.run()
        #expect(service.requests == 0)
        #expect(summary.succeeded == 99 && summary.failed == 1 && summary.isBalanced)
    }

    @Test func retryFailedReloadsOnlyTheErrorRowsKeepingRowNumbers() async throws {
        let directory = try Support.temporaryDirectory()
        let input = try makeInput(rows: 60, in: directory)
        let service = FakeService()
        service.lockFirst("K5", times: 99)
        service.lockFirst("K6", times: 99)
        let first = try await runner(service, input: input) { $0.lockRetries = 1 }.run()
        #expect(first.failed == 2)
        let retryService = FakeService()
        let retry = try await runner(retryService, input: first.errorFile).run()
        #expect(retry.inputRows == 2 && retry.succeeded == 2)
        #expect(retryService.sentRows.sorted() == [5, 6])
        let success = try Support.rows(retry.successFile)
        #expect(success.first == ["key", "last", "email", "account", "sf__Row", "sf__Id", "sf__Created"])
        #expect(success.dropFirst().map { $0[4] }.sorted() == ["5", "6"])
    }

    @Test func resumeFinishesWithoutResendingDoneRows() async throws {
        let directory = try Support.temporaryDirectory()
        let input = try makeInput(rows: 200, in: directory)
        let service = FakeService()
        _ = try await runner(service, input: input).run()
        // Simulate a kill after the first 100 rows: keep their results, leave batch 3 sent without a result,
        // and cut the last success line in half.
        let paths = ResultFiles.paths(input: input, directory: nil)
        var success = try String(contentsOfFile: paths.success, encoding: .utf8).split(separator: "\n")
        success = Array(success.prefix(101))
        let partial = success.joined(separator: "\n") + "\nK101,Name 10"
        try Support.write(partial, to: paths.success)
        let journal = RunJournal.path(forErrorFile: paths.error)
        var lines = try String(contentsOfFile: journal, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.contains("D 4") && lines.last == "complete")
        lines.removeAll { $0 == "complete" || $0 == "D 3" || $0 == "D 4" }
        try Support.write(lines.joined(separator: "\n") + "\n", to: journal)
        let resumeService = FakeService()
        let resumed = try await runner(resumeService, input: input) { $0.resume = true }.run()
        #expect(resumed.isBalanced && resumed.inputRows == 200)
        #expect(resumed.resumedRows == 100)
        #expect(resumeService.sentRows.sorted() == Array(101...200))
        let rows = try Support.rows(paths.success).dropFirst().map { Int($0[4]) ?? 0 }
        #expect(rows.sorted() == Array(1...200))
    }

    @Test func resumedInsertsWithUnknownOutcomeAreNeverResent() async throws {
        let directory = try Support.temporaryDirectory()
        let input = try makeInput(rows: 100, in: directory)
        let yaml = "object: Contact\noperation: insert\nfields:\n  last: LastName\n  email: Email\n"
        let report = try Support.compile(yaml)
        var options = ImportOptions(inputPath: input)
        options.batchSize = 50
        _ = try await ImportRunner(service: FakeService(), compiled: report.compiled, options: options).run()
        let paths = ResultFiles.paths(input: input, directory: nil)
        let kept = try String(contentsOfFile: paths.success, encoding: .utf8).split(separator: "\n").prefix(51)
        try Support.write(kept.joined(separator: "\n") + "\n", to: paths.success)
        let journal = RunJournal.path(forErrorFile: paths.error)
        let identity = try String(contentsOfFile: journal, encoding: .utf8).split(separator: "\n")[0]
        try Support.write(
            "\(identity)\nS 1 \((1...50).map(String.init).joined(separator: ","))\nD 1\nS 2 \((51...100).map(String.init).joined(separator: ","))\n",
            to: journal)
        options.resume = true
        let service = FakeService()
        let resumed = try await ImportRunner(service: service, compiled: report.compiled, options: options).run()
        #expect(service.requests == 0)
        #expect(resumed.isBalanced && resumed.failed == 50)
        let errors = try Support.rows(paths.error).dropFirst()
        #expect(errors.allSatisfy { $0.last?.hasPrefix("OUTCOME_UNKNOWN:") == true })
    }
}
