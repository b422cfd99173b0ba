/// Finds repeated record keys within one file without keeping the keys: each key is reduced to a 64-bit FNV-1a
/// hash kept with its first row in an open-addressing table (16 bytes a slot, at most half full: about 32 MB for
/// a million keys). A hand-written table instead of `Dictionary` because this runs once per row on the
/// million-rows-a-second validation path, where the standard dictionary's resizing and generic hashing showed up
/// as the largest single cost.
///
/// A hash collision between two different keys would report a false duplicate; at 64 bits the chance over a
/// million keys is about 3 in 100 million, and the message names both rows so the user can check.
struct DuplicateKeyIndex {
    /// Slot i holds the hash at 2i and the first row at 2i+1: one cache line per probe.
    private var slots: [UInt64]
    private var mask: Int
    private var count = 0
    let caseSensitive: Bool

    init(caseSensitive: Bool, expectedKeys: Int = 1 << 16) {
        self.caseSensitive = caseSensitive
        var capacity = 1 << 10
        while capacity < expectedKeys * 2 { capacity <<= 1 }
        slots = [UInt64](repeating: 0, count: capacity * 2)
        mask = capacity - 1
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
        if hash == 0 { hash = 1 }  // 0 marks an empty slot
        if count * 2 >= mask + 1 { grow() }
        let mask = self.mask
        let result: Int? = slots.withUnsafeMutableBufferPointer { slots in
            var slot = Int(truncatingIfNeeded: (hash ^ (hash >> 29)) & UInt64(mask))
            while true {
                let stored = slots[slot &* 2]
                if stored == 0 {
                    slots[slot &* 2] = hash
                    slots[slot &* 2 &+ 1] = UInt64(row)
                    return nil
                }
                if stored == hash { return Int(slots[slot &* 2 &+ 1]) }
                slot = (slot &+ 1) & mask
            }
        }
        if result == nil { count += 1 }
        return result
    }

    private mutating func grow() {
        let old = slots
        let capacity = (mask + 1) * 2
        slots = [UInt64](repeating: 0, count: capacity * 2)
        mask = capacity - 1
        var position = 0
        while position < old.count {
            let hash = old[position]
            if hash != 0 {
                var slot = Int(truncatingIfNeeded: (hash ^ (hash >> 29)) & UInt64(mask))
                while slots[slot * 2] != 0 { slot = (slot + 1) & mask }
                slots[slot * 2] = hash
                slots[slot * 2 + 1] = old[position + 1]
            }
            position += 2
        }
    }
}
