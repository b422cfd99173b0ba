/// The records of one object: a slot per record ever inserted, in insertion order.
///
/// A record's slot is its Id's sequence number minus one, so `slot(ofID:)` needs no index. Slots
/// never move: a hard-deleted record leaves an empty slot, so row positions held by query cursors
/// stay valid. Use only inside `OrgStore.read` / `OrgStore.write`.
public final class ObjectTable: @unchecked Sendable {
    // Safety: every mutable property is read under the store's read lock and written under its
    // write lock (OrgStore is the only owner and hands tables out only inside those closures).

    /// Record state per slot.
    public enum SlotState: UInt8, Sendable {
        case live = 0
        case recycled = 1
        case purged = 2
    }

    public let schema: ObjectSchema
    let keyPrefix: [UInt8]
    public private(set) var rows: [Row?] = []
    public private(set) var states: [SlotState] = []
    public private(set) var liveCount = 0
    public private(set) var recycledCount = 0
    /// Value indexes by field ordinal: normalized key → slots (external IDs, unique and idLookup fields).
    private var indexes: [Int: [String: IndexEntry]] = [:]
    /// Bumped on every change, so persistence rewrites only the tables that changed.
    public private(set) var version: UInt64 = 0
    /// Next auto-number per field ordinal.
    var autoNumbers: [Int: Int] = [:]

    enum IndexEntry {
        case one(Int32)
        case many([Int32])

        var slots: [Int] {
            switch self {
            case let .one(s): return [Int(s)]
            case let .many(list): return list.map(Int.init)
            }
        }
    }

    init(schema: ObjectSchema) {
        self.schema = schema
        keyPrefix = schema.keyPrefixBytes
        for f in schema.fields where (f.externalID || f.unique) && f.type != .id {
            indexes[f.ordinal] = [:]
        }
    }

    /// Number of slots (records ever inserted, including deleted ones).
    public var slotCount: Int { rows.count }

    /// The row in `slot`, or nil when it was hard-deleted or is out of range.
    @inline(__always) public func row(at slot: Int) -> Row? {
        slot >= 0 && slot < rows.count ? rows[slot] : nil
    }

    public func isLive(_ slot: Int) -> Bool { slot >= 0 && slot < states.count && states[slot] == .live }
    public func isRecycled(_ slot: Int) -> Bool { slot >= 0 && slot < states.count && states[slot] == .recycled }

    /// The 18-character Id of `slot`.
    public func id(ofSlot slot: Int) -> String {
        String(decoding: RecordID.make(keyPrefix: keyPrefix, sequence: slot + 1), as: UTF8.self)
    }

    /// The slot of a 15- or 18-character Id of this object that is live or in the recycle bin; nil otherwise.
    public func slot(ofID id: some StringProtocol) -> Int? {
        guard let id15 = RecordID.canonical15(id), Array(id15[0..<3]) == keyPrefix,
            let sequence = RecordID.sequence(of: id15)
        else { return nil }
        let slot = sequence - 1
        guard slot >= 0, slot < rows.count, states[slot] != .purged else { return nil }
        return slot
    }

    /// Calls `body` for every live row (and recycled ones when `includeRecycled`), in slot order.
    public func forEachRow(includeRecycled: Bool = false, _ body: (Int, Row) throws -> Void) rethrows {
        for slot in 0..<rows.count {
            let state = states[slot]
            guard state == .live || (includeRecycled && state == .recycled), let row = rows[slot] else { continue }
            try body(slot, row)
        }
    }

    /// Normalized index key of a value: case-insensitive text unless the field is case-sensitive.
    func indexKey(_ value: FieldValue, field: FieldSchema) -> String? {
        guard let text = value.text else { return nil }
        return field.caseSensitive ? text : text.lowercased()
    }

    /// Live and recycled slots whose `field` equals `value` (external-ID matching: case-insensitive
    /// text). Builds an index for the field on first use.
    public func slots(where field: FieldSchema, equals value: FieldValue, includeRecycled: Bool = false) -> [Int] {
        if field.type == .id {
            guard let text = value.text, let slot = slot(ofID: text) else { return [] }
            return includeRecycled || states[slot] == .live ? [slot] : []
        }
        guard let key = indexKey(value, field: field) else { return [] }
        if indexes[field.ordinal] == nil { buildIndex(field) }
        let found = indexes[field.ordinal]?[key]?.slots ?? []
        return found.filter { includeRecycled ? states[$0] != .purged : states[$0] == .live }
    }

    private func buildIndex(_ field: FieldSchema) {
        var index: [String: IndexEntry] = [:]
        for slot in 0..<rows.count where states[slot] != .purged {
            guard let row = rows[slot], let key = indexKey(row.value(at: field.ordinal), field: field) else { continue }
            add(&index, key, slot)
        }
        indexes[field.ordinal] = index
    }

    private func add(_ index: inout [String: IndexEntry], _ key: String, _ slot: Int) {
        switch index[key] {
        case nil: index[key] = .one(Int32(slot))
        case let .one(s): index[key] = .many([s, Int32(slot)])
        case var .many(list):
            list.append(Int32(slot))
            index[key] = .many(list)
        }
    }

    private func remove(_ index: inout [String: IndexEntry], _ key: String, _ slot: Int) {
        switch index[key] {
        case nil: break
        case let .one(s): if Int(s) == slot { index[key] = nil }
        case var .many(list):
            list.removeAll { Int($0) == slot }
            index[key] = list.count == 1 ? .one(list[0]) : .many(list)
        }
    }

    private func reindex(slot: Int, old: Row?, new: Row?) {
        // Iterate a copy of the keys: holding `indexes.keys` while mutating an index would make every
        // update copy that whole index (quadratic inserts).
        for ordinal in Array(indexes.keys) {
            let field = schema.fields[ordinal]
            let oldKey = old.flatMap { indexKey($0.value(at: ordinal), field: field) }
            let newKey = new.flatMap { indexKey($0.value(at: ordinal), field: field) }
            guard oldKey != newKey else { continue }
            guard var index = indexes.removeValue(forKey: ordinal) else { continue }
            if let oldKey { remove(&index, oldKey, slot) }
            if let newKey { add(&index, newKey, slot) }
            indexes[ordinal] = index
        }
    }

    /// Appends a record; mints its Id into `values[idOrdinal]`. Returns the slot.
    @discardableResult
    func insert(_ values: [FieldValue]) -> Int {
        version &+= 1
        var values = values
        let slot = rows.count
        values[schema.idOrdinal] = .id(id(ofSlot: slot))
        let row = Row.encode(values)
        rows.append(row)
        states.append(.live)
        liveCount += 1
        reindex(slot: slot, old: nil, new: row)
        return slot
    }

    /// Appends an already encoded row (loading a saved org); `state` as saved.
    func restore(_ row: Row?, state: SlotState) {
        version &+= 1
        let slot = rows.count
        rows.append(row)
        states.append(state)
        if state == .live { liveCount += 1 }
        if state == .recycled { recycledCount += 1 }
        if let row, state != .purged { reindex(slot: slot, old: nil, new: row) }
    }

    /// Replaces the values of `slot`.
    func replace(slot: Int, with values: [FieldValue]) {
        version &+= 1
        let old = rows[slot]
        let row = Row.encode(values)
        rows[slot] = row
        reindex(slot: slot, old: old, new: row)
    }

    /// Moves a live record to the recycle bin (IsDeleted = true). As in Salesforce, deleting is a
    /// modification: SystemModstamp, LastModifiedDate and LastModifiedById take the time and user of
    /// the delete, so incremental `queryAll ... WHERE SystemModstamp >= X` exports see deletions.
    /// - Parameters:
    ///   - at: the delete time, epoch milliseconds.
    ///   - by: the 18-character Id of the deleting user.
    func recycle(slot: Int, at now: Int64, by userID: String) {
        version &+= 1
        guard states[slot] == .live, let row = rows[slot] else { return }
        var values = row.decodeAll()
        while values.count < schema.fields.count { values.append(.null) }
        if let o = schema.isDeletedOrdinal { values[o] = .bool(true) }
        for o in [schema.lastModifiedDateOrdinal, schema.systemModstampOrdinal] { if let o { values[o] = .dateTime(now) } }
        if let o = schema.lastModifiedByOrdinal { values[o] = .id(userID) }
        let recycled = Row.encode(values)
        rows[slot] = recycled
        reindex(slot: slot, old: row, new: recycled)
        states[slot] = .recycled
        liveCount -= 1
        recycledCount += 1
    }

    /// Restores a recycled record.
    func undelete(slot: Int) {
        version &+= 1
        guard states[slot] == .recycled, let row = rows[slot] else { return }
        var values = row.decodeAll()
        if let o = schema.isDeletedOrdinal { values[o] = .bool(false) }
        rows[slot] = Row.encode(values)
        states[slot] = .live
        liveCount += 1
        recycledCount -= 1
    }

    /// Removes a record for good (hardDelete, or emptying the recycle bin).
    func purge(slot: Int) {
        version &+= 1
        guard states[slot] != .purged else { return }
        if states[slot] == .live { liveCount -= 1 } else { recycledCount -= 1 }
        reindex(slot: slot, old: rows[slot], new: nil)
        rows[slot] = nil
        states[slot] = .purged
    }

    /// Reserves room for `count` more records (the generator knows its total up front).
    func reserve(_ count: Int) {
        rows.reserveCapacity(rows.count + count)
        states.reserveCapacity(states.count + count)
    }
}
