/// One child-to-parent step of a field path: read the reference field, find the parent record.
///
/// Parents are found from the Id bytes alone: the key prefix picks the table and the minted sequence digits give
/// the slot (see `RecordID`), so following a lookup costs no allocation and no index.
struct ParentHop: @unchecked Sendable {
    // Safety: `targets` are the org's tables, which are only read here and only inside `OrgStore.read`.

    /// Ordinal of the reference field in the current object.
    let referenceOrdinal: Int
    /// Canonical relationship name (`Account`, `Owner`), the JSON key of the nested parent.
    let relationshipName: String
    /// The tables the reference may point to, in `referenceTo` order (several for polymorphic lookups).
    let targets: [ObjectTable]

    /// The parent row of `row` and its table, or nil when the lookup is empty or points nowhere.
    @inline(__always)
    func parent(of row: Row) -> (Row, ObjectTable)? {
        row.withTextBytes(at: referenceOrdinal) { idBytes -> (Row, ObjectTable)? in
            guard let idBytes, idBytes.count >= 15 else { return nil }
            for table in targets {
                let prefix = table.keyPrefix
                guard idBytes[0] == prefix[0], idBytes[1] == prefix[1], idBytes[2] == prefix[2] else { continue }
                guard let sequence = ParentHop.sequence(idBytes) else { return nil }
                guard let parentRow = table.row(at: sequence - 1) else { return nil }
                return (parentRow, table)
            }
            return nil
        }
    }

    /// The base62 sequence in characters 9..<15 of a minted Id.
    @inline(__always)
    static func sequence(_ id: UnsafeBufferPointer<UInt8>) -> Int? {
        var n = 0
        for i in 9..<15 {
            let c = id[i]
            let digit: Int
            switch c {
            case 0x30...0x39: digit = Int(c - 0x30)
            case 0x41...0x5A: digit = Int(c - 0x41) + 10
            case 0x61...0x7A: digit = Int(c - 0x61) + 36
            default: return nil
            }
            n = n * 62 + digit
        }
        return n
    }
}
