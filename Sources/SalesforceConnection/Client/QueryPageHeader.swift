import RecordFiles

/// `totalSize`, `done` and `nextRecordsUrl` of a REST query page, read from the page's top-level members
/// without parsing its records.
///
/// Salesforce writes these members before `records`, so the scan normally stops at `records` after a few
/// dozen bytes; members in another order are found by skipping over values (strings and brackets only, no
/// values built). The records are not validated here: whoever reads them parses them.
struct QueryPageHeader: Sendable, Equatable {
    var totalSize: Int
    var done: Bool
    var nextRecordsURL: String?

    init(totalSize: Int, done: Bool, nextRecordsURL: String?) {
        self.totalSize = totalSize
        self.done = done
        self.nextRecordsURL = nextRecordsURL
    }

    /// - Throws: `SalesforceError.unexpectedResponse` when the page is not a JSON object or lacks
    ///   `totalSize`/`done`, or says `done=false` without a `nextRecordsUrl`.
    init(scanning body: [UInt8]) throws {
        var scanner = Scanner()
        try body.withUnsafeBufferPointer { try scanner.scan($0) }
        guard let totalSize = scanner.totalSize, let done = scanner.done else {
            throw SalesforceError.unexpectedResponse("a query page lacks totalSize/done")
        }
        if !done && scanner.next == nil {
            throw SalesforceError.unexpectedResponse("a query page says done=false but has no nextRecordsUrl")
        }
        self.totalSize = totalSize
        self.done = done
        self.nextRecordsURL = scanner.next
    }

    private struct Scanner {
        var totalSize: Int?
        var done: Bool?
        var next: String?

        /// Whether everything needed to follow the query is known.
        var complete: Bool { totalSize != nil && done != nil && (done == true || next != nil) }

        mutating func scan(_ b: UnsafeBufferPointer<UInt8>) throws {
            var p = 0
            skipSpace(b, &p)
            guard p < b.count, b[p] == UInt8(ascii: "{") else { throw Self.malformed(p, "expected '{'") }
            p += 1
            skipSpace(b, &p)
            if p < b.count && b[p] == UInt8(ascii: "}") { return }
            while true {
                guard p < b.count, b[p] == UInt8(ascii: "\"") else { throw Self.malformed(p, "expected a member name") }
                let keyStart = p + 1
                p = try Self.stringEnd(b, keyStart)
                let key = UnsafeBufferPointer(rebasing: b[keyStart..<(p - 1)])
                skipSpace(b, &p)
                guard p < b.count, b[p] == UInt8(ascii: ":") else { throw Self.malformed(p, "expected ':'") }
                p += 1
                skipSpace(b, &p)
                if Self.equals(key, "records") && complete { return }
                let valueStart = p
                try skipValue(b, &p)
                let value = UnsafeBufferPointer(rebasing: b[valueStart..<p])
                if Self.equals(key, "totalSize") {
                    totalSize = Self.integer(value)
                } else if Self.equals(key, "done") {
                    done = Self.equals(value, "true") ? true : (Self.equals(value, "false") ? false : nil)
                } else if Self.equals(key, "nextRecordsUrl") {
                    next = try? JSONValue.parse(value).stringValue
                }
                skipSpace(b, &p)
                guard p < b.count else { throw Self.malformed(p, "unexpected end") }
                if b[p] == UInt8(ascii: "}") { return }
                guard b[p] == UInt8(ascii: ",") else { throw Self.malformed(p, "expected ',' or '}'") }
                p += 1
                skipSpace(b, &p)
            }
        }

        func skipSpace(_ b: UnsafeBufferPointer<UInt8>, _ p: inout Int) {
            while p < b.count, b[p] == 0x20 || b[p] == 0x0A || b[p] == 0x0D || b[p] == 0x09 { p += 1 }
        }

        /// Moves past one value: a string, a container (depth counted, strings skipped), or a scalar.
        func skipValue(_ b: UnsafeBufferPointer<UInt8>, _ p: inout Int) throws {
            guard p < b.count else { throw Self.malformed(p, "expected a value") }
            switch b[p] {
            case UInt8(ascii: "\""):
                p = try Self.stringEnd(b, p + 1)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                while p < b.count {
                    switch b[p] {
                    case UInt8(ascii: "\""):
                        p = try Self.stringEnd(b, p + 1)
                        continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["):
                        depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                        if depth == 0 {
                            p += 1
                            return
                        }
                    default:
                        break
                    }
                    p += 1
                }
                throw Self.malformed(p, "unterminated array or object")
            default:
                while p < b.count {
                    let c = b[p]
                    if c == UInt8(ascii: ",") || c == UInt8(ascii: "}") || c == UInt8(ascii: "]") || c == 0x20
                        || c == 0x0A || c == 0x0D || c == 0x09
                    {
                        return
                    }
                    p += 1
                }
            }
        }

        /// The index just past the closing quote of the string whose content starts at `start`.
        static func stringEnd(_ b: UnsafeBufferPointer<UInt8>, _ start: Int) throws -> Int {
            var p = start
            while p < b.count {
                if b[p] == UInt8(ascii: "\\") {
                    p += 2
                    continue
                }
                if b[p] == UInt8(ascii: "\"") { return p + 1 }
                p += 1
            }
            throw malformed(start, "unterminated string")
        }

        static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ text: StaticString) -> Bool {
            guard bytes.count == text.utf8CodeUnitCount else { return false }
            return text.withUTF8Buffer { $0.elementsEqual(bytes) }
        }

        static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
            guard !bytes.isEmpty, bytes.count < 19 else { return nil }
            var value = 0
            for c in bytes {
                guard c >= 0x30 && c <= 0x39 else { return nil }
                value = value * 10 + Int(c - 0x30)
            }
            return value
        }

        static func malformed(_ position: Int, _ what: String) -> SalesforceError {
            SalesforceError.unexpectedResponse("a query page is not valid JSON at byte \(position): \(what)")
        }
    }
}
