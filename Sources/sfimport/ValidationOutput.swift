import DataImport
import FieldMapping
import Foundation

/// Formats validation findings as text lines or one JSON object, and decides the exit status.
struct ValidationOutput {
    enum Status: Int32 {
        case clean = 0
        case warnings = 1
        case errors = 2
    }

    let mapping: ImportMapping
    let report: ValidationReport
    let rows: LocalValidationReport?
    let input: String?

    var status: Status {
        if report.hasErrors || (rows?.problemCount ?? 0) > 0 { return .errors }
        if report.warningCount > 0 { return .warnings }
        return .clean
    }

    func printText() {
        for diagnostic in report.diagnostics { print(diagnostic.description) }
        if let rows, let input {
            for problem in rows.problems { print("\(input): \(problem)") }
            if rows.problemCount > rows.problems.count {
                print("\(input): ... \(rows.problemCount - rows.problems.count) more row problems not listed")
            }
        }
        var summary =
            "\(mapping.path): \(report.errorCount) error(s), \(report.warningCount) warning(s) in the mapping"
        if let rows {
            summary += String(
                format: "; %d rows checked, %d rejected (%d problems) in %.2f s, %.0f rows/s", rows.rows,
                rows.rejectedRows, rows.problemCount, rows.seconds, rows.rowsPerSecond)
        }
        print(summary + " -> " + ["clean", "warnings", "errors"][Int(status.rawValue)])
    }

    func json() -> String {
        var object: [String: Any] = [
            "mapping": mapping.path,
            "object": report.compiled.object,
            "operation": report.compiled.operation.rawValue,
            "status": ["clean", "warnings", "errors"][Int(status.rawValue)],
            "errors": report.errorCount,
            "warnings": report.warningCount,
            "diagnostics": report.diagnostics.map { diagnostic -> [String: Any] in
                var entry: [String: Any] = [
                    "severity": diagnostic.severity.rawValue, "kind": diagnostic.kind.rawValue,
                    "file": diagnostic.location.file, "line": diagnostic.location.line,
                    "message": diagnostic.message,
                ]
                if let field = diagnostic.field { entry["field"] = field }
                if let fix = diagnostic.fix { entry["fix"] = fix }
                return entry
            },
        ]
        if let rows, let input {
            object["rows"] = [
                "input": input, "checked": rows.rows, "rejected": rows.rejectedRows, "problemCount": rows.problemCount,
                "seconds": rows.seconds,
                "problems": rows.problems.map { problem -> [String: Any] in
                    var entry: [String: Any] = [
                        "row": problem.row, "line": problem.line, "code": problem.code, "message": problem.message,
                    ]
                    if let column = problem.column { entry["column"] = column }
                    if let field = problem.field { entry["field"] = field }
                    return entry
                },
            ] as [String: Any]
        }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
