/// Resolves JSON string escapes (`\n`, `\"`, `\uXXXX` with surrogate pairs) into UTF-8 bytes.
enum JSONStringDecoder {
    static func decode(_ bytes: [UInt8], _ start: Int, _ end: Int, into out: inout [UInt8]) {
        var i = start
        while i < end {
            let c = bytes[i]
            if c != 0x5C {
                out.append(c)
                i += 1
                continue
            }
            i += 1
            guard i < end else { return }
            let e = bytes[i]
            i += 1
            switch e {
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x75:
                guard var scalar = hex4(bytes, i, end) else { return }
                i += 4
                if scalar >= 0xD800 && scalar < 0xDC00, i + 6 <= end, bytes[i] == 0x5C, bytes[i + 1] == 0x75,
                    let low = hex4(bytes, i + 2, end), low >= 0xDC00 && low < 0xE000
                {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                appendUTF8(scalar, &out)
            default: out.append(e)  // \" \\ \/
            }
        }
    }

    private static func hex4(_ bytes: [UInt8], _ i: Int, _ end: Int) -> UInt32? {
        guard i + 4 <= end else { return nil }
        var value: UInt32 = 0
        for k in i..<(i + 4) {
            let b = bytes[k]
            let digit: UInt32
            switch b {
            case 0x30...0x39: digit = UInt32(b - 0x30)
            case 0x41...0x46: digit = UInt32(b - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(b - 0x61 + 10)
            default: return nil
            }
            value = value << 4 | digit
        }
        return value
    }

    static func appendUTF8(_ scalar: UInt32, _ out: inout [UInt8]) {
        // Lone surrogates cannot be encoded; write U+FFFD as Salesforce would never send them.
        let s = (scalar >= 0xD800 && scalar < 0xE000) ? 0xFFFD : scalar
        switch s {
        case 0..<0x80: out.append(UInt8(s))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (s >> 6)))
            out.append(UInt8(0x80 | (s & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (s >> 12)))
            out.append(UInt8(0x80 | ((s >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (s & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (s >> 18)))
            out.append(UInt8(0x80 | ((s >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((s >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (s & 0x3F)))
        }
    }
}
