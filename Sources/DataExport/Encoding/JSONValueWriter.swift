/// Re-serialises parsed JSON values for JSON Lines output: `attributes` dropped (unless kept), subquery
/// results (`{totalSize, done, records}`) replaced by the plain array of child records, scalars copied
/// as their original bytes.
struct JSONValueWriter {
    let keepAttributes: Bool

    static let attributesKey = Array("attributes".utf8)

    /// Appends `node` as JSON.
    func writeValue(_ d: JSONDocument, _ node: Int, into out: inout [UInt8]) {
        let n = d.nodes[node]
        switch n.kind {
        case .object:
            if d.isQueryResult(node) {
                writeChildRecords(d, node, into: &out)
                return
            }
            out.append(0x7B)
            var first = true
            var child = n.firstChild
            while child >= 0 {
                if keepAttributes || !d.keyEquals(child, Self.attributesKey) {
                    if !first { out.append(0x2C) }
                    first = false
                    let c = d.nodes[child]
                    out.append(0x22)
                    out.append(contentsOf: d.bytes[c.keyStart..<c.keyEnd])
                    out.append(0x22)
                    out.append(0x3A)
                    writeValue(d, child, into: &out)
                }
                child = d.nodes[child].nextSibling
            }
            out.append(0x7D)
        case .array:
            out.append(0x5B)
            var child = n.firstChild
            var first = true
            while child >= 0 {
                if !first { out.append(0x2C) }
                first = false
                writeValue(d, child, into: &out)
                child = d.nodes[child].nextSibling
            }
            out.append(0x5D)
        case .string:
            out.append(contentsOf: d.bytes[(n.start - 1)..<(n.end + 1)])
        default:
            out.append(contentsOf: d.bytes[n.start..<n.end])
        }
    }

    /// Appends the `records` of a subquery result as a JSON array (`[]` for a null subquery).
    func writeChildRecords(_ d: JSONDocument, _ node: Int, into out: inout [UInt8]) {
        guard d.nodes[node].kind == .object, let records = d.member(node, Array("records".utf8)) else {
            out.append(contentsOf: [0x5B, 0x5D])
            return
        }
        writeValue(d, records, into: &out)
    }
}
