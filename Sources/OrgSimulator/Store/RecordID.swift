/// Salesforce record Ids: 15-character case-sensitive base62 plus the 3-character case-safe checksum.
///
/// The simulator mints Ids as `<key prefix><"5g0000"><6 base62 digits of the slot sequence>`, so
/// the slot of a record is decoded from its Id without an index (see `ObjectTable`).
public enum RecordID {
    static let checksumAlphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345".utf8)
    static let base62: [UInt8] = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)
    /// Characters 4..9 of every minted Id (pod and reserved digits, like `5g0000` in real orgs).
    static let infix: [UInt8] = Array("5g0000".utf8)

    /// The 3 checksum letters for the first 15 bytes of `id15`.
    public static func checksum(_ id15: some Collection<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(3)
        var chunk = 0
        var bits = 0
        var position = 0
        for c in id15.prefix(15) {
            if c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") { bits |= 1 << position }
            position += 1
            if position == 5 {
                out.append(checksumAlphabet[bits])
                chunk += 1
                position = 0
                bits = 0
            }
        }
        return out
    }

    /// The 18-character form of a 15-character Id (returns 18-character input unchanged).
    public static func to18(_ id: String) -> String {
        let bytes = Array(id.utf8)
        guard bytes.count == 15 else { return id }
        return String(decoding: bytes + checksum(bytes), as: UTF8.self)
    }

    /// Mints the 18-character Id of sequence number `sequence` (1-based) for `keyPrefix`.
    public static func make(keyPrefix: [UInt8], sequence: Int) -> [UInt8] {
        var out = keyPrefix
        out.reserveCapacity(18)
        out.append(contentsOf: infix)
        var digits = [UInt8](repeating: UInt8(ascii: "0"), count: 6)
        var n = sequence
        var i = 5
        while n > 0 && i >= 0 {
            digits[i] = base62[n % 62]
            n /= 62
            i -= 1
        }
        out.append(contentsOf: digits)
        out.append(contentsOf: checksum(out))
        return out
    }

    /// The canonical 15-character case-sensitive form of a 15- or 18-character Id, or nil when the
    /// text cannot be an Id (wrong length, bad characters, or an 18-character Id whose checksum does
    /// not match any casing).
    public static func canonical15(_ id: some StringProtocol) -> [UInt8]? {
        var bytes = Array(id.utf8)
        guard bytes.count == 15 || bytes.count == 18 else { return nil }
        for c in bytes where !(c >= 0x30 && c <= 0x39) && !(c >= 0x41 && c <= 0x5A) && !(c >= 0x61 && c <= 0x7A) {
            return nil
        }
        if bytes.count == 18 {
            // Restore the case of the first 15 characters from the checksum, as the API does.
            let tail = bytes[15..<18].map { $0 >= 0x61 ? $0 - 0x20 : $0 }
            var restored = Array(bytes[0..<15])
            for chunk in 0..<3 {
                guard let value = checksumAlphabet.firstIndex(of: tail[chunk]) else { return nil }
                for j in 0..<5 {
                    let k = chunk * 5 + j
                    let c = restored[k]
                    let upper = value & (1 << j) != 0
                    if upper, c >= 0x61, c <= 0x7A { restored[k] = c - 0x20 }
                    if !upper, c >= 0x41, c <= 0x5A { restored[k] = c + 0x20 }
                }
            }
            guard checksum(restored) == tail else { return nil }
            bytes = restored
        }
        return bytes
    }

    /// The sequence number encoded in a minted Id, or nil when `id15` was not minted with the infix.
    public static func sequence(of id15: [UInt8]) -> Int? {
        guard id15.count >= 15, Array(id15[3..<9]) == infix else { return nil }
        var n = 0
        for c in id15[9..<15] {
            guard let d = base62.firstIndex(of: c) else { return nil }
            n = n * 62 + d
        }
        return n
    }
}
