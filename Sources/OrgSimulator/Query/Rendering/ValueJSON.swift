/// Appends decoded `FieldValue`s as REST JSON (aggregate results and other computed values).
enum ValueJSON {
    static func append(_ value: FieldValue, to out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        case .text(let text), .id(let text):
            var text = text
            text.withUTF8 { JSONWriter.appendEscaped($0, to: &out) }
        case .int(let number): out.append(contentsOf: String(number).utf8)
        case .double(let number): PlainNumber.appendDouble(number, to: &out)
        case .bool(let flag): out.append(contentsOf: flag ? Array("true".utf8) : Array("false".utf8))
        case .date(let days):
            out.append(UInt8(ascii: "\""))
            ValueFormat.appendDate(days, to: &out)
            out.append(UInt8(ascii: "\""))
        case .dateTime(let millis):
            out.append(UInt8(ascii: "\""))
            ValueFormat.appendDateTime(millis, to: &out)
            out.append(UInt8(ascii: "\""))
        }
    }

    /// `"key":` as bytes, for precomputed record keys.
    static func key(_ name: String) -> [UInt8] {
        var out: [UInt8] = []
        var name = name
        name.withUTF8 { JSONWriter.appendEscaped($0, to: &out) }
        out.append(UInt8(ascii: ":"))
        return out
    }
}
