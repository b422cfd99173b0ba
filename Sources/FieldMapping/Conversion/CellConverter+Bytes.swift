/// Byte-level helpers of the converters: trimming, character counts, booleans, emails, base64.
extension CellConverter {
    // MARK: - Byte helpers

    @inline(__always)
    static func trimmed(_ cell: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = cell.count
        while start < end, cell[start] == 32 || cell[start] == 9 { start += 1 }
        while end > start, cell[end - 1] == 32 || cell[end - 1] == 9 { end -= 1 }
        return UnsafeBufferPointer(rebasing: cell[start..<end])
    }

    /// Characters (Unicode scalars) in UTF-8 bytes: every byte that does not continue a sequence.
    @inline(__always)
    static func characterCount(_ cell: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        for byte in cell where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }

    static func boolean(_ cell: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard cell.count <= 5 else { return nil }
        var folded: UInt64 = 0
        for byte in cell { folded = folded << 8 | UInt64(byte >= 65 && byte <= 90 ? byte | 0x20 : byte) }
        switch folded {
        case 0x74_72_75_65, 0x79_65_73, 0x31, 0x79, 0x74, 0x6f_6e: return true  // true yes 1 y t on
        case 0x66_61_6c_73_65, 0x6e_6f, 0x30, 0x6e, 0x66, 0x6f_66_66: return false  // false no 0 n f off
        default: return nil
        }
    }

    static func looksLikeEmail(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        var at = -1
        for (index, byte) in cell.enumerated() {
            if byte == UInt8(ascii: "@") {
                if at >= 0 { return false }
                at = index
            } else if byte <= 32 || byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";") {
                return false
            }
        }
        guard at > 0, at < cell.count - 3 else { return false }
        var dot = false
        for index in (at + 2)..<(cell.count - 1) where cell[index] == UInt8(ascii: ".") { dot = true }
        return dot
    }

    static func isBase64(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in cell {
            switch byte {
            case 65...90, 97...122, 48...57, 43, 47, 61, 10, 13: continue
            default: return false
            }
        }
        return true
    }

    static func text(_ cell: UnsafeBufferPointer<UInt8>, limit: Int = 60) -> String {
        let text = String(decoding: cell, as: UTF8.self)
        return text.count > limit ? String(text.prefix(limit)) + "..." : text
    }
}
