/// One record's values, packed into a single byte array so that millions of records fit in memory
/// (an array of enums would cost 24+ bytes per value plus a heap string for every text over 15 bytes).
///
/// Layout: `[fieldCount: UInt16][offsetWidth: UInt8][presentCount: UInt16][presence bitmap][offsets of present values]
/// [values]`. Each value is a tag byte and its payload (see `Tag`). A value is looked up by field
/// ordinal in O(bitmap bytes): the number of present fields before it indexes the offset table.
public struct Row: Sendable {
    /// The encoded bytes (also the persistence format of a record).
    public let bytes: [UInt8]

    init(bytes: [UInt8]) { self.bytes = bytes }

    enum Tag: UInt8 {
        case text = 1, int = 2, double = 3, boolFalse = 4, boolTrue = 5, id = 6, date = 7, dateTime = 8
    }

    /// Number of field slots in the row (the object's field count when written).
    public var fieldCount: Int { Int(bytes[0]) | Int(bytes[1]) << 8 }

    /// Byte position of the value at `ordinal`, or nil when it is null.
    @inline(__always)
    func position(of ordinal: Int) -> Int? {
        bytes.withUnsafeBufferPointer { b -> Int? in
            let count = Int(b[0]) | Int(b[1]) << 8
            guard ordinal >= 0, ordinal < count else { return nil }
            let width = Int(b[2])
            let total = Int(b[3]) | Int(b[4]) << 8
            let byteIndex = ordinal >> 3
            let bit = UInt8(1) << UInt8(ordinal & 7)
            let here = b[5 + byteIndex]
            guard here & bit != 0 else { return nil }
            var before = (here & (bit &- 1)).nonzeroBitCount
            var i = 0
            while i < byteIndex {
                before += b[5 + i].nonzeroBitCount
                i += 1
            }
            let bitmapBytes = (count + 7) >> 3
            let offsetsStart = 5 + bitmapBytes
            let dataStart = offsetsStart + total * width
            let o = offsetsStart + before * width
            var offset = Int(b[o]) | Int(b[o + 1]) << 8
            if width == 4 { offset |= Int(b[o + 2]) << 16 | Int(b[o + 3]) << 24 }
            return dataStart + offset
        }
    }

    /// True when the value at `ordinal` is null (or beyond the row's fields).
    public func isNull(_ ordinal: Int) -> Bool { position(of: ordinal) == nil }

    /// The decoded value at `ordinal` (`.null` when absent).
    public func value(at ordinal: Int) -> FieldValue {
        guard let p = position(of: ordinal) else { return .null }
        return bytes.withUnsafeBufferPointer { b -> FieldValue in
            switch Tag(rawValue: b[p]) {
            case .text:
                let (len, start) = Row.readVarint(b, p + 1)
                return .text(String(decoding: UnsafeBufferPointer(rebasing: b[start..<start + len]), as: UTF8.self))
            case .int: return .int(Int64(bitPattern: Row.read64(b, p + 1)))
            case .double: return .double(Double(bitPattern: Row.read64(b, p + 1)))
            case .boolFalse: return .bool(false)
            case .boolTrue: return .bool(true)
            case .id: return .id(String(decoding: UnsafeBufferPointer(rebasing: b[p + 1..<p + 19]), as: UTF8.self))
            case .date: return .date(Int32(bitPattern: UInt32(truncatingIfNeeded: Row.read32(b, p + 1))))
            case .dateTime: return .dateTime(Int64(bitPattern: Row.read64(b, p + 1)))
            case nil: return .null
            }
        }
    }

    /// Calls `body` with the UTF-8 bytes of a text or id value without copying; nil for other kinds and nulls.
    public func withTextBytes<R>(at ordinal: Int, _ body: (UnsafeBufferPointer<UInt8>?) throws -> R) rethrows -> R {
        guard let p = position(of: ordinal) else { return try body(nil) }
        return try bytes.withUnsafeBufferPointer { b -> R in
            switch Tag(rawValue: b[p]) {
            case .text:
                let (len, start) = Row.readVarint(b, p + 1)
                return try body(UnsafeBufferPointer(rebasing: b[start..<start + len]))
            case .id: return try body(UnsafeBufferPointer(rebasing: b[p + 1..<p + 19]))
            default: return try body(nil)
            }
        }
    }

    /// Appends the REST JSON rendering of the value at `ordinal` (`null`, a quoted string, a number,
    /// `true`/`false`, `"2024-01-31"`, `"2024-01-31T12:34:56.000+0000"`).
    public func appendJSON(at ordinal: Int, to out: inout [UInt8]) {
        guard let p = position(of: ordinal) else {
            out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
            return
        }
        bytes.withUnsafeBufferPointer { b in
            switch Tag(rawValue: b[p]) {
            case .text:
                let (len, start) = Row.readVarint(b, p + 1)
                JSONWriter.appendEscaped(UnsafeBufferPointer(rebasing: b[start..<start + len]), to: &out)
            case .int: out.append(contentsOf: String(Int64(bitPattern: Row.read64(b, p + 1))).utf8)
            case .double: out.append(contentsOf: ValueFormat.double(Double(bitPattern: Row.read64(b, p + 1))).utf8)
            case .boolFalse: out.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])
            case .boolTrue: out.append(contentsOf: [0x74, 0x72, 0x75, 0x65])
            case .id:
                out.append(UInt8(ascii: "\""))
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[p + 1..<p + 19]))
                out.append(UInt8(ascii: "\""))
            case .date:
                out.append(UInt8(ascii: "\""))
                ValueFormat.appendDate(Int32(bitPattern: UInt32(truncatingIfNeeded: Row.read32(b, p + 1))), to: &out)
                out.append(UInt8(ascii: "\""))
            case .dateTime:
                out.append(UInt8(ascii: "\""))
                ValueFormat.appendDateTime(Int64(bitPattern: Row.read64(b, p + 1)), to: &out)
                out.append(UInt8(ascii: "\""))
            case nil: out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
            }
        }
    }

    /// Appends the Bulk CSV rendering of the value at `ordinal`, always quoted (`""` for null),
    /// datetimes as `…000Z`.
    public func appendCSV(at ordinal: Int, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        if let p = position(of: ordinal) {
            bytes.withUnsafeBufferPointer { b in
                switch Tag(rawValue: b[p]) {
                case .text:
                    let (len, start) = Row.readVarint(b, p + 1)
                    for c in UnsafeBufferPointer(rebasing: b[start..<start + len]) {
                        if c == UInt8(ascii: "\"") { out.append(c) }
                        out.append(c)
                    }
                case .int: out.append(contentsOf: String(Int64(bitPattern: Row.read64(b, p + 1))).utf8)
                case .double:
                    out.append(contentsOf: ValueFormat.double(Double(bitPattern: Row.read64(b, p + 1))).utf8)
                case .boolFalse: out.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])
                case .boolTrue: out.append(contentsOf: [0x74, 0x72, 0x75, 0x65])
                case .id: out.append(contentsOf: UnsafeBufferPointer(rebasing: b[p + 1..<p + 19]))
                case .date:
                    ValueFormat.appendDate(Int32(bitPattern: UInt32(truncatingIfNeeded: Row.read32(b, p + 1))), to: &out)
                case .dateTime: ValueFormat.appendDateTime(Int64(bitPattern: Row.read64(b, p + 1)), zulu: true, to: &out)
                case nil: break
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    @inline(__always) static func readVarint(_ b: UnsafeBufferPointer<UInt8>, _ at: Int) -> (Int, Int) {
        var value = 0
        var shift = 0
        var i = at
        while true {
            let c = b[i]
            value |= Int(c & 0x7F) << shift
            i += 1
            if c & 0x80 == 0 { return (value, i) }
            shift += 7
        }
    }

    @inline(__always) static func read64(_ b: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt64 {
        var v: UInt64 = 0
        for i in 0..<8 { v |= UInt64(b[at + i]) << (8 * UInt64(i)) }
        return v
    }

    @inline(__always) static func read32(_ b: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt64 {
        var v: UInt64 = 0
        for i in 0..<4 { v |= UInt64(b[at + i]) << (8 * UInt64(i)) }
        return v
    }

    /// Encodes `values` (index = field ordinal) into a row.
    public static func encode(_ values: [FieldValue]) -> Row {
        let count = values.count
        let bitmapBytes = (count + 7) >> 3
        var bitmap = [UInt8](repeating: 0, count: bitmapBytes)
        var data: [UInt8] = []
        data.reserveCapacity(count * 8)
        var offsets: [Int] = []
        for (i, v) in values.enumerated() {
            if case .null = v { continue }
            bitmap[i >> 3] |= 1 << UInt8(i & 7)
            offsets.append(data.count)
            switch v {
            case .null: break
            case let .text(s):
                data.append(Tag.text.rawValue)
                var n = s.utf8.count
                while n >= 0x80 {
                    data.append(UInt8(n & 0x7F) | 0x80)
                    n >>= 7
                }
                data.append(UInt8(n))
                data.append(contentsOf: s.utf8)
            case let .int(x): data.append(Tag.int.rawValue); append64(UInt64(bitPattern: x), &data)
            case let .double(d): data.append(Tag.double.rawValue); append64(d.bitPattern, &data)
            case let .bool(b): data.append(b ? Tag.boolTrue.rawValue : Tag.boolFalse.rawValue)
            case let .id(s):
                data.append(Tag.id.rawValue)
                var idBytes = Array(s.utf8.prefix(18))
                while idBytes.count < 18 { idBytes.append(UInt8(ascii: "A")) }
                data.append(contentsOf: idBytes)
            case let .date(d):
                data.append(Tag.date.rawValue)
                let u = UInt32(bitPattern: d)
                for k in 0..<4 { data.append(UInt8(truncatingIfNeeded: u >> (8 * UInt32(k)))) }
            case let .dateTime(ms): data.append(Tag.dateTime.rawValue); append64(UInt64(bitPattern: ms), &data)
            }
        }
        let width = data.count < 65536 ? 2 : 4
        var out: [UInt8] = []
        out.reserveCapacity(5 + bitmapBytes + offsets.count * width + data.count)
        out.append(UInt8(count & 0xFF))
        out.append(UInt8(count >> 8))
        out.append(UInt8(width))
        out.append(UInt8(offsets.count & 0xFF))
        out.append(UInt8(offsets.count >> 8))
        out.append(contentsOf: bitmap)
        for o in offsets {
            out.append(UInt8(o & 0xFF))
            out.append(UInt8((o >> 8) & 0xFF))
            if width == 4 {
                out.append(UInt8((o >> 16) & 0xFF))
                out.append(UInt8((o >> 24) & 0xFF))
            }
        }
        out.append(contentsOf: data)
        return Row(bytes: out)
    }

    @inline(__always) static func append64(_ v: UInt64, _ out: inout [UInt8]) {
        for k in 0..<8 { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(k)))) }
    }

    /// All values, index = ordinal (for updates: decode, change, re-encode).
    public func decodeAll() -> [FieldValue] {
        (0..<fieldCount).map { value(at: $0) }
    }
}
