/// What a Bulk result row is matched to its input row by: a 128-bit digest of the matched cells' UTF-8 bytes
/// joined by 0x1F.
///
/// A digest rather than the text, because several jobs' tables of tens of thousands of keys are held at once
/// and the matched cells are most of a row (hundreds of bytes); 16 bytes a key keeps memory flat. Two different
/// rows share a digest with probability about n²/2^129 (below 10^-20 for a billion rows), far below any
/// other failure rate of a load. Bytes rather than a `String`, because hashing a `String` normalises it to NFC
/// first, which was the largest cost of matching non-ASCII data.
struct ReconcileKey: Hashable {
    let high: UInt64
    let low: UInt64

    /// The key of bytes already joined.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        (high, low) = Self.digest(bytes)
    }

    init(_ bytes: [UInt8]) {
        (high, low) = bytes.withUnsafeBufferPointer { Self.digest($0) }
    }

    /// The key of `cells` at `columns` (an absent column counts as empty).
    init(cells: [String], columns: [Int]) {
        var bytes: [UInt8] = []
        for (position, column) in columns.enumerated() {
            if position > 0 { bytes.append(0x1F) }
            if column >= 0, column < cells.count { bytes.append(contentsOf: cells[column].utf8) }
        }
        self.init(bytes)
    }

    /// The 16 bytes stored for a row in a `BulkJobChunk`.
    var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(16)
        withUnsafeBytes(of: high.littleEndian) { out.append(contentsOf: $0) }
        withUnsafeBytes(of: low.littleEndian) { out.append(contentsOf: $0) }
        return out
    }

    /// Reads back `bytes`.
    init(stored: UnsafeBufferPointer<UInt8>) {
        let raw = UnsafeRawBufferPointer(stored)
        high = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        low = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
    }

    /// MurmurHash3 (x64, 128-bit), written out because it runs over every uploaded and every result row and
    /// the standard library offers no stable 128-bit hash.
    /// Returns (h1, h2) as the reference implementation does (its 16-byte output is h1 then h2, little-endian).
    static func digest(_ data: UnsafeBufferPointer<UInt8>, seed: UInt32 = 0) -> (UInt64, UInt64) {
        let c1: UInt64 = 0x87c3_7b91_1142_53d5
        let c2: UInt64 = 0x4cf5_ad43_2745_937f
        var h1 = UInt64(seed)
        var h2: UInt64 = h1
        let raw = UnsafeRawBufferPointer(data)
        let blocks = data.count / 16
        for block in 0..<blocks {
            var k1 = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: block * 16, as: UInt64.self))
            var k2 = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: block * 16 + 8, as: UInt64.self))
            k1 = rotl(k1 &* c1, 31) &* c2
            h1 ^= k1
            h1 = rotl(h1, 27) &+ h2
            h1 = h1 &* 5 &+ 0x52dc_e729
            k2 = rotl(k2 &* c2, 33) &* c1
            h2 ^= k2
            h2 = rotl(h2, 31) &+ h1
            h2 = h2 &* 5 &+ 0x3849_5ab5
        }
        let tail = blocks * 16
        var k1: UInt64 = 0
        var k2: UInt64 = 0
        let remaining = data.count - tail
        if remaining > 8 {
            for index in stride(from: remaining - 1, through: 8, by: -1) { k2 = (k2 << 8) | UInt64(data[tail + index]) }
            k2 = rotl(k2 &* c2, 33) &* c1
            h2 ^= k2
        }
        if remaining > 0 {
            for index in stride(from: min(remaining, 8) - 1, through: 0, by: -1) { k1 = (k1 << 8) | UInt64(data[tail + index]) }
            k1 = rotl(k1 &* c1, 31) &* c2
            h1 ^= k1
        }
        h1 ^= UInt64(data.count)
        h2 ^= UInt64(data.count)
        h1 = h1 &+ h2
        h2 = h2 &+ h1
        h1 = mix(h1)
        h2 = mix(h2)
        h1 = h1 &+ h2
        h2 = h2 &+ h1
        return (h1, h2)
    }

    @inline(__always)
    private static func rotl(_ value: UInt64, _ count: UInt64) -> UInt64 { (value << count) | (value >> (64 - count)) }

    @inline(__always)
    private static func mix(_ value: UInt64) -> UInt64 {
        var k = value
        k ^= k >> 33
        k = k &* 0xff51_afd7_ed55_8ccd
        k ^= k >> 33
        k = k &* 0xc4ce_b9fe_1a85_ec53
        k ^= k >> 33
        return k
    }
}
