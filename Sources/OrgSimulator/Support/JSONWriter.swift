/// Appends JSON to a byte buffer without building an intermediate tree: the hot path of every
/// response (query pages render thousands of records through it).
public struct JSONWriter: Sendable {
    /// The bytes written so far.
    public var bytes: [UInt8]

    public init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    @inlinable public mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    @inlinable public mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }

    /// Writes `s` as a quoted, escaped JSON string.
    public mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { JSONWriter.appendEscaped($0, to: &bytes) }
    }

    /// Writes raw UTF-8 bytes as a quoted, escaped JSON string.
    public mutating func string(utf8: UnsafeBufferPointer<UInt8>) { JSONWriter.appendEscaped(utf8, to: &bytes) }

    /// Writes `"key":`.
    public mutating func key(_ k: String) {
        string(k)
        bytes.append(UInt8(ascii: ":"))
    }

    public mutating func int(_ v: some BinaryInteger) { raw(String(v)) }
    public mutating func bool(_ v: Bool) { if v { raw("true") } else { raw("false") } }
    public mutating func null() { raw("null") }

    /// Writes a double the way Salesforce's REST API does (`1250000.0`, exponent form when large).
    public mutating func double(_ v: Double) {
        if v.isNaN || v.isInfinite { raw("null"); return }
        raw(v.description.replacingOccurrences(of: "e+", with: "E").replacingOccurrences(of: "e-", with: "E-"))
    }

    /// Writes a comma if `first` is false, then sets it false: for hand-written objects and arrays.
    @inlinable public mutating func comma(_ first: inout Bool) {
        if first { first = false } else { bytes.append(UInt8(ascii: ",")) }
    }

    @usableFromInline static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    static func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var runStart = 0
        var i = 0
        let n = utf8.count
        while i < n {
            let c = utf8[i]
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") || c < 0x20 {
                if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
                switch c {
                case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
                case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                default:
                    out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hexDigits[Int(c >> 4)], hexDigits[Int(c & 0xF)]])
                }
                runStart = i + 1
            }
            i += 1
        }
        if runStart < n { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<n])) }
        out.append(UInt8(ascii: "\""))
    }
}
