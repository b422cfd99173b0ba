extension JSONValue {
    /// The compact JSON text as UTF-8: no whitespace, keys in order, non-ASCII passed through unescaped.
    public func serialized() -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(64)
        serialize(into: &output)
        return output
    }

    /// Appends the compact JSON text to `output`.
    public func serialize(into output: inout [UInt8]) {
        switch self {
        case .null: output.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        case .bool(true): output.append(contentsOf: [0x74, 0x72, 0x75, 0x65])
        case .bool(false): output.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])
        case .number(let text): output.append(contentsOf: text.utf8)
        case .string(let text): JSONEscaping.appendQuoted(text, to: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                element.serialize(into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            for (index, member) in object.members.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                JSONEscaping.appendQuoted(member.key, to: &output)
                output.append(UInt8(ascii: ":"))
                member.value.serialize(into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }
}

/// String escaping shared by the serializer and the JSON Lines writer.
enum JSONEscaping {
    /// Escapes for the bytes that need one: quote, backslash, and control characters below 0x20. Everything
    /// else, including all non-ASCII UTF-8, passes through as-is (JSON is UTF-8; escaping it would only bloat).
    @inline(__always)
    static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x22 || byte == 0x5C
    }

    static func appendQuoted(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { appendEscaped($0, to: &output) }
        output.append(UInt8(ascii: "\""))
    }

    /// The index of the first byte at or after `start` that needs an escape, or `count`.
    ///
    /// Tests 16 bytes per step with SIMD compares: text with nothing to escape (nearly all of it) is skipped
    /// at about one instruction per byte instead of a test, branch and `Array.append` per byte.
    @inline(__always)
    static func nextEscape(_ base: UnsafePointer<UInt8>, from start: Int, count: Int) -> Int {
        var index = start
        let quotes = SIMD16<UInt8>(repeating: 0x22)
        let backslashes = SIMD16<UInt8>(repeating: 0x5C)
        let space = SIMD16<UInt8>(repeating: 0x20)
        while index + 16 <= count {
            let chunk = ByteVector.load(base + index)
            if ByteVector.any((chunk .== quotes) .| (chunk .== backslashes) .| (chunk .< space)) { break }
            index += 16
        }
        while index < count && !needsEscape(base[index]) { index += 1 }
        return index
    }

    /// Appends `bytes` escaped (without quotes), copying runs that need no escape in one go.
    static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        var runStart = 0
        while runStart < count {
            let index = nextEscape(base, from: runStart, count: count)
            if index > runStart {
                output.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: index - runStart))
            }
            if index == count { break }
            appendEscape(for: base[index], to: &output)
            runStart = index + 1
        }
    }

    /// Appends `bytes` escaped (without quotes) to a writer's block buffer.
    static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to output: OutputBuffer) {
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        var runStart = 0
        while runStart < count {
            let index = nextEscape(base, from: runStart, count: count)
            if index > runStart { output.append(base + runStart, index - runStart) }
            if index == count { break }
            escapeBytes(for: base[index]) { output.append($0, $1) }
            runStart = index + 1
        }
    }

    static func appendEscape(for byte: UInt8, to output: inout [UInt8]) {
        escapeBytes(for: byte) { output.append(contentsOf: UnsafeBufferPointer(start: $0, count: $1)) }
    }

    /// Passes the escape sequence for `byte` (2 or 6 bytes) to `emit` without allocating.
    @inline(__always)
    static func escapeBytes(for byte: UInt8, _ emit: (UnsafePointer<UInt8>, Int) -> Void) {
        var sequence: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0x5C, 0, 0x30, 0x30, 0, 0)
        let length: Int
        switch byte {
        case 0x22: sequence.1 = 0x22; length = 2
        case 0x5C: sequence.1 = 0x5C; length = 2
        case 0x0A: sequence.1 = UInt8(ascii: "n"); length = 2
        case 0x0D: sequence.1 = UInt8(ascii: "r"); length = 2
        case 0x09: sequence.1 = UInt8(ascii: "t"); length = 2
        case 0x08: sequence.1 = UInt8(ascii: "b"); length = 2
        case 0x0C: sequence.1 = UInt8(ascii: "f"); length = 2
        default:
            let hex = Self.hexDigits
            sequence.1 = UInt8(ascii: "u")
            sequence.4 = hex[Int(byte >> 4)]
            sequence.5 = hex[Int(byte & 0xF)]
            length = 6
        }
        withUnsafeBytes(of: &sequence) { raw in
            if let start = raw.baseAddress { emit(start.assumingMemoryBound(to: UInt8.self), length) }
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
