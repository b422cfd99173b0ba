import FieldMapping
import Foundation
import SalesforceConnection
import SimulatorFixture
import Testing

@testable import DataImport

/// Loads against a real sfsim: idempotent upserts, accounting under injected lock errors and 503s, Bulk resume.
@Suite(.serialized)
struct SimulatorImportTests {
    static func client(_ sim: SimulatorProcess) throws -> SalesforceClient {
        let settings = ConnectionSettings(
            instanceURL: sim.baseURL.absoluteString, sessionCache: SessionCacheSettings(enabled: false),
            polling: PollingSettings(initialInterval: .milliseconds(50), maxInterval: .milliseconds(200)))
        return try SalesforceClient(
            settings: settings,
            credentials: .clientCredentials(
                clientID: SimulatorProcess.Defaults.clientID,
                clientSecret: Secret(SimulatorProcess.Defaults.clientSecret)))
    }

    static func contacts(rows: Int, prefix: String, badRows: Set<Int> = [], in directory: String) throws -> String {
        var csv = "contact_key,first_name,last_name,email,birthday,source,do_not_call,account_key\n"
        for row in 1...rows {
            let email = badRows.contains(row) ? "broken" : "p\(row)@example.org"
            csv += "\(prefix)\(row),First \(row),Last \(row),\(email),0\(row % 9 + 1)/02/1990,W,no,ACC-\(String(format: "%04d", row % 50 + 1))\n"
        }
        let path = directory + "/contacts.csv"
        try Support.write(csv, to: path)
        return path
    }

    static let mapping = """
        object: Contact
        operation: upsert
        externalIdField: Legacy_Id__c
        fields:
          contact_key: Legacy_Id__c
          first_name: FirstName
          last_name: LastName
          email: Email
          birthday: {field: Birthdate, format: dd/MM/yyyy}
          source: {field: LeadSource, values: {W: Web}}
          do_not_call: DoNotCall
        lookups:
          AccountId: {column: account_key, parent: Account, key: Legacy_Id__c}
        """

    static func compiled(_ service: SalesforceImportService, input: String) async throws -> CompiledMapping {
        let header = try await LocalValidator.header(of: input)
        let report = try await service.validate(try MappingLoader.parse(mapping, path: "contacts.yaml"), csvHeader: header)
        #expect(!report.hasErrors, "\(report.diagnostics)")
        return report.compiled
    }

    static func count(_ client: SalesforceClient, prefix: String) async throws -> Int {
        try await client.count("SELECT COUNT() FROM Contact WHERE Legacy_Id__c LIKE '\(prefix)%'")
    }

    @Test(arguments: ["rest", "bulk"])
    func upsertTwiceIsIdempotent(api: String) async throws {
        let sim = try SimulatorProcess()
        let client = try Self.client(sim)
        let service = SalesforceImportService(client: client)
        let directory = try Support.temporaryDirectory()
        let prefix = "T\(api.uppercased())-"
        let input = try Self.contacts(rows: 450, prefix: prefix, in: directory)
        let compiled = try await Self.compiled(service, input: input)
        var options = ImportOptions(inputPath: input)
        options.batchSize = 200
        // A results folder that does not exist yet, two levels deep: the run creates it.
        options.resultsDirectory = directory + "/results/\(api)"
        func load() async throws -> ImportSummary {
            api == "bulk"
                ? try await BulkImportRunner(client: client, compiled: compiled, options: options).run()
                : try await ImportRunner(service: service, compiled: compiled, options: options).run()
        }
        let first = try await load()
        #expect(first.succeeded == 450 && first.created == 450 && first.failed == 0, "\(first)")
        let second = try await load()
        #expect(second.succeeded == 450 && second.created == 0 && second.updated == 450, "\(second)")
        #expect(try await Self.count(client, prefix: prefix) == 450)
        #expect(second.successFile == directory + "/results/\(api)/contacts.success.csv")
        let rows = try Support.rows(second.successFile).dropFirst()
        #expect(rows.allSatisfy { $0[10] == "false" && $0[9].hasPrefix("003") })
    }

    @Test(arguments: ["rest", "bulk"])
    func accountingHoldsUnderLocksAnd503s(api: String) async throws {
        let sim = try SimulatorProcess()
        _ = try sim.admin("faults", method: "POST", body: ["lockRate": 0.05, "failRate": 0.05])
        let client = try Self.client(sim)
        let service = SalesforceImportService(client: client)
        let directory = try Support.temporaryDirectory()
        let prefix = "F\(api.uppercased())-"
        let input = try Self.contacts(rows: 600, prefix: prefix, badRows: [17, 333], in: directory)
        let compiled = try await Self.compiled(service, input: input)
        var options = ImportOptions(inputPath: input)
        options.lockRetryDelay = .milliseconds(5)
        // Bulk: jobs of 70 rows, four at once, so that results of concurrent jobs and their lock retries interleave.
        var bulk = BulkImportRunner(client: client, compiled: compiled, options: options)
        bulk.rowsPerJob = 70
        let summary =
            api == "bulk"
            ? try await bulk.run()
            : try await ImportRunner(service: service, compiled: compiled, options: options).run()
        #expect(summary.inputRows == 600)
        #expect(summary.isBalanced, "\(summary)")
        let success = try Support.rows(summary.successFile).dropFirst().map { Int($0[8]) ?? 0 }
        let errors = try Support.rows(summary.errorFile).dropFirst().map { Int($0[8]) ?? 0 }
        #expect(Set(success).isDisjoint(with: errors))
        #expect(Set(success).union(errors) == Set(1...600))
        #expect(success.count + errors.count == 600)
        #expect(errors.contains(17) && errors.contains(333))
        _ = try sim.admin("faults", method: "POST", body: ["lockRate": 0, "failRate": 0])
        #expect(try await Self.count(client, prefix: prefix) == success.count)
    }

    /// A Bulk insert killed after its job was uploaded but before its results were written: the resumed run reads
    /// the job's results instead of re-sending, so no row is inserted twice.
    @Test func bulkInsertResumeReconcilesFromTheJobWithoutDuplicates() async throws {
        let sim = try SimulatorProcess()
        let client = try Self.client(sim)
        let service = SalesforceImportService(client: client)
        let directory = try Support.temporaryDirectory()
        let input = try Self.contacts(rows: 300, prefix: "RES-", in: directory)
        let yaml = """
            object: Contact
            operation: insert
            fields:
              contact_key: Legacy_Id__c
              last_name: LastName
              email: Email
            """
        let header = try await LocalValidator.header(of: input)
        let report = try await service.validate(try MappingLoader.parse(yaml, path: "insert.yaml"), csvHeader: header)
        var options = ImportOptions(inputPath: input)
        // One job at a time, so that the journal's third batch is rows 201-300.
        options.concurrency = 1
        var runner = BulkImportRunner(client: client, compiled: report.compiled, options: options)
        runner.rowsPerJob = 100
        let first = try await runner.run()
        #expect(first.succeeded == 300 && first.created == 300)
        // Forget the last job's outcome, as a kill between its upload and its results would.
        let paths = ResultFiles.paths(input: input, directory: nil)
        let journalPath = RunJournal.path(forErrorFile: paths.error)
        var journal = try String(contentsOfFile: journalPath, encoding: .utf8).split(separator: "\n").map(String.init)
        journal.removeAll { $0 == "complete" || $0 == "D 3" }
        try Support.write(journal.joined(separator: "\n") + "\n", to: journalPath)
        let lines = try String(contentsOfFile: paths.success, encoding: .utf8).split(separator: "\n")
        let kept = lines.filter { line in
            guard let row = line.split(separator: ",").dropFirst(8).first.flatMap({ Int($0) }) else { return true }
            return row <= 200
        }
        try Support.write(kept.joined(separator: "\n") + "\n", to: paths.success)
        options.resume = true
        runner = BulkImportRunner(client: client, compiled: report.compiled, options: options)
        runner.rowsPerJob = 100
        let resumed = try await runner.run()
        #expect(resumed.isBalanced && resumed.succeeded == 300 && resumed.failed == 0, "\(resumed)")
        #expect(resumed.resumedRows == 200)
        #expect(try await Self.count(client, prefix: "RES-") == 300)
        let rows = try Support.rows(paths.success).dropFirst().compactMap { Int($0[8]) }
        #expect(rows.sorted() == Array(1...300))
    }
}
