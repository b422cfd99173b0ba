/// Writes JSON Lines (one compact JSON value per line, LF-terminated) to a sink.
///
/// Keys keep the order of each `JSONObject` (or of the `JSONKeys` given), so output is stable run to run.
/// Output is formatted into one reusable buffer and handed to the sink in large blocks.
public final class JSONLinesWriter {
    private let sink: ByteSink
    private var buffer: [UInt8] = []
    private let blockSize: Int
    private var isFinished = false
    /// Lines written so far.
    public private(set) var linesWritten = 0

    /// - Parameters:
    ///   - sink: where the lines go; `finish()` finishes it.
    ///   - blockSize: how many bytes to collect before writing to the sink.
    public init(sink: ByteSink, blockSize: Int = 1 << 20) {
        self.sink = sink
        self.blockSize = max(4096, blockSize)
        buffer.reserveCapacity(self.blockSize + 64 * 1024)
    }

    /// Writes one value as a line.
    public func write(_ value: JSONValue) throws {
        guard !isFinished else { throw RecordFileError(.misuse, "JSON Lines write after finish") }
        value.serialize(into: &buffer)
        try endLine()
    }

    /// Writes one object built from pre-encoded keys and string values (nil = JSON null): the fast path for
    /// tabular records, with no `JSONValue` built per field.
    /// - Throws: `RecordFileError` (`.misuse`) when the value count differs from the key count.
    public func writeObject(keys: JSONKeys, values: [String?]) throws {
        guard values.count == keys.count else {
            throw RecordFileError(.misuse, "\(values.count) values for \(keys.count) keys")
        }
        buffer.append(UInt8(ascii: "{"))
        for index in 0..<values.count {
            buffer.append(contentsOf: keys.encoded[index])
            if var value = values[index] {
                buffer.append(UInt8(ascii: "\""))
                value.withUTF8 { JSONEscaping.appendEscaped($0, to: &buffer) }
                buffer.append(UInt8(ascii: "\""))
            } else {
                buffer.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
            }
        }
        buffer.append(UInt8(ascii: "}"))
        try endLine()
    }

    /// Writes one object from pre-encoded keys and a CSV record's fields as strings; an empty unquoted field
    /// becomes null when `emptyAsNull` is set. No `String` is created per field.
    public func writeObject(keys: JSONKeys, record: CSVRecordView, emptyAsNull: Bool = false) throws {
        guard record.count == keys.count else {
            throw RecordFileError(.misuse, "\(record.count) fields for \(keys.count) keys")
        }
        buffer.append(UInt8(ascii: "{"))
        for index in 0..<record.count {
            buffer.append(contentsOf: keys.encoded[index])
            let field = record[index]
            if emptyAsNull && field.isEmpty && !record.isQuoted(index) {
                buffer.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
            } else {
                buffer.append(UInt8(ascii: "\""))
                JSONEscaping.appendEscaped(field, to: &buffer)
                buffer.append(UInt8(ascii: "\""))
            }
        }
        buffer.append(UInt8(ascii: "}"))
        try endLine()
    }

    /// Writes one object from pre-encoded keys and `fieldCount` UTF-8 string values supplied by `field`
    /// (nil = JSON null): the fast path for columnar or custom record stores.
    public func writeObject(
        keys: JSONKeys, fieldCount: Int, field: (Int) -> UnsafeBufferPointer<UInt8>?
    ) throws {
        guard fieldCount == keys.count else {
            throw RecordFileError(.misuse, "\(fieldCount) fields for \(keys.count) keys")
        }
        buffer.append(UInt8(ascii: "{"))
        for index in 0..<fieldCount {
            buffer.append(contentsOf: keys.encoded[index])
            if let value = field(index) {
                buffer.append(UInt8(ascii: "\""))
                JSONEscaping.appendEscaped(value, to: &buffer)
                buffer.append(UInt8(ascii: "\""))
            } else {
                buffer.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
            }
        }
        buffer.append(UInt8(ascii: "}"))
        try endLine()
    }

    @inline(__always)
    private func endLine() throws {
        buffer.append(0x0A)
        linesWritten += 1
        if buffer.count >= blockSize { try flush() }
    }

    /// Hands buffered lines to the sink.
    public func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try sink.write($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and finishes the sink (which, for an `OutputFile`, publishes the file).
    public func finish() throws {
        guard !isFinished else { return }
        try flush()
        isFinished = true
        try sink.finish()
    }
}

/// Object keys encoded once as `"key":` bytes, for writers that emit many objects with the same keys.
public struct JSONKeys: Sendable {
    /// `"key":` per key, with a leading comma after the first.
    let encoded: [[UInt8]]
    /// The keys in order.
    public let names: [String]
    /// The number of keys.
    public var count: Int { names.count }

    public init(_ names: [String]) {
        self.names = names
        // Each key after the first carries its separating comma, so the writer appends one block per key.
        encoded = names.enumerated().map { index, name in
            var bytes: [UInt8] = index == 0 ? [] : [UInt8(ascii: ",")]
            JSONEscaping.appendQuoted(name, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            return bytes
        }
    }
}
