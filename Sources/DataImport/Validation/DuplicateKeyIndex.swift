/// Finds repeated record keys within one file without keeping the keys: each key is reduced to a 64-bit FNV-1a
/// hash mapped to its first row (16 bytes a distinct key, so 1M keys take about 32 MB of table).
///
/// A hash collision between two different keys would report a false duplicate; at 64 bits the chance over a
/// million keys is about 3 in 100 million, and the message names both rows so the user can check.
struct DuplicateKeyIndex {
    private var firstRow: [UInt64: Int32] = [:]
    let caseSensitive: Bool

    init(caseSensitive: Bool, expectedKeys: Int = 0) {
        self.caseSensitive = caseSensitive
        if expectedKeys > 0 { firstRow.reserveCapacity(expectedKeys) }
    }

    /// Records `key` at `row`; returns the earlier row holding the same key, if any.
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>, row: Int) -> Int? {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var start = 0
        var end = key.count
        while start < end, key[start] == 32 || key[start] == 9 { start += 1 }
        while end > start, key[end - 1] == 32 || key[end - 1] == 9 { end -= 1 }
        var index = start
        while index < end {
            var byte = key[index]
            if !caseSensitive, byte >= 65, byte <= 90 { byte |= 0x20 }
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            index += 1
        }
        if let earlier = firstRow[hash] { return Int(earlier) }
        firstRow[hash] = Int32(truncatingIfNeeded: row)
        return nil
    }
}
