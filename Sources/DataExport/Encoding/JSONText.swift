/// Small JSON text helpers for values the engine itself produces (keys, summaries), not per-row data.
enum JSONText {
    /// `text` as a quoted JSON string.
    static func quoted(_ text: String) -> [UInt8] {
        var out: [UInt8] = [0x22]
        appendEscaped(Array(text.utf8), to: &out)
        out.append(0x22)
        return out
    }

    /// Appends `bytes` (UTF-8 text) with JSON escaping, without quotes.
    @inline(__always)
    static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        for b in bytes {
            switch b {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: out.append(contentsOf: [0x5C, 0x72])
            case 0x09: out.append(contentsOf: [0x5C, 0x74])
            case 0..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
            default: out.append(b)
            }
        }
    }

    static func appendEscaped(_ bytes: [UInt8], to out: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { appendEscaped($0, to: &out) }
    }
}
