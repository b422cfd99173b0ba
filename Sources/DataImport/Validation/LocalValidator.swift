import FieldMapping
import Foundation
import RecordFiles

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
    /// Size in bytes of the input as read (nil when unknown, as for standard input or gzip): with it the
    /// duplicate-key index is sized once from the first rows instead of doubling its way up.
    public var inputBytes: Int?
    /// Threads converting rows while one scans the file; 1 converts on the scanning thread.
    public var workers = min(4, ProcessInfo.processInfo.activeProcessorCount)

    public init(compiled: CompiledMapping) {
        self.compiled = compiled
    }

    /// Checks every remaining row of `reader` (opened by `InputOpener`, so positioned after the header).
    /// - Parameter reopen: opens the same input again (after its header), used only when the duplicate-key table
    ///   had hits, to confirm them exactly and name both rows; nil for standard input.
    /// - Throws: `RecordFileError` for input that cannot be parsed (an unclosed quote, invalid UTF-8).
    public func run(_ reader: CSVReader, reopen: (() throws -> CSVReader)?) throws -> LocalValidationReport {
        let started = Self.now()
        var checker = RowChecker(bound: BoundMapping(compiled: compiled, header: reader.columns))
        var report = LocalValidationReport()
        var row = 0
        let limit = problemLimit
        if workers > 1 {
            row = try runConcurrently(reader, &checker, &report)
        } else {
            try reader.forEachRecord { record in
                row += 1
                let found = checker.check(record, row: row) { problem in
                    report.problemCount += 1
                    if report.problems.count < limit { report.problems.append(problem) }
                }
                if found > 0 { report.rejectedRows += 1 }
            }
        }
        report.rows = row
        if !checker.hits.isEmpty, let resolver = checker.resolver {
            var duplicates: [RowProblem] = []
            for (hit, earlier) in try resolver.resolve(checker.hits, reopen: reopen) {
                guard let problem = checker.duplicateProblem(hit, earlier: earlier) else { continue }
                duplicates.append(problem)
                report.problemCount += 1
                if !hit.rowHadProblems { report.rejectedRows += 1 }
            }
            // Keep the report in row order; a row's conversion problems come before its duplicate key.
            report.problems = Array(
                (report.problems + duplicates).enumerated().sorted {
                    ($0.element.row, $0.offset) < ($1.element.row, $1.offset)
                }.map(\.element).prefix(limit))
        }
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
            try InputOpener.reader(path: path).columns
        }
    }

    /// Converts every row of the file at `path` (read off the cooperative pool).
    public func check(path: String) async throws -> LocalValidationReport {
        try await check(try await Self.open(path: path))
    }

    /// Opens the input once and reads its header, so that standard input can be validated: its header is needed
    /// to check the mapping before the rows are read, and it cannot be opened a second time.
    public static func open(path: String) async throws -> OpenedInput {
        try await OffPool.run("sfimport-open") { OpenedInput(path: path, reader: try InputOpener.reader(path: path)) }
    }

    /// Converts every row of an opened input (read off the cooperative pool). Use each `OpenedInput` once.
    public func check(_ input: OpenedInput) async throws -> LocalValidationReport {
        var validator = self
        validator.inputBytes = validator.inputBytes ?? Self.plainFileSize(input.path)
        let sized = validator
        return try await OffPool.run("sfimport-validate") {
            let path = input.path
            return try sized.run(
                input.reader, reopen: path == "-" ? nil : { try InputOpener.reader(path: path) })
        }
    }
}

extension LocalValidator {
    /// The size of an uncompressed regular file; nil for standard input, gzip and anything else.
    static func plainFileSize(_ path: String) -> Int? {
        guard path != "-", !path.lowercased().hasSuffix(".gz"),
            let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            attributes[.type] as? FileAttributeType == .typeRegular
        else { return nil }
        return attributes[.size] as? Int
    }

    /// Counts data rows of the file at `path`, stopping at `limit` (for choosing the API).
    public static func countRows(path: String, limit: Int) async throws -> Int {
        try await OffPool.run("sfimport-count") {
            let reader = try InputOpener.reader(path: path)
            var rows = 0
            while rows < limit, try reader.readRecord({ _ in () }) != nil { rows += 1 }
            return rows
        }
    }
}
