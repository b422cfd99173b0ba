import Foundation

/// The run journal that makes `sfimport load --resume` possible after a kill or a lost network.
///
/// An append-only text file beside the result files. The first line identifies the run (object, operation,
/// input path and size); then `S <batch> <rows>` is written and handed to the kernel *before* a batch is sent,
/// and `D <batch>` after its results are in the result files. On resume, the rows already in the result files
/// are done; rows of batches with an `S` but no result are the ones whose outcome is unknown.
public final class RunJournal: @unchecked Sendable {
    // @unchecked Sendable: the writer is only touched under `lock`.
    public let path: String
    private let lock = NSLock()
    private let writer: CSVLineWriter
    private var nextBatch = 1

    /// What a previous run left.
    public struct State: Sendable {
        public var identity: String
        /// Rows of batches sent without a recorded result.
        public var inFlightRows: Set<Int>
        public var lastBatch: Int
        /// Bulk API 2.0 jobs created without a recorded result, whose results settle the rows' outcome.
        public var inFlightJobs: [String] = []
    }

    /// The journal path for a result file pair.
    public static func path(forErrorFile errorPath: String) -> String {
        let base = errorPath.hasSuffix(".error.csv") ? String(errorPath.dropLast(".error.csv".count)) : errorPath
        return base + ".journal"
    }

    /// The identity line of a run: a resume must match it.
    public static func identity(object: String, operation: String, input: String, inputSize: Int) -> String {
        "sfimport-journal 1 \(object) \(operation) \(inputSize) \(input)"
    }

    /// Starts a new journal (truncating) or reopens one to continue it.
    public init(path: String, identity: String, continuing state: State?) throws {
        self.path = path
        writer = try CSVLineWriter(path: path, truncate: state == nil)
        if let state {
            nextBatch = state.lastBatch + 1
        } else {
            try append(identity)
        }
    }

    /// Reads a journal left by an earlier run.
    /// - Throws: `DataImportError(.journal)` when there is none or it is unreadable.
    public static func read(path: String) throws -> State {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            throw DataImportError(
                .journal, "\(path): no run journal to resume from; run the load without --resume")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        if !text.hasSuffix("\n"), !lines.isEmpty { lines.removeLast() }  // a line cut by the kill
        guard let first = lines.first, first.hasPrefix("sfimport-journal ") else {
            throw DataImportError(.journal, "\(path): not an sfimport run journal")
        }
        var sent: [Int: [Int]] = [:]
        var jobs: [Int: String] = [:]
        var last = 0
        for line in lines.dropFirst() {
            let parts = line.split(separator: " ")
            guard parts.count >= 2, let batch = Int(parts[1]) else { continue }
            last = max(last, batch)
            if parts[0] == "S", parts.count >= 3 {
                sent[batch] = parts[2].split(separator: ",").compactMap { Int($0) }
                if parts.count >= 4 { jobs[batch] = String(parts[3]) }
            } else if parts[0] == "D" {
                sent[batch] = nil
                jobs[batch] = nil
            }
        }
        return State(
            identity: String(first), inFlightRows: Set(sent.values.joined()), lastBatch: last,
            inFlightJobs: jobs.keys.sorted().compactMap { jobs[$0] })
    }

    /// Records that a batch is about to be sent (with its Bulk job, if any); returns its number.
    public func willSend(rows: [Int], job: String? = nil) throws -> Int {
        try lock.withLock {
            let batch = nextBatch
            nextBatch += 1
            writer.writeLine("S \(batch) " + rows.map(String.init).joined(separator: ",") + (job.map { " \($0)" } ?? ""))
            try writer.flush()
            return batch
        }
    }

    /// Records that a batch's results are in the result files.
    public func didFinish(batch: Int) throws {
        try lock.withLock {
            writer.writeLine("D \(batch)")
            try writer.flush()
        }
    }

    /// Marks the run complete.
    public func complete() throws {
        try append("complete")
    }

    private func append(_ line: String) throws {
        try lock.withLock {
            writer.writeLine(line)
            try writer.flush()
        }
    }
}
