import Dispatch
import Foundation
import RecordFiles

extension LocalValidator {
    /// Rows per batch handed to a converting thread: large enough that the hand-off is noise, small enough that
    /// the batches in flight stay around a megabyte each.
    static let rowsPerBatch = 2048

    /// Scans on the calling thread and converts batches of copied rows on `workers` threads; the duplicate-key
    /// index stays on the scanning thread, which sees rows in file order. The report is what the sequential pass
    /// gives: problems in row order, the first `problemLimit` kept, all counted. Returns the rows read.
    ///
    /// Conversion is three quarters of validation's CPU, so on two or more cores this is what brings a
    /// million-row file under a second.
    func runConcurrently(_ reader: CSVReader, _ checker: inout RowChecker, _ report: inout LocalValidationReport)
        throws -> Int
    {
        let converter = checker
        let limit = problemLimit
        let results = BatchResults()
        let inFlight = DispatchSemaphore(value: workers * 2)
        let group = DispatchGroup()
        let queue = DispatchQueue(label: "sfimport-validate", attributes: .concurrent)
        var batch = CSVRecordBatch(expectedRecords: Self.rowsPerBatch)
        var batchIndex = 0
        var firstRow = 1
        var row = 0
        var hitRows: [Int] = []

        func submit() {
            let work = batch
            let index = batchIndex
            let first = firstRow
            let hits = hitRows
            inFlight.wait()
            queue.async(group: group) {
                var outcome = BatchOutcome()
                var hitIndex = 0
                work.forEach { offset, record in
                    let number = first + offset
                    let found = converter.convert(record, row: number) { problem in
                        outcome.problemCount += 1
                        if outcome.problems.count < limit { outcome.problems.append(problem) }
                    }
                    if found != 0 { outcome.rejectedRows += 1 }
                    while hitIndex < hits.count, hits[hitIndex] < number { hitIndex += 1 }
                    if found != 0, hitIndex < hits.count, hits[hitIndex] == number { outcome.hitRowsWithProblems.insert(number) }
                }
                results.store(index, outcome)
                inFlight.signal()
            }
            batchIndex += 1
            firstRow = row + 1
            batch = CSVRecordBatch(expectedRecords: Self.rowsPerBatch)
            hitRows.removeAll()
        }

        do {
            try reader.forEachRecord { record in
                row += 1
                let hitsBefore = checker.hits.count
                checker.noteKey(record, row: row, hadProblems: false)
                if checker.hits.count > hitsBefore { hitRows.append(row) }
                batch.append(record)
                if batch.count == Self.rowsPerBatch {
                    if batchIndex == 0, let total = inputBytes, reader.bytesRead > 0 {
                        // Rows so far times the file's size over the bytes they took. No margin: the table is a
                        // power of two, and a margin would double it for files just under one.
                        checker.expectRows(Int(Double(row) * Double(total) / Double(reader.bytesRead)))
                    }
                    submit()
                }
            }
            if batch.count > 0 { submit() }
        } catch {
            group.wait()
            throw error
        }
        group.wait()

        var withProblems = Set<Int>()
        for index in 0..<batchIndex {
            guard let outcome = results.take(index) else { continue }
            report.problemCount += outcome.problemCount
            report.rejectedRows += outcome.rejectedRows
            for problem in outcome.problems where report.problems.count < limit { report.problems.append(problem) }
            withProblems.formUnion(outcome.hitRowsWithProblems)
        }
        if !withProblems.isEmpty {
            for index in checker.hits.indices where withProblems.contains(checker.hits[index].row) {
                checker.hits[index].rowHadProblems = true
            }
        }
        return row
    }
}

/// What converting one batch found.
struct BatchOutcome: Sendable {
    var problems: [RowProblem] = []
    var problemCount = 0
    var rejectedRows = 0
    /// Rows with a probable duplicate key that also had conversion problems (already counted as rejected).
    var hitRowsWithProblems = Set<Int>()
}

/// Batch outcomes by batch number, filled by the converting threads.
/// `@unchecked Sendable`: `outcomes` is only touched under `lock`.
final class BatchResults: @unchecked Sendable {
    private let lock = NSLock()
    private var outcomes: [Int: BatchOutcome] = [:]

    func store(_ index: Int, _ outcome: BatchOutcome) {
        lock.withLock { outcomes[index] = outcome }
    }

    func take(_ index: Int) -> BatchOutcome? {
        lock.withLock { outcomes.removeValue(forKey: index) }
    }
}
