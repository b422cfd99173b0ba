/// The incremental filter for Bulk CSV records: finds the `Id` and `SystemModstamp` columns and asks
/// the tracker whether each record was already exported.
final class BulkRowFilter {
    private let idColumn: Int?
    private let modstampColumn: Int?
    private(set) var tracker: IncrementalTracker
    private(set) var skipped = 0

    init(columns: [ExportColumn], filter: IncrementalFilter?) {
        func index(of name: String) -> Int? {
            columns.firstIndex { $0.kind == .field && $0.path.count == 1 && $0.path[0].lowercased() == name }
        }
        idColumn = index(of: "id")
        modstampColumn = index(of: "systemmodstamp")
        tracker = IncrementalTracker(filter: filter, track: true)
    }

    /// Whether to write the record.
    func keep(_ row: [UInt8], _ ends: [Int]) -> Bool {
        guard let modstampColumn, modstampColumn < ends.count else { return true }
        func text(_ column: Int) -> String {
            let start = column == 0 ? 0 : ends[column - 1]
            return String(decoding: row[start..<ends[column]], as: UTF8.self)
        }
        let id = idColumn.map { $0 < ends.count ? text($0) : "" } ?? ""
        let stamp = text(modstampColumn)
        guard !stamp.isEmpty else { return true }
        if tracker.keep(id: id, modstamp: stamp) { return true }
        skipped += 1
        return false
    }
}
