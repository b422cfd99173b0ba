import FieldMapping
import Foundation
import Testing

@testable import DataImport

/// Converting on several threads gives exactly the sequential report: the same counts, the same problems in the
/// same row order, the same limit, duplicate keys named with their earlier row even across batches.
struct ConcurrentValidationTests {
    /// 10,000 rows (about five batches) with a bad amount every 7th row, a ragged row every 1,000th, a
    /// duplicate key every 1,500th (pointing back across batch boundaries), and one duplicate row that is also bad.
    static func csv() -> String {
        var text = "number,amount,due,status,paid,notes,account\n"
        for row in 1...10_000 {
            if row % 1000 == 0 {
                text += "INV-\(row),1\n"
                continue
            }
            let number = row % 1500 == 0 ? "INV-\(row - 1499)" : (row == 9_999 ? "INV-5" : "INV-\(row)")
            let amount = row % 7 == 0 || row == 9_999 ? "12.5x" : "\(row).25"
            text += "\(number),\(amount),01/02/2024,Draft,true,\"note, \(row)\",ACC-1\n"
        }
        return text
    }

    func report(workers: Int, limit: Int) throws -> LocalValidationReport {
        let text = Self.csv()
        let reader = try InputOpener.reader(bytes: Array(text.utf8), name: "in.csv")
        let compiled = try Support.compile(LocalValidatorTests.invoiceMapping, header: reader.columns)
        var validator = LocalValidator(compiled: compiled.compiled)
        validator.workers = workers
        validator.problemLimit = limit
        return try validator.run(reader) { try InputOpener.reader(bytes: Array(text.utf8), name: "in.csv") }
    }

    @Test(arguments: [5, 1000, 5000])
    func concurrentReportEqualsSequential(limit: Int) throws {
        let sequential = try report(workers: 1, limit: limit)
        let concurrent = try report(workers: 3, limit: limit)
        #expect(sequential.rows == 10_000 && concurrent.rows == 10_000)
        #expect(concurrent.problemCount == sequential.problemCount)
        #expect(concurrent.rejectedRows == sequential.rejectedRows)
        #expect(concurrent.problems.map(\.description) == sequential.problems.map(\.description))
        #expect(concurrent.problems.count == min(limit, sequential.problemCount))
        // 10 ragged rows (3,000, 6,000 and 9,000 among them, so not duplicates; 7,000 not a bad amount);
        // 1,427 bad amounts on every 7th row plus row 9,999; duplicates on rows 1,500, 4,500, 7,500 and 9,999
        // (which is also bad, so rejected once).
        let codes = Dictionary(grouping: sequential.problems.map(\.code), by: { $0 }).mapValues(\.count)
        if limit == 5000 {
            #expect(codes["INVALID_ROW"] == 10)
            #expect(codes["DUPLICATE_VALUE"] == 4)
            #expect(codes["INVALID_TYPE_ON_FIELD_IN_RECORD"] == 1_428)
            #expect(sequential.rejectedRows == 10 + 1_428 + 3, "\(codes)")
        }
    }
}
