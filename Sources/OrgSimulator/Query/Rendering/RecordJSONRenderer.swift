/// Writes query records as REST JSON straight into a byte buffer: `attributes {type, url}` first, then the
/// selected fields in SELECT order with explicit nulls, nested parents (`"Account": null` when empty) and
/// subqueries as `{totalSize, done, records}` or `null`.
///
/// Hand-written rather than built on a JSON tree or Foundation serialization: a page is 2000 records of tens
/// of fields, and going through intermediate values per field costs several times the bytes written.
/// Call inside `OrgStore.read`.
struct RecordJSONRenderer {
    let result: QueryResult
    /// `/services/data/v62.0`
    let dataBase: String
    /// `{"attributes":{"type":"X","url":"/services/data/vNN.N/sobjects/X/` per object name.
    private var prefixes: [String: [UInt8]] = [:]
    /// The root object's prefix, kept apart so the common case skips the dictionary.
    private var rootPrefix: (ObjectIdentifier, [UInt8])?

    init(result: QueryResult, dataBase: String) {
        self.result = result
        self.dataBase = dataBase
    }

    /// Appends the records `range` of the result, comma-separated.
    mutating func appendRecords(_ range: Range<Int>, to out: inout [UInt8]) {
        let plan = result.plan
        var first = true
        switch plan.shape {
        case .aggregate:
            for i in range {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                out.append(contentsOf: result.aggregateRecords[i])
            }
        case .records:
            for i in range {
                let slot = result.slots[i]
                guard let row = plan.table.row(at: Int(slot)) else { continue }
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                appendRecord(row, table: plan.table, nodes: plan.nodes, expected: plan.table.schema.name,
                             slot: slot, to: &out)
            }
        case .count:
            break
        }
    }

    private mutating func prefix(_ table: ObjectTable) -> [UInt8] {
        let identity = ObjectIdentifier(table)
        if let rootPrefix, rootPrefix.0 == identity { return rootPrefix.1 }
        let bytes = makePrefix(table)
        if rootPrefix == nil { rootPrefix = (identity, bytes) }
        return bytes
    }

    private mutating func makePrefix(_ table: ObjectTable) -> [UInt8] {
        let name = table.schema.name
        if let cached = prefixes[name] { return cached }
        var bytes: [UInt8] = Array(#"{"attributes":{"type":"#.utf8)
        bytes.append(contentsOf: ValueJSON.key(name).dropLast())
        bytes.append(contentsOf: Array(#","url":"#.utf8))
        var url = "\(dataBase)/sobjects/\(name)/"
        url.withUTF8 { JSONWriter.appendEscaped($0, to: &bytes) }
        bytes.removeLast()  // the closing quote: the Id follows
        prefixes[name] = bytes
        return bytes
    }

    private mutating func appendRecord(
        _ row: Row, table: ObjectTable, nodes: [OutputNode], expected: String, slot: Int32?, to out: inout [UInt8]
    ) {
        out.append(contentsOf: prefix(table))
        row.withTextBytes(at: table.schema.idOrdinal) { id in
            if let id { out.append(contentsOf: id) }
        }
        out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: "}")])
        let sameObject = table.schema.name == expected
        for node in nodes {
            out.append(UInt8(ascii: ","))
            switch node {
            case .field(let key, let ordinal, let storage, let name):
                out.append(contentsOf: key)
                let actual = sameObject ? ordinal : (table.schema.field(named: name)?.ordinal ?? -1)
                RecordJSONRenderer.appendValue(row, actual, storage, to: &out)
            case .compound(let key, _, let parts):
                out.append(contentsOf: key)
                appendCompound(row, parts, to: &out)
            case .parent(let key, let hop, let objectName, let children):
                out.append(contentsOf: key)
                if let (parent, parentTable) = hop.parent(of: row) {
                    appendRecord(parent, table: parentTable, nodes: children, expected: objectName, slot: nil, to: &out)
                } else {
                    out.append(contentsOf: RecordJSONRenderer.null)
                }
            case .subquery(let key, let index):
                out.append(contentsOf: key)
                appendSubquery(index, parentSlot: slot, to: &out)
            }
        }
        out.append(UInt8(ascii: "}"))
    }

    private static let null: [UInt8] = Array("null".utf8)

    /// One stored value as JSON; doubles without exponent notation.
    @inline(__always)
    static func appendValue(_ row: Row, _ ordinal: Int, _ storage: FieldType.StorageKind, to out: inout [UInt8]) {
        if storage == .double {
            if case .double(let value) = row.value(at: ordinal) {
                PlainNumber.appendDouble(value, to: &out)
                return
            }
        }
        row.appendJSON(at: ordinal, to: &out)
    }

    private func appendCompound(_ row: Row, _ parts: [OutputNode.CompoundPart], to out: inout [UInt8]) {
        guard parts.contains(where: { !row.isNull($0.field.ordinal) }) else {
            out.append(contentsOf: RecordJSONRenderer.null)
            return
        }
        out.append(UInt8(ascii: "{"))
        for (i, part) in parts.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: part.key)
            RecordJSONRenderer.appendValue(row, part.field.ordinal, part.field.type.storage, to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    private mutating func appendSubquery(_ index: Int, parentSlot: Int32?, to out: inout [UInt8]) {
        let subquery = result.plan.subqueries[index]
        guard let parentSlot, let children = result.children[index][parentSlot], !children.isEmpty else {
            out.append(contentsOf: RecordJSONRenderer.null)
            return
        }
        let rows = children.compactMap { subquery.table.row(at: Int($0)) }
        out.append(contentsOf: Array(#"{"totalSize":"#.utf8))
        out.append(contentsOf: String(rows.count).utf8)
        out.append(contentsOf: Array(#","done":true,"records":["#.utf8))
        for (i, row) in rows.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            appendRecord(row, table: subquery.table, nodes: subquery.nodes, expected: subquery.table.schema.name,
                         slot: nil, to: &out)
        }
        out.append(contentsOf: [UInt8(ascii: "]"), UInt8(ascii: "}")])
    }
}
