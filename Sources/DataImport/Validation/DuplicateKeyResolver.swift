import RecordFiles

/// Turns the duplicate-key table's hash hits into exact findings that name both rows.
///
/// The table keeps 8 bytes a key and no rows, so a hit says only "this key's hash was seen before". Hits are rare
/// (real duplicates, or a 64-bit hash collision), so instead of paying for a row number per key on every file,
/// the resolver re-reads the key cells of the input once, only when there were hits, keeping the first row of each
/// hit hash's exact normalised key. A hit whose key text never occurred earlier was a collision and is dropped.
/// Standard input cannot be re-read: its hits are reported without the earlier row.
struct DuplicateKeyResolver {
    /// A row whose key hashed like an earlier row's.
    struct Hit {
        var row: Int
        var line: Int
        var hash: UInt64
        /// The key cell as written (for the message).
        var key: String
        /// True when the row already had other problems (it is then already counted as rejected).
        var rowHadProblems: Bool
    }

    let keyCell: Int
    let caseSensitive: Bool
    /// Cells in a well-formed row; other rows were never entered in the table.
    let cellCount: Int

    /// The confirmed duplicates as `(hit, earlier row)`; the earlier row is nil when the input cannot be re-read.
    /// - Parameter reopen: opens the input again after its header, or nil for standard input.
    /// - Throws: what re-reading the input throws.
    func resolve(_ hits: [Hit], reopen: (() throws -> CSVReader)?) throws -> [(hit: Hit, earlier: Int?)] {
        guard let reopen else { return hits.map { ($0, nil) } }
        let wanted = Set(hits.map(\.hash))
        var firstRow: [String: Int] = [:]
        let reader = try reopen()
        let keyCell = self.keyCell
        let caseSensitive = self.caseSensitive
        let cellCount = self.cellCount
        try reader.forEachRecord { record in
            guard record.count == cellCount else { return }
            let cell = record[keyCell]
            guard !cell.isEmpty, wanted.contains(DuplicateKeyIndex.hash(cell, caseSensitive: caseSensitive)) else {
                return
            }
            let key = DuplicateKeyIndex.normalised(cell, caseSensitive: caseSensitive)
            if firstRow[key] == nil { firstRow[key] = CSVReader.dataRow(record) }
        }
        return hits.compactMap { hit in
            let key = DuplicateKeyIndex.normalised(hit.key, caseSensitive: caseSensitive)
            guard let earlier = firstRow[key], earlier < hit.row else { return nil }
            return (hit, earlier)
        }
    }
}

extension DuplicateKeyIndex {
    static func normalised(_ key: String, caseSensitive: Bool) -> String {
        var text = key
        return text.withUTF8 { normalised($0, caseSensitive: caseSensitive) }
    }
}
