import Foundation
import Testing

/// sfimport against broken input files: malformed CSV, wrong encodings, truncated or corrupt gzip,
/// bad values. Each error names the file and the record (or row) so the user can fix it, and a load
/// that cannot read its input sends nothing and presents no result as complete.
@Suite("sfimport input file errors")
struct CSVBadInputTests {
    struct InputCase: CustomTestStringConvertible, Sendable {
        let file: String
        let mentions: [String]
        var testDescription: String { file }
    }

    /// Files that cannot be read as CSV at all: the run stops with a file error before anything is sent.
    static let unreadable: [InputCase] = [
        InputCase(file: "unterminated-quote.csv", mentions: ["unterminated-quote.csv:3", "quote"]),
        InputCase(file: "stray-quote.csv", mentions: ["stray-quote.csv:3", "quote"]),
        InputCase(file: "truncated.csv.gz", mentions: ["truncated.csv.gz", "truncated"]),
        InputCase(file: "corrupt.csv.gz", mentions: ["corrupt.csv.gz", "corrupt"]),
        InputCase(file: "empty.csv", mentions: ["empty.csv", "header"]),
        InputCase(file: "invalid-utf8.csv", mentions: ["invalid-utf8.csv:3", "UTF-8"]),
        InputCase(file: "windows-1252.csv", mentions: ["windows-1252.csv:2", "UTF-8", "windows-1252"]),
    ]

    @Test("validate names an unreadable input and where it breaks", arguments: unreadable)
    func validateUnreadable(_ testCase: InputCase) throws {
        let workspace = try Workspace()
        let mapping = try Fixtures.url("mappings/contacts-good.yaml")
        let input = try Fixtures.copy("csv/\(testCase.file)", into: workspace.directory)
        let result = try workspace.sfimport(
            ["validate", "--mapping", mapping.path, "--input", input.path] + workspace.connection())
        #expect(result.failedCleanly, "\(result)")
        #expect(result.status == DocumentedExit.fileError, "\(result)")
        #expect(result.stderrMentions(testCase.mentions), "\(result)")
    }

    @Test("load of an unreadable input sends nothing and presents no result as complete", arguments: unreadable)
    func loadUnreadable(_ testCase: InputCase) throws {
        let workspace = try Workspace()
        let mapping = try Fixtures.url("mappings/contacts-good.yaml")
        let input = try Fixtures.copy("csv/\(testCase.file)", into: workspace.directory)
        let result = try workspace.sfimport(
            ["load", "--mapping", mapping.path, "--input", input.path] + workspace.connection())
        #expect(result.failedCleanly, "\(result)")
        #expect(result.status == DocumentedExit.fileError, "\(result)")
        #expect(result.stderrMentions(testCase.mentions), "\(result)")
        let simulator = try #require(workspace.simulator)
        #expect(try OrgQuery.count(simulator, "FROM Contact WHERE Legacy_Id__c LIKE 'E2E-%'") == 0)
        let stem = testCase.file.split(separator: ".").first.map(String.init) ?? testCase.file
        #expect(workspace.files(startingWith: "\(stem).success").isEmpty, "a success file was written")
    }

    /// Files whose damage is confined to some rows: validate names them; a load rejects exactly those
    /// rows into the error file, loads the rest, and accounts for every row.
    static let damagedRows: [InputCase] = [
        InputCase(file: "ragged-row.csv", mentions: ["ragged-row.csv", "row 2"]),
    ]

    @Test("validate names a damaged row", arguments: damagedRows)
    func validateDamagedRow(_ testCase: InputCase) throws {
        let workspace = try Workspace()
        let mapping = try Fixtures.url("mappings/contacts-good.yaml")
        let input = try Fixtures.copy("csv/\(testCase.file)", into: workspace.directory)
        let result = try workspace.sfimport(
            ["validate", "--mapping", mapping.path, "--input", input.path] + workspace.connection())
        #expect(result.failedCleanly, "\(result)")
        #expect(result.status == DocumentedExit.validationFailed, "\(result)")
        let report = (result.stderr + result.stdout).lowercased()
        let missing = testCase.mentions.filter { !report.contains($0.lowercased()) }
        #expect(missing.isEmpty, "the report does not mention \(missing): \(result)")
    }

    @Test("load puts a damaged row in the error file and every row in exactly one result file",
          arguments: damagedRows)
    func loadDamagedRow(_ testCase: InputCase) throws {
        let workspace = try Workspace()
        let mapping = try Fixtures.url("mappings/contacts-good.yaml")
        let input = try Fixtures.copy("csv/\(testCase.file)", into: workspace.directory)
        let result = try workspace.sfimport(
            ["load", "--mapping", mapping.path, "--input", input.path, "--api", "rest"] + workspace.connection())
        #expect(result.failedCleanly, "\(result)")
        #expect(result.status == DocumentedExit.rowsRejected, "\(result)")
        let stem = testCase.file.split(separator: ".").first.map(String.init) ?? testCase.file
        let success = try ResultFile(workspace.path("\(stem).success.csv"))
        let errors = try ResultFile(workspace.path("\(stem).error.csv"))
        #expect(errors.rowNumbers == [2], "error file rows: \(errors.rowNumbers)")
        #expect(success.rowNumbers == [1, 3], "success file rows: \(success.rowNumbers)")
        let simulator = try #require(workspace.simulator)
        #expect(try OrgQuery.count(simulator, "FROM Contact WHERE Legacy_Id__c LIKE 'E2E-%'") == 2)
    }

    @Test("an input file that does not exist is named")
    func missingInput() throws {
        let workspace = try Workspace()
        let mapping = try Fixtures.url("mappings/contacts-good.yaml")
        let result = try workspace.sfimport(
            ["validate", "--mapping", mapping.path, "--input", workspace.path("no-such-input.csv").path]
                + workspace.connection())
        #expect(result.failedCleanly, "\(result)")
        #expect(result.status == DocumentedExit.fileError, "\(result)")
        #expect(result.stderrMentions(["no-such-input.csv"]), "\(result)")
    }

    @Test("row-level value errors name the row and the field")
    func badValues() throws {
        let workspace = try Workspace()
        let mapping = try Fixtures.url("mappings/contacts-good.yaml")
        let input = try Fixtures.copy("csv/bad-values.csv", into: workspace.directory)
        let result = try workspace.sfimport(
            ["validate", "--mapping", mapping.path, "--input", input.path] + workspace.connection())
        #expect(result.failedCleanly, "\(result)")
        #expect(result.status == DocumentedExit.validationFailed, "\(result)")
        let report = (result.stderr + result.stdout).lowercased()
        for needle in ["1981-13-45", "birthdate", "lastname"] {
            #expect(report.contains(needle), "the report does not mention \(needle): \(result)")
        }
    }

    @Test("duplicate upsert keys within the file are reported")
    func duplicateKeys() throws {
        let workspace = try Workspace()
        let mapping = try Fixtures.url("mappings/contacts-good.yaml")
        let input = try Fixtures.copy("csv/duplicate-keys.csv", into: workspace.directory)
        let result = try workspace.sfimport(
            ["validate", "--mapping", mapping.path, "--input", input.path] + workspace.connection())
        #expect(result.failedCleanly, "\(result)")
        #expect((result.stderr + result.stdout).contains("E2E-0001"), "\(result)")
    }

    @Test("a load with a wrong client secret fails at login and writes no results")
    func loadWrongSecret() throws {
        let workspace = try Workspace()
        let mapping = try Fixtures.url("mappings/contacts-good.yaml")
        let input = try Fixtures.copy("csv/contacts-good.csv", into: workspace.directory)
        let secret = try workspace.secret("not-the-secret\n", named: "wrong-secret")
        let results = workspace.path("results")
        let result = try workspace.sfimport(
            ["load", "--mapping", mapping.path, "--input", input.path, "--results-dir", results.path]
                + workspace.connection(secretFile: secret))
        #expect(result.failedCleanly, "\(result)")
        #expect(result.status == DocumentedExit.authenticationFailed, "\(result)")
        #expect(!result.stderr.contains("not-the-secret"), "the secret was printed")
        #expect(workspace.files(startingWith: "contacts-good.success", in: results).isEmpty)
    }

    @Test("a load against an unreachable host fails and writes no results")
    func loadUnreachable() throws {
        let workspace = try Workspace(withSimulator: false)
        let mapping = try Fixtures.url("mappings/contacts-good.yaml")
        let input = try Fixtures.copy("csv/contacts-good.csv", into: workspace.directory)
        let port = try Workspace.closedLoopbackPort()
        let results = workspace.path("results")
        let result = try workspace.sfimport(
            ["load", "--mapping", mapping.path, "--input", input.path, "--results-dir", results.path]
                + workspace.connection(instanceURL: "http://127.0.0.1:\(port)"),
            timeout: 120)
        #expect(result.failedCleanly, "\(result)")
        #expect(result.status == DocumentedExit.networkFailure, "\(result)")
        #expect(result.stderrMentions(["127.0.0.1"]), "\(result)")
        #expect(workspace.files(startingWith: "contacts-good.success", in: results).isEmpty)
    }
}
