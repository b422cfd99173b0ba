/// A JSON text parsed into a flat node array over its own bytes.
///
/// The export engine reads REST query pages with it. It is hand-written rather than built on a
/// general JSON value type because the hot path needs byte ranges, not values: an unescaped string
/// is written to CSV or JSON Lines by copying its bytes, and a record's fields are found by walking
/// sibling links without allocating.
struct JSONDocument {
    private(set) var bytes: [UInt8]
    private(set) var nodes: [JSONNode] = []

    /// Parses `bytes` completely.
    /// - Throws: `ExportError` (protocolViolation) naming the byte offset of the first syntax error.
    init(bytes: [UInt8]) throws {
        var storage: [JSONNode] = []
        try self.init(bytes: bytes, reusing: &storage)
    }

    /// Parses `bytes` into the node storage of a previous page (`takeNodes()`), so a long REST export
    /// reuses one node array instead of allocating (and growing) one per page. `storage` is left empty.
    init(bytes: [UInt8], reusing storage: inout [JSONNode]) throws {
        self.bytes = bytes
        let parser = Parser()
        let count = bytes.count
        var parsed: [JSONNode] = []
        swap(&parsed, &storage)
        parsed.removeAll(keepingCapacity: true)
        parsed.reserveCapacity(max(16, bytes.count / 20))
        try bytes.withUnsafeBufferPointer { buffer in
            var position = 0
            parser.skipSpace(buffer, &position)
            _ = try parser.value(buffer, &position, keyStart: 0, keyEnd: 0, into: &parsed)
            parser.skipSpace(buffer, &position)
            if position != count {
                throw ExportError.protocolViolation("the server's JSON has extra data at byte \(position)")
            }
        }
        nodes = parsed
    }

    var root: Int { 0 }

    /// Hands over the node array (for the next page's `init(bytes:reusing:)`); the document is empty after.
    mutating func takeNodes() -> [JSONNode] {
        var taken: [JSONNode] = []
        swap(&taken, &nodes)
        return taken
    }

    /// The member of object `node` whose name equals `key` ignoring ASCII case; `key` must be lower-case.
    func member(_ node: Int, _ key: [UInt8]) -> Int? {
        guard nodes[node].kind == .object else { return nil }
        var child = nodes[node].firstChild
        while child >= 0 {
            if keyEquals(child, key) { return child }
            child = nodes[child].nextSibling
        }
        return nil
    }

    /// Whether `node`'s member name equals lower-case `key` ignoring ASCII case.
    func keyEquals(_ node: Int, _ key: [UInt8]) -> Bool {
        let n = nodes[node]
        guard n.keyEnd - n.keyStart == key.count else { return false }
        var i = n.keyStart
        var j = 0
        while j < key.count {
            var b = bytes[i]
            if b >= 0x41 && b <= 0x5A { b |= 0x20 }
            if b != key[j] { return false }
            i += 1
            j += 1
        }
        return true
    }

    /// Whether `node`'s member name is exactly `key` (case-sensitive).
    func keyIs(_ node: Int, _ key: StaticString) -> Bool {
        let n = nodes[node]
        guard n.keyEnd - n.keyStart == key.utf8CodeUnitCount else { return false }
        return key.withUTF8Buffer { keyBytes in
            var i = n.keyStart
            for b in keyBytes {
                if bytes[i] != b { return false }
                i += 1
            }
            return true
        }
    }

    /// The integer value of a number node, if it is one.
    func intValue(_ node: Int) -> Int? {
        guard nodes[node].kind == .number else { return nil }
        var value = 0
        for i in nodes[node].start..<nodes[node].end {
            let b = bytes[i]
            guard b >= 0x30 && b <= 0x39 else { return nil }
            value = value * 10 + Int(b - 0x30)
        }
        return value
    }

    /// The decoded text of a string node.
    func stringValue(_ node: Int) -> String? {
        guard nodes[node].kind == .string else { return nil }
        var out: [UInt8] = []
        appendDecodedString(node, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the decoded UTF-8 content of string `node` (escapes resolved).
    func appendDecodedString(_ node: Int, to out: inout [UInt8]) {
        let n = nodes[node]
        if !n.escaped {
            out.append(contentsOf: bytes[n.start..<n.end])
            return
        }
        JSONStringDecoder.decode(bytes, n.start, n.end, into: &out)
    }

    /// The raw bytes of a node: a string's JSON text with quotes, a container's full text.
    func rawRange(_ node: Int) -> Range<Int> {
        let n = nodes[node]
        return n.kind == .string ? (n.start - 1)..<(n.end + 1) : n.start..<n.end
    }

    private struct Parser {
        func skipSpace(_ b: UnsafeBufferPointer<UInt8>, _ p: inout Int) {
            while p < b.count {
                let c = b[p]
                if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { p += 1 } else { return }
            }
        }

        func fail(_ p: Int, _ what: String) -> ExportError {
            ExportError.protocolViolation("the server's JSON is malformed at byte \(p): \(what)")
        }

        /// Parses one value at `p`, appends its node (and its children) and returns its index.
        func value(
            _ b: UnsafeBufferPointer<UInt8>, _ p: inout Int, keyStart: Int, keyEnd: Int,
            into nodes: inout [JSONNode]
        ) throws -> Int {
            guard p < b.count else { throw fail(p, "unexpected end") }
            let index = nodes.count
            let c = b[p]
            switch c {
            case 0x7B, 0x5B:  // { [
                let isObject = c == 0x7B
                nodes.append(
                    JSONNode(
                        kind: isObject ? .object : .array, escaped: false, start: p, end: p, keyStart: keyStart,
                        keyEnd: keyEnd, firstChild: -1, nextSibling: -1))
                p += 1
                skipSpace(b, &p)
                let close: UInt8 = isObject ? 0x7D : 0x5D
                var previous = -1
                if p < b.count && b[p] == close {
                    p += 1
                } else {
                    while true {
                        var ks = 0
                        var ke = 0
                        if isObject {
                            guard p < b.count, b[p] == 0x22 else { throw fail(p, "expected a member name") }
                            p += 1
                            ks = p
                            while p < b.count && b[p] != 0x22 {
                                if b[p] == 0x5C { p += 1 }
                                p += 1
                            }
                            guard p < b.count else { throw fail(p, "unterminated member name") }
                            ke = p
                            p += 1
                            skipSpace(b, &p)
                            guard p < b.count, b[p] == 0x3A else { throw fail(p, "expected ':'") }
                            p += 1
                            skipSpace(b, &p)
                        }
                        let child = try value(b, &p, keyStart: ks, keyEnd: ke, into: &nodes)
                        if previous < 0 { nodes[index].firstChild = child } else { nodes[previous].nextSibling = child }
                        previous = child
                        skipSpace(b, &p)
                        guard p < b.count else { throw fail(p, "unexpected end") }
                        if b[p] == 0x2C {
                            p += 1
                            skipSpace(b, &p)
                            continue
                        }
                        if b[p] == close {
                            p += 1
                            break
                        }
                        throw fail(p, "expected ',' or a closing bracket")
                    }
                }
                nodes[index].end = p
            case 0x22:
                p += 1
                let start = p
                var escaped = false
                while p < b.count {
                    let d = b[p]
                    if d == 0x22 { break }
                    if d == 0x5C {
                        escaped = true
                        p += 2
                        continue
                    }
                    p += 1
                }
                guard p < b.count else { throw fail(start, "unterminated string") }
                nodes.append(
                    JSONNode(
                        kind: .string, escaped: escaped, start: start, end: p, keyStart: keyStart, keyEnd: keyEnd,
                        firstChild: -1, nextSibling: -1))
                p += 1
            case 0x74, 0x66, 0x6E:  // true false null
                let length = c == 0x66 ? 5 : 4
                guard p + length <= b.count else { throw fail(p, "unexpected end") }
                let kind: JSONNode.Kind = c == 0x74 ? .trueValue : (c == 0x66 ? .falseValue : .null)
                nodes.append(
                    JSONNode(
                        kind: kind, escaped: false, start: p, end: p + length, keyStart: keyStart, keyEnd: keyEnd,
                        firstChild: -1, nextSibling: -1))
                p += length
            default:
                let start = p
                while p < b.count {
                    let d = b[p]
                    if (d >= 0x30 && d <= 0x39) || d == 0x2D || d == 0x2B || d == 0x2E || d == 0x65 || d == 0x45 {
                        p += 1
                    } else {
                        break
                    }
                }
                guard p > start else { throw fail(p, "unexpected character") }
                nodes.append(
                    JSONNode(
                        kind: .number, escaped: false, start: start, end: p, keyStart: keyStart, keyEnd: keyEnd,
                        firstChild: -1, nextSibling: -1))
            }
            return index
        }
    }
}
