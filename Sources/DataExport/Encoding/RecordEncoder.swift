/// Turns records of a REST query page into output bytes (one CSV row or one JSON line each).
protocol RecordEncoder: AnyObject {
    /// Bytes written once at the start of the output (BOM, CSV header); empty for JSON Lines.
    func preamble() -> [UInt8]
    /// Appends record `record` of `document`.
    /// - Throws: `ExportError` when a value cannot be represented (e.g. a subquery into CSV).
    func encode(_ document: JSONDocument, record: Int, into out: inout [UInt8]) throws
}

/// Lower-case key paths for case-insensitive lookups, computed once per export.
struct ColumnKeys {
    let keys: [[[UInt8]]]

    init(_ columns: [ExportColumn]) {
        keys = columns.map { $0.path.map { Array($0.lowercased().utf8) } }
    }
}

extension JSONDocument {
    /// Follows `path` from `record`: the leaf node, or `nil` when any parent on the way is null or absent.
    @inline(__always)
    func resolve(_ record: Int, _ path: [[UInt8]]) -> Int? {
        var node = record
        for key in path {
            guard nodes[node].kind == .object, let next = member(node, key) else { return nil }
            node = next
        }
        return node
    }

    /// `resolve`, trying `hint` (the member after the one the previous column found) before scanning the
    /// record's members: Salesforce returns fields in select-list order, so a row's columns resolve in one
    /// pass over its members instead of one scan per column. `hint` is moved past the member found.
    @inline(__always)
    func resolve(_ record: Int, _ path: [[UInt8]], hint: inout Int) -> Int? {
        guard let first = path.first else { return record }
        guard nodes[record].kind == .object else { return nil }
        var node: Int
        if hint >= 0 && keyEquals(hint, first) {
            node = hint
        } else if let found = member(record, first) {
            node = found
        } else {
            return nil
        }
        hint = nodes[node].nextSibling
        var index = 1
        while index < path.count {
            guard nodes[node].kind == .object, let next = member(node, path[index]) else { return nil }
            node = next
            index += 1
        }
        return node
    }

    /// Whether `node` is a subquery result (`{totalSize, done, records}`).
    func isQueryResult(_ node: Int) -> Bool {
        guard nodes[node].kind == .object else { return false }
        return member(node, Array("records".utf8)) != nil && member(node, Array("done".utf8)) != nil
    }
}
