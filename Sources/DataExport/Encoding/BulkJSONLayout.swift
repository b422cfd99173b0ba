/// The nesting of Bulk CSV columns for JSON Lines: dotted header names (`Account.Owner.Name`) become
/// nested objects, and a parent whose values are all empty becomes `null`, as the REST API reports a
/// missing parent.
struct BulkJSONLayout {
    indirect enum Node {
        case leaf(key: [UInt8], column: Int)
        case group(key: [UInt8], children: [Node], columns: [Int])
    }

    let nested: [Node]
    let flatKeys: [[UInt8]]

    /// - Parameters:
    ///   - bulkHeader: the header row of a page (canonical field names).
    ///   - columns: the output columns; used for the flattened keys (as written in the query).
    init(bulkHeader: [String], columns: [ExportColumn]) {
        flatKeys = columns.map { JSONText.quoted($0.header) + [0x3A] }
        let paths: [[String]] = bulkHeader.count == columns.count
            ? bulkHeader.map { $0.split(separator: ".").map(String.init) }
            : columns.map { $0.path }
        nested = Self.build(paths.enumerated().map { ($0.offset, $0.element) })
    }

    private static func build(_ entries: [(Int, [String])]) -> [Node] {
        var nodes: [Node] = []
        var index = 0
        while index < entries.count {
            let (column, path) = entries[index]
            let key = JSONText.quoted(path.first ?? "") + [0x3A]
            if path.count <= 1 {
                nodes.append(.leaf(key: key, column: column))
                index += 1
                continue
            }
            // Gather every later entry under the same parent name (case-insensitive), keeping first-seen order.
            let parent = path[0].lowercased()
            var members: [(Int, [String])] = []
            var rest: [(Int, [String])] = []
            for entry in entries[index...] {
                if entry.1.count > 1 && entry.1[0].lowercased() == parent {
                    members.append((entry.0, Array(entry.1.dropFirst())))
                } else {
                    rest.append(entry)
                }
            }
            nodes.append(.group(key: key, children: build(members), columns: members.map { $0.0 }))
            return nodes + build(rest)
        }
        return nodes
    }

    func write(_ row: [UInt8], _ ends: [Int], kinds: [ValueKind], flatten: Bool, into out: inout [UInt8]) {
        out.append(0x7B)
        if flatten {
            for column in 0..<ends.count {
                if column > 0 { out.append(0x2C) }
                out.append(contentsOf: flatKeys[column])
                writeValue(row, ends, column, kinds, into: &out)
            }
        } else {
            writeMembers(nested, row, ends, kinds, into: &out)
        }
        out.append(0x7D)
        out.append(0x0A)
    }

    private func writeMembers(
        _ nodes: [Node], _ row: [UInt8], _ ends: [Int], _ kinds: [ValueKind], into out: inout [UInt8]
    ) {
        for (position, node) in nodes.enumerated() {
            if position > 0 { out.append(0x2C) }
            switch node {
            case .leaf(let key, let column):
                out.append(contentsOf: key)
                writeValue(row, ends, column, kinds, into: &out)
            case .group(let key, let children, let columns):
                out.append(contentsOf: key)
                let allEmpty = columns.allSatisfy { column in
                    (column == 0 ? 0 : ends[column - 1]) == ends[column]
                }
                if allEmpty {
                    out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
                } else {
                    out.append(0x7B)
                    writeMembers(children, row, ends, kinds, into: &out)
                    out.append(0x7D)
                }
            }
        }
    }

    @inline(__always)
    private func writeValue(_ row: [UInt8], _ ends: [Int], _ column: Int, _ kinds: [ValueKind], into out: inout [UInt8])
    {
        let start = column == 0 ? 0 : ends[column - 1]
        let end = ends[column]
        if start == end {
            out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
            return
        }
        var kind = column < kinds.count ? kinds[column] : .text
        if kind == .number && !row[start..<end].allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2D || $0 == 0x2B || $0 == 0x45 || $0 == 0x65 }) {
            kind = .text
        }
        if kind == .boolean && !(row[start..<end].elementsEqual("true".utf8) || row[start..<end].elementsEqual("false".utf8)) {
            kind = .text
        }
        switch kind {
        case .number:
            PlainNumber.append(row, start..<end, to: &out)
        case .boolean:
            out.append(contentsOf: row[start..<end])
        case .text:
            out.append(0x22)
            row.withUnsafeBufferPointer { JSONText.appendEscaped(UnsafeBufferPointer(rebasing: $0[start..<end]), to: &out) }
            out.append(0x22)
        }
    }
}
