// NOTE FOR THE SOQL/QUERY CODE (Sources/OrgSimulator/Query, BulkQuery): this is the store you evaluate over.
//
//   let result = try org.store.read { reader in          // shared read lock; keep work bounded
//       guard let table = reader.table(named: "Account") else { ... INVALID_TYPE ... }
//       let schema = table.schema                         // ObjectSchema (Schema/ObjectSchema.swift)
//       schema.field(named: "name")                       // case-insensitive -> FieldSchema (ordinal, type, ...)
//       schema.referenceField(relationshipName: "Owner")  // child->parent: FieldSchema with referenceTo
//       schema.childRelationship(named: "Contacts")       // parent->child: ChildRelationship(childObject, field)
//       table.forEachRow(includeRecycled: queryAll) { slot, row in
//           row.value(at: ordinal)                        // FieldValue (.null/.text/.int/.double/.bool/.id/.date/.dateTime)
//           row.appendJSON(at: ordinal, to: &bytes)       // fast REST rendering, no String
//           row.appendCSV(at: ordinal, to: &bytes)        // fast Bulk CSV rendering (always quoted)
//       }
//       reader.locate(id: "001...")                       // any object's record -> RecordLocation(table, slot, row)
//       table.slot(ofID:), table.row(at:), table.isLive(_:), table.isRecycled(_:)
//   }
//
// - Rows are packed byte arrays (Store/Row.swift); slot = Id sequence - 1 and slots never move, so a
//   cursor may keep `[Int32]` slots between pages (check `table.row(at:)` != nil when rendering later).
// - Recycle bin: a deleted record stays with state `.recycled` and IsDeleted = true; `forEachRow`
//   skips it unless `includeRecycled` (queryAll). Compound fields (address/location) have no stored
//   value: build them from the component fields (`FieldSchema.compoundFieldName`).
// - Query routes plug in through `Query/QueryRoutes.swift` (`QueryRoutes.install(into:)`), which the
//   server calls at start-up; handlers get a `RouteContext` (org, request, session, apiVersion) and
//   return a `SimResponse`, or throw `APIError` (rendered as the Salesforce JSON error array).

/// The org's records: one `ObjectTable` per described object, behind a reader-writer lock.
public final class OrgStore: @unchecked Sendable {
    // Safety: `tables` is fixed after init (one table per schema object); table contents are only
    // touched inside `read` (shared lock) or `write` (exclusive lock).
    public let catalog: SchemaCatalog
    private let lock = ReadWriteLock()
    private let tables: [String: ObjectTable]
    private let tablesByPrefix: [String: ObjectTable]
    /// Incremented on every write: the persistence loop saves when it changed.
    private(set) var generation: UInt64 = 0

    public init(catalog: SchemaCatalog) {
        self.catalog = catalog
        var byName: [String: ObjectTable] = [:]
        var byPrefix: [String: ObjectTable] = [:]
        for object in catalog.objects {
            let table = ObjectTable(schema: object)
            byName[object.name.lowercased()] = table
            byPrefix[object.keyPrefix] = table
        }
        tables = byName
        tablesByPrefix = byPrefix
    }

    /// Runs `body` with shared read access to every table.
    public func read<R>(_ body: (StoreReader) throws -> R) rethrows -> R {
        try lock.withReadLock { try body(StoreReader(store: self)) }
    }

    /// Runs `body` with exclusive access; all changes inside are atomic for readers.
    func write<R>(_ body: (StoreWriter) throws -> R) rethrows -> R {
        try lock.withWriteLock {
            generation &+= 1
            return try body(StoreWriter(store: self))
        }
    }

    fileprivate func table(named name: String) -> ObjectTable? { tables[name.lowercased()] }

    fileprivate func locate(id: some StringProtocol) -> RecordLocation? {
        guard let id15 = RecordID.canonical15(id),
            let table = tablesByPrefix[String(decoding: id15[0..<3], as: UTF8.self)],
            let slot = table.slot(ofID: id), let row = table.row(at: slot)
        else { return nil }
        return RecordLocation(table: table, slot: slot, row: row)
    }

    fileprivate var allTables: [ObjectTable] { catalog.objects.compactMap { tables[$0.name.lowercased()] } }
}

/// Where a record lives.
public struct RecordLocation {
    public let table: ObjectTable
    public let slot: Int
    public let row: Row
}

/// Read access to the store, valid only inside `OrgStore.read` / `OrgStore.write`.
public struct StoreReader {
    fileprivate let store: OrgStore

    /// The table of the object named `name` (any case).
    public func table(named name: String) -> ObjectTable? { store.table(named: name) }

    /// The record with this 15- or 18-character Id in any table (live or recycled).
    public func locate(id: some StringProtocol) -> RecordLocation? { store.locate(id: id) }

    /// Every table, in describeGlobal order.
    public var tables: [ObjectTable] { store.allTables }
}

/// Write access to the store, valid only inside `OrgStore.write`.
struct StoreWriter {
    fileprivate let store: OrgStore
    var reader: StoreReader { StoreReader(store: store) }
    func table(named name: String) -> ObjectTable? { store.table(named: name) }
    func locate(id: some StringProtocol) -> RecordLocation? { store.locate(id: id) }
    var tables: [ObjectTable] { store.allTables }
}
