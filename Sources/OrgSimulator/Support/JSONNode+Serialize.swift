extension JSONNode {
    /// Writes this value compactly, numbers as their original text and keys in their original order.
    func write(to w: inout JSONWriter) {
        switch self {
        case .null: w.null()
        case let .bool(b): w.bool(b)
        case let .number(n): w.raw(n)
        case let .string(s): w.string(s)
        case let .array(items):
            w.raw("[")
            var first = true
            for item in items {
                w.comma(&first)
                item.write(to: &w)
            }
            w.raw("]")
        case let .object(pairs):
            w.raw("{")
            var first = true
            for (k, v) in pairs {
                w.comma(&first)
                w.key(k)
                v.write(to: &w)
            }
            w.raw("}")
        }
    }

    /// The compact serialization of this value.
    func serialized() -> [UInt8] {
        var w = JSONWriter()
        write(to: &w)
        return w.bytes
    }
}
