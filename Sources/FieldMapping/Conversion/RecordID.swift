/// Salesforce record id syntax: 15 case-sensitive base62 characters, or 18 with a 3-letter case checksum.
public enum RecordID {
    private static let checksumAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345".utf8)

    /// True for a 15-character id, or an 18-character id whose checksum matches.
    static func isValid(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        guard cell.count == 15 || cell.count == 18 else { return false }
        for byte in cell {
            switch byte {
            case 48...57, 65...90, 97...122: continue
            default: return false
            }
        }
        guard cell.count == 18 else { return true }
        for chunk in 0..<3 {
            var bits = 0
            for position in 0..<5 {
                let byte = cell[chunk * 5 + position]
                if byte >= 65, byte <= 90 { bits |= 1 << position }
            }
            let expected = checksumAlphabet[bits]
            var actual = cell[15 + chunk]
            if actual >= 97, actual <= 122 { actual -= 32 }  // 18-character ids compare case-insensitively
            if actual != expected { return false }
        }
        return true
    }

    /// True for a syntactically valid id.
    public static func isValid(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isValid($0) }
    }
}
