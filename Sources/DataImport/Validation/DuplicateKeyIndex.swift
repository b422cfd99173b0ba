/// Finds repeated record keys within one file without keeping the keys: each normalised key (trimmed; ASCII case
/// folded unless keys are case-sensitive) is reduced to a 64-bit FNV-1a hash, kept in a flat open-addressing
/// table of `UInt64` slots (8 bytes a slot, at most half full, linear probing).
///
/// For a million keys that is 2^21 slots = 16 MB (24 MB for the moment the table doubles), against 32-48 MB for
/// a table that also kept each key's row, and several times that for a `Dictionary<String, Int>`. A hand-written
/// table instead of `Set<UInt64>` because this runs once per row on the million-rows-a-second validation path,
/// where the standard set's generic hashing and resizing were the largest single cost.
///
/// A hit means "probably a duplicate": two different keys share a 64-bit hash with probability about
/// n²/2^65 over a file of n keys (3 in 100 million for a million keys). `DuplicateKeyResolver` turns hits into
/// exact answers by re-reading only the key cells, so a false positive is never reported for a file.
struct DuplicateKeyIndex {
    private var slots: [UInt64]
    private var mask: Int
    private var count = 0
    let caseSensitive: Bool

    init(caseSensitive: Bool, expectedKeys: Int = 1 << 14) {
        self.caseSensitive = caseSensitive
        var capacity = 1 << 10
        while capacity < expectedKeys * 2 { capacity <<= 1 }
        slots = [UInt64](repeating: 0, count: capacity)
        mask = capacity - 1
    }

    /// The bytes of `key` that identify it: leading and trailing blanks and tabs removed.
    @inline(__always)
    static func trimmed(_ key: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var start = 0
        var end = key.count
        while start < end, key[start] == 32 || key[start] == 9 { start += 1 }
        while end > start, key[end - 1] == 32 || key[end - 1] == 9 { end -= 1 }
        return start..<end
    }

    /// The FNV-1a hash of the normalised key; never 0 (0 marks an empty slot).
    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>, caseSensitive: Bool) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for index in trimmed(key) {
            var byte = key[index]
            if !caseSensitive, byte >= 65, byte <= 90 { byte |= 0x20 }
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return hash == 0 ? 1 : hash
    }

    /// The normalised key as text, for the exact re-check of hits.
    static func normalised(_ key: UnsafeBufferPointer<UInt8>, caseSensitive: Bool) -> String {
        let range = trimmed(key)
        var bytes = Array(key[range])
        if !caseSensitive {
            for index in bytes.indices where bytes[index] >= 65 && bytes[index] <= 90 { bytes[index] |= 0x20 }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Records `key`; returns its hash when an earlier key had the same hash (a probable duplicate), else nil.
    @inline(__always)
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>) -> UInt64? {
        let hash = Self.hash(key, caseSensitive: caseSensitive)
        if count &* 2 >= mask &+ 1 { grow() }
        let mask = self.mask
        let seen: Bool = slots.withUnsafeMutableBufferPointer { slots in
            var slot = Self.home(hash, mask)
            while true {
                let stored = slots[slot]
                if stored == 0 {
                    slots[slot] = hash
                    return false
                }
                if stored == hash { return true }
                slot = (slot &+ 1) & mask
            }
        }
        if seen { return hash }
        count += 1
        return nil
    }

    @inline(__always)
    private static func home(_ hash: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (hash ^ (hash >> 29)) & UInt64(truncatingIfNeeded: mask))
    }

    /// Sizes the table for `expectedKeys` at once (when that is larger), so that a large file does not pay for
    /// the doublings on the way: the last one holds the old and the new table together, half again the memory.
    mutating func reserve(_ expectedKeys: Int) {
        var capacity = mask + 1
        while capacity < expectedKeys * 2 { capacity <<= 1 }
        if capacity > mask + 1 { grow(to: capacity) }
    }

    private mutating func grow() { grow(to: (mask + 1) * 2) }

    private mutating func grow(to capacity: Int) {
        let old = slots
        slots = [UInt64](repeating: 0, count: capacity)
        mask = capacity - 1
        let mask = self.mask
        slots.withUnsafeMutableBufferPointer { slots in
            for hash in old where hash != 0 {
                var slot = Self.home(hash, mask)
                while slots[slot] != 0 { slot = (slot &+ 1) & mask }
                slots[slot] = hash
            }
        }
    }
}
