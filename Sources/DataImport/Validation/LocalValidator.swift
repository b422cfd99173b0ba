import FieldMapping

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Converts every row of an input file locally, sending nothing: the `--input` half of `sfimport validate`.
public struct LocalValidator: Sendable {
    public let compiled: CompiledMapping
    /// Problems kept in the report (all are counted).
    public var problemLimit = 1000

    public init(compiled: CompiledMapping) {
        self.compiled = compiled
    }

    /// Reads the header of `scanner`.
    /// - Throws: `DataImportError` when the input is empty.
    public static func readHeader(_ scanner: CSVRowScanner) throws -> [String] {
        guard try scanner.nextRow() else {
            throw DataImportError(.input, "\(scanner.path): the file is empty; a header row is required")
        }
        return scanner.strings()
    }

    /// Checks every remaining row of `scanner` (positioned after the header).
    public func run(_ scanner: CSVRowScanner, header: [String]) throws -> LocalValidationReport {
        let started = Self.now()
        var checker = RowChecker(bound: BoundMapping(compiled: compiled, header: header))
        var report = LocalValidationReport()
        var row = 0
        let limit = problemLimit
        while try scanner.nextRow() {
            row += 1
            let found = checker.check(scanner, row: row) { problem in
                report.problemCount += 1
                if report.problems.count < limit { report.problems.append(problem) }
            }
            if found > 0 { report.rejectedRows += 1 }
        }
        report.rows = row
        report.seconds = Self.now() - started
        return report
    }

    static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}

extension LocalValidator {
    /// The header row of the file at `path` (read off the cooperative pool).
    public static func header(of path: String) async throws -> [String] {
        try await OffPool.run("sfimport-header") {
            try readHeader(try InputOpener.scanner(path: path))
        }
    }

    /// Converts every row of the file at `path` (read off the cooperative pool).
    public func check(path: String) async throws -> LocalValidationReport {
        let validator = self
        return try await OffPool.run("sfimport-validate") {
            let scanner = try InputOpener.scanner(path: path)
            let header = try LocalValidator.readHeader(scanner)
            return try validator.run(scanner, header: header)
        }
    }
}

extension LocalValidator {
    /// Counts data rows of the file at `path`, stopping at `limit` (for choosing the API).
    public static func countRows(path: String, limit: Int) async throws -> Int {
        try await OffPool.run("sfimport-count") {
            let scanner = try InputOpener.scanner(path: path)
            guard try scanner.nextRow() else { return 0 }
            var rows = 0
            while rows < limit, try scanner.nextRow() { rows += 1 }
            return rows
        }
    }
}
