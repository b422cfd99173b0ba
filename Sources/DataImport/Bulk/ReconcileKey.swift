/// The text a Bulk result row is matched to its input row by: the matched cells' UTF-8 bytes joined by 0x1F.
///
/// Bytes rather than a `String` because every uploaded row is hashed twice (results in, rows out), and hashing
/// a `String` normalises it to NFC first, which was the largest cost of matching non-ASCII data.
struct ReconcileKey: Hashable {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = Array(bytes) }

    /// The key of `cells` at `columns` (an absent column counts as empty).
    init(cells: [String], columns: [Int]) {
        var bytes: [UInt8] = []
        for (position, column) in columns.enumerated() {
            if position > 0 { bytes.append(0x1F) }
            if column >= 0, column < cells.count { bytes.append(contentsOf: cells[column].utf8) }
        }
        self.bytes = bytes
    }

    func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }

    static func == (lhs: ReconcileKey, rhs: ReconcileKey) -> Bool { lhs.bytes == rhs.bytes }
}
