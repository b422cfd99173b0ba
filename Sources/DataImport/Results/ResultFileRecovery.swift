import Foundation

/// Reads result files left by an interrupted run: which rows are done and how they ended.
enum ResultFileRecovery {
    struct Recovered {
        var doneRows = Set<Int>()
        var counts = ResultFiles.Counts()
    }

    /// Cuts a trailing partial line (a write interrupted by the kill), then collects row numbers and counts.
    static func recover(successPath: String, errorPath: String, inputColumns: Int) throws -> Recovered {
        var recovered = Recovered()
        for (path, isSuccess) in [(successPath, true), (errorPath, false)] {
            try truncatePartialLine(path)
            guard Self.hasContent(path) else { continue }
            let reader = try InputOpener.reader(path: path)
            try reader.forEachRecord { record in
                guard record.count > inputColumns, let row = Int(record.string(at: inputColumns)) else { return }
                recovered.doneRows.insert(row)
                if isSuccess {
                    recovered.counts.succeeded += 1
                    if record.count > inputColumns + 2, record.string(at: inputColumns + 2) == "true" {
                        recovered.counts.created += 1
                    }
                } else {
                    recovered.counts.failed += 1
                }
            }
        }
        return recovered
    }

    /// False for a result file the interrupted run created but never wrote a header to.
    static func hasContent(_ path: String) -> Bool {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0) > 0
    }

    static func truncatePartialLine(_ path: String) throws {
        guard let handle = FileHandle(forUpdatingAtPath: path) else {
            throw DataImportError(.journal, "\(path): the result file of the interrupted run is missing")
        }
        defer { try? handle.close() }
        let data = try handle.readToEnd() ?? Data()
        guard let last = data.lastIndex(of: 10) else { return }
        if last != data.count - 1 { try handle.truncate(atOffset: UInt64(last + 1)) }
    }
}
