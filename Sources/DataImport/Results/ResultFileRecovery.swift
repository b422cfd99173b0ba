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
            let scanner = try InputOpener.scanner(path: path)
            guard try scanner.nextRow() else { continue }
            while try scanner.nextRow() {
                guard scanner.cellCount > inputColumns, let row = Int(scanner.string(inputColumns)) else { continue }
                recovered.doneRows.insert(row)
                if isSuccess {
                    recovered.counts.succeeded += 1
                    if scanner.cellCount > inputColumns + 2, scanner.string(inputColumns + 2) == "true" {
                        recovered.counts.created += 1
                    }
                } else {
                    recovered.counts.failed += 1
                }
            }
        }
        return recovered
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
