/// Converts single-byte Windows-1252 or ISO-8859-1 input to UTF-8 on the fly.
///
/// Both encodings agree with ASCII below 0x80, so delimiters, quotes and line breaks are untouched and the CSV
/// parser above sees plain UTF-8.
final class TranscodingSource: ByteSource {
    private let source: ByteSource
    /// UTF-8 bytes (1 to 3) for each input byte, packed little-endian with the length in the top byte.
    private let table: [UInt32]
    private var raw: [UInt8]

    init(source: ByteSource, encoding: TextEncoding) {
        self.source = source
        raw = [UInt8](repeating: 0, count: 64 * 1024)
        var table = [UInt32](repeating: 0, count: 256)
        for byte in 0..<256 {
            var scalar = UInt32(byte)
            if encoding == .windows1252, (0x80..<0xA0).contains(byte) {
                scalar = Self.windows1252High[byte - 0x80]
            }
            table[byte] = Self.pack(scalar)
        }
        self.table = table
    }

    private static func pack(_ scalar: UInt32) -> UInt32 {
        switch scalar {
        case 0..<0x80:
            return 1 << 24 | scalar
        case 0x80..<0x800:
            return 2 << 24 | (0x80 | scalar & 0x3F) << 8 | (0xC0 | scalar >> 6)
        default:
            return 3 << 24 | (0x80 | scalar & 0x3F) << 16 | (0x80 | scalar >> 6 & 0x3F) << 8 | (0xE0 | scalar >> 12)
        }
    }

    /// 0x80...0x9F in Windows-1252; the five unassigned bytes map to the C1 controls, as browsers do.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard buffer.count >= 3, let out = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            return 0
        }
        let want = min(raw.count, buffer.count / 3)
        let got = try raw.withUnsafeMutableBytes {
            try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<want]))
        }
        var written = 0
        raw.withUnsafeBufferPointer { input in
            table.withUnsafeBufferPointer { table in
                for index in 0..<got {
                    let packed = table[Int(input[index])]
                    let length = Int(packed >> 24)
                    out[written] = UInt8(truncatingIfNeeded: packed)
                    if length > 1 { out[written + 1] = UInt8(truncatingIfNeeded: packed >> 8) }
                    if length > 2 { out[written + 2] = UInt8(truncatingIfNeeded: packed >> 16) }
                    written += length
                }
            }
        }
        return written
    }
}
