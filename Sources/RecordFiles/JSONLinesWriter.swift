/// Writes JSON Lines (one compact JSON value per line, LF-terminated) to a sink.
///
/// Keys keep the order of each `JSONObject` (or of the `JSONKeys` given), so output is stable run to run.
/// Output is formatted into one reusable buffer and handed to the sink in large blocks.
public final class JSONLinesWriter {
    private let output: OutputBuffer
    private var scratch: [UInt8] = []
    private var isFinished = false
    /// Lines written so far.
    public private(set) var linesWritten = 0

    /// - Parameters:
    ///   - sink: where the lines go; `finish()` finishes it.
    ///   - blockSize: how many bytes to collect before writing to the sink.
    public init(sink: ByteSink, blockSize: Int = 1 << 20) {
        output = OutputBuffer(sink: sink, blockSize: blockSize)
    }

    /// Writes one value as a line.
    public func write(_ value: JSONValue) throws {
        guard !isFinished else { throw RecordFileError(.misuse, "JSON Lines write after finish") }
        scratch.removeAll(keepingCapacity: true)
        value.serialize(into: &scratch)
        output.append(scratch)
        try endLine()
    }

    /// Writes one object built from pre-encoded keys and string values (nil = JSON null): the fast path for
    /// tabular records, with no `JSONValue` built per field.
    /// - Throws: `RecordFileError` (`.misuse`) when the value count differs from the key count.
    public func writeObject(keys: JSONKeys, values: [String?]) throws {
        guard values.count == keys.count else {
            throw RecordFileError(.misuse, "\(values.count) values for \(keys.count) keys")
        }
        output.append(UInt8(ascii: "{"))
        for index in 0..<values.count {
            output.append(keys.encoded[index])
            if var value = values[index] {
                output.append(UInt8(ascii: "\""))
                value.withUTF8 { JSONEscaping.appendEscaped($0, to: output) }
                output.append(UInt8(ascii: "\""))
            } else {
                output.append(Self.null)
            }
        }
        output.append(UInt8(ascii: "}"))
        try endLine()
    }

    /// Writes one object from pre-encoded keys and a CSV record's fields as strings; an empty unquoted field
    /// becomes null when `emptyAsNull` is set. No `String` is created per field.
    public func writeObject(keys: JSONKeys, record: CSVRecordView, emptyAsNull: Bool = false) throws {
        guard record.count == keys.count else {
            throw RecordFileError(.misuse, "\(record.count) fields for \(keys.count) keys")
        }
        output.append(UInt8(ascii: "{"))
        for index in 0..<record.count {
            output.append(keys.encoded[index])
            let field = record[index]
            if emptyAsNull && field.isEmpty && !record.isQuoted(index) {
                output.append(Self.null)
            } else {
                output.append(UInt8(ascii: "\""))
                JSONEscaping.appendEscaped(field, to: output)
                output.append(UInt8(ascii: "\""))
            }
        }
        output.append(UInt8(ascii: "}"))
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
        output.append(UInt8(ascii: "{"))
        for index in 0..<fieldCount {
            output.append(keys.encoded[index])
            if let value = field(index) {
                output.append(UInt8(ascii: "\""))
                JSONEscaping.appendEscaped(value, to: output)
                output.append(UInt8(ascii: "\""))
            } else {
                output.append(Self.null)
            }
        }
        output.append(UInt8(ascii: "}"))
        try endLine()
    }

    private static let null: [UInt8] = [0x6E, 0x75, 0x6C, 0x6C]

    @inline(__always)
    private func endLine() throws {
        output.append(0x0A)
        linesWritten += 1
        try output.flushIfFull()
    }

    /// Hands buffered lines to the sink.
    public func flush() throws {
        try output.flush()
    }

    /// Flushes and finishes the sink (which, for an `OutputFile`, publishes the file).
    public func finish() throws {
        guard !isFinished else { return }
        try flush()
        isFinished = true
        try output.sink.finish()
    }
}
