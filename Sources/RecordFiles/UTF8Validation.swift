/// UTF-8 validation over raw bytes, for the CSV reader's per-record check.
///
/// Hand-written because `String(validating:)` allocates a String per call, and most records are pure ASCII:
/// testing sixteen bytes at a time for high bits makes ASCII runs cost almost nothing.
enum UTF8Validation {
    /// The offset of the first invalid byte, or nil when all of `bytes` is valid UTF-8.
    static func firstInvalid(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int? {
        var index = 0
        while true {
            let highBits = SIMD16<UInt8>(repeating: 0x80)
            while index + 16 <= count {
                let chunk = ByteVector.load(bytes + index)
                if ByteVector.any(chunk .>= highBits) { break }
                index += 16
            }
            while index + 8 <= count {
                let word = UnsafeRawPointer(bytes + index).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                index += 8
            }
            if index >= count { return nil }
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            let minimum: UInt32
            var scalar: UInt32
            switch lead {
            case 0xC2...0xDF:
                length = 2
                minimum = 0x80
                scalar = UInt32(lead & 0x1F)
            case 0xE0...0xEF:
                length = 3
                minimum = 0x800
                scalar = UInt32(lead & 0x0F)
            case 0xF0...0xF4:
                length = 4
                minimum = 0x10000
                scalar = UInt32(lead & 0x07)
            default:
                return index
            }
            guard index + length <= count else { return index }
            for offset in 1..<length {
                let next = bytes[index + offset]
                guard next & 0xC0 == 0x80 else { return index }
                scalar = scalar << 6 | UInt32(next & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return index }
            index += length
        }
    }
}
