import ArgumentParser
import CommandSupport
import DataImport
import FieldMapping
import Foundation

/// `sfimport validate`: every problem of a mapping (and, with --input, of every row) at once; sends no data.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a mapping against the org's describe and, with --input, convert every row locally.",
        discussion: """
            Reports every problem at once with the mapping file's line, the field and the fix; with --input, \
            every row is converted locally (types, lengths, dates, numbers, booleans, picklists, required values, \
            duplicate keys) and problems are reported with row numbers. No record data is sent.

            Exit codes: 0 clean; 1 warnings only; 2 errors (mapping or rows); 3-7 and 64 as for every command.
            """)

    @OptionGroup var source: MappingSource

    @Option(name: .long, help: "CSV file (or .csv.gz, or - for stdin) to check row by row.")
    var input: String?

    @Flag(name: .long, help: "Print one JSON object instead of text.")
    var json = false

    @Option(name: .long, help: "Row problems to list (all are counted).")
    var maxProblems = 1000

    @OptionGroup var services: ServiceOptions

    func run() async throws {
        let mapping = try source.load()
        // Opened once: standard input cannot be read twice (header for the mapping check, then the rows).
        var opened: OpenedInput?
        if let input { opened = try await LocalValidator.open(path: input) }
        let header = opened?.header.filter { !$0.hasPrefix("sf__") }
        let (service, _) = try services.makeService()
        let report = try await service.validate(mapping, csvHeader: header)
        var rows: LocalValidationReport?
        if let opened {
            var validator = LocalValidator(compiled: report.compiled)
            validator.problemLimit = maxProblems
            rows = try await validator.check(opened)
        }
        let output = ValidationOutput(mapping: mapping, report: report, rows: rows, input: input)
        if json {
            print(output.json())
        } else {
            output.printText()
        }
        if output.status != .clean { throw ExitCode(output.status.rawValue) }
    }
}
