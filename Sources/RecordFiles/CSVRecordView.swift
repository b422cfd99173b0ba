/// One CSV record as the reader holds it: field bytes (quotes removed, doubled quotes undone) in the reader's
/// reusable storage.
///
/// A view is valid only inside the closure it is passed to; the next record reuses the storage. Use
/// `strings` or `string(at:)` to keep values.
public struct CSVRecordView {
    let bytes: UnsafePointer<UInt8>
    let ends: UnsafePointer<Int>
    let quoted: UnsafePointer<Bool>
    /// The number of fields.
    public let count: Int
    /// The 1-based record number (the header is record 1).
    public let number: Int
    /// The physical line the record starts on.
    public let line: Int

    init(
        bytes: UnsafePointer<UInt8>, ends: UnsafePointer<Int>, quoted: UnsafePointer<Bool>, count: Int,
        number: Int, line: Int
    ) {
        self.bytes = bytes
        self.ends = ends
        self.quoted = quoted
        self.count = count
        self.number = number
        self.line = line
    }

    /// The UTF-8 bytes of field `index` (0-based); empty when `index` is out of range.
    @inline(__always)
    public subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
        guard index >= 0 && index < count else { return UnsafeBufferPointer(start: bytes, count: 0) }
        let start = index == 0 ? 0 : ends[index - 1]
        return UnsafeBufferPointer(start: bytes + start, count: ends[index] - start)
    }

    /// Field `index` as a String (already validated as UTF-8); "" when out of range.
    public func string(at index: Int) -> String {
        String(decoding: self[index], as: UTF8.self)
    }

    /// True when field `index` was quoted in the file (tells `""` from an empty field).
    public func isQuoted(_ index: Int) -> Bool {
        index >= 0 && index < count && quoted[index]
    }

    /// All fields as Strings.
    public var strings: [String] {
        (0..<count).map { string(at: $0) }
    }
}
