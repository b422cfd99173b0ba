/// A streaming, byte-level CSV reader: RFC 4180 plus what real exports contain.
///
/// - Quoted fields may hold delimiters, doubled quotes and line breaks; LF, CRLF and lone CR end records.
/// - A UTF-8 byte order mark is skipped; Windows-1252 and ISO-8859-1 input is converted to UTF-8 on request.
/// - Blank lines between records are skipped (write a lone empty field as `""`, as `CSVWriter` does).
/// - Memory is the input buffer plus the largest record, whatever the file size.
/// - Malformed input is a `RecordFileError` naming the record, physical line and column: unterminated quote,
///   stray quote, wrong field count (unless `lenient`), invalid UTF-8, record too large.
///
/// Two ways to read: `readRecord { view in ... }` hands out field bytes without creating a String per field
/// (the fast path for converters), and `readRow()` returns `[String]`.
public final class CSVReader {
    /// The options in force.
    public let options: CSVReadOptions
    /// The input's name in messages.
    public let name: String
    /// The header names; nil when `options.hasHeader` is false, empty for an empty input.
    public private(set) var header: [String]?
    /// The field count every record must have: the header's, or the first record's.
    public private(set) var expectedFieldCount: Int?
    /// The number of the last record read (the header is record 1).
    public private(set) var recordNumber = 0

    private let source: ByteSource
    private let delimiter: UInt8
    private let validatesUTF8: Bool

    // Input buffer: `position..<end` is unread; `bufferOffset` is the absolute offset of `buffer[0]`.
    private let buffer: UnsafeMutablePointer<UInt8>
    private let bufferCapacity: Int
    private var position = 0
    private var end = 0
    private var bufferOffset = 0
    private var sourceEnded = false

    // Physical position, for messages.
    private var line = 1
    private var lineStart = 0
    private var skipLF = false
    private var recordLine = 1

    // The current record: unquoted field bytes back to back, each field's end offset and quoted flag.
    private var fieldBytes: UnsafeMutablePointer<UInt8>
    private var fieldBytesCapacity: Int
    private var fieldBytesCount = 0
    private var fieldEnds: UnsafeMutablePointer<Int>
    private var fieldQuoted: UnsafeMutablePointer<Bool>
    private var fieldCapacity: Int
    private var fieldCount = 0

    /// Per byte: bit 1 ends a run inside an unquoted field (delimiter, quote, CR, LF); bit 2 ends a run inside
    /// a quoted field (quote, CR, LF).
    private let classes: UnsafeMutablePointer<UInt8>

    /// Opens a reader over `source`, reading the header if the options say there is one.
    /// - Parameters:
    ///   - source: the bytes (an `InputFile` for files, stdin and gzip).
    ///   - options: delimiter, header, encoding, leniency.
    ///   - name: the input's name for messages.
    /// - Throws: `RecordFileError` for a malformed header or an I/O failure.
    public init(source: ByteSource, options: CSVReadOptions = CSVReadOptions(), name: String = "input") throws {
        self.options = options
        self.name = name
        self.source = options.encoding == .utf8 ? source : TranscodingSource(source: source, encoding: options.encoding)
        delimiter = options.delimiter.rawValue
        validatesUTF8 = options.encoding == .utf8
        bufferCapacity = max(4096, options.bufferSize)
        buffer = .allocate(capacity: bufferCapacity)
        fieldBytesCapacity = min(64 * 1024, max(1, options.maxRecordBytes))
        fieldBytes = .allocate(capacity: fieldBytesCapacity)
        fieldCapacity = 64
        fieldEnds = .allocate(capacity: fieldCapacity)
        fieldQuoted = .allocate(capacity: fieldCapacity)
        classes = .allocate(capacity: 256)
        classes.initialize(repeating: 0, count: 256)
        classes[Int(delimiter)] = 1
        for byte in [0x22, 0x0D, 0x0A] { classes[byte] = 3 }

        try skipByteOrderMark()
        if options.hasHeader {
            header = try readRecord { $0.strings } ?? []
            expectedFieldCount = header?.count
        }
    }

    /// Opens a file ("-" = standard input; gzip detected by content) and reads its header.
    public convenience init(path: String, options: CSVReadOptions = CSVReadOptions()) throws {
        try self.init(source: try InputFile.open(path), options: options, name: path == "-" ? "stdin" : path)
    }

    deinit {
        buffer.deallocate()
        fieldBytes.deallocate()
        fieldEnds.deallocate()
        fieldQuoted.deallocate()
        classes.deallocate()
    }

    /// Bytes of (decoded) input consumed so far, for progress reports.
    public var bytesRead: Int { bufferOffset + position }

    /// Reads the next record and passes it to `body`; returns `body`'s result, or nil at the end of input.
    /// The view is valid only inside `body`.
    /// - Throws: `RecordFileError` for malformed input, or what `body` throws.
    public func readRecord<Result>(_ body: (CSVRecordView) throws -> Result) throws -> Result? {
        guard try parseRecord() else { return nil }
        let view = CSVRecordView(
            bytes: fieldBytes, ends: fieldEnds, quoted: fieldQuoted, count: fieldCount, number: recordNumber,
            line: recordLine)
        return try body(view)
    }

    /// Reads the next record as Strings; nil at the end of input.
    public func readRow() throws -> [String]? {
        try readRecord { $0.strings }
    }

    /// Calls `body` for every remaining record.
    public func forEachRecord(_ body: (CSVRecordView) throws -> Void) throws {
        while try readRecord(body) != nil {}
    }

    /// Reads every remaining record as Strings: for small files and tests.
    public func readAllRows() throws -> [[String]] {
        var rows: [[String]] = []
        while let row = try readRow() { rows.append(row) }
        return rows
    }

    // MARK: parsing

    private enum State {
        case fieldStart, unquoted, quoted, quoteInQuoted
    }

    /// Parses one record into the field storage; false at the end of input.
    ///
    /// This is the hot loop. It scans runs of ordinary bytes with a 256-entry class table and copies each run
    /// with one memcpy, so per byte it costs one load and one test; a per-byte state machine over Character or
    /// String (or Foundation's Scanner) costs 10-50x more.
    private func parseRecord() throws -> Bool {
        fieldCount = 0
        fieldBytesCount = 0
        recordLine = line
        var state = State.fieldStart
        var atRecordStart = true
        var fieldWasQuoted = false
        var quotedAfterCR = false
        var quoteLine = 0
        var quoteColumn = 0
        let delimiter = self.delimiter
        let classes = self.classes
        let buffer = self.buffer

        while true {
            if position == end {
                if try refill() { continue }
                switch state {
                case .fieldStart:
                    if atRecordStart { return false }
                    try endField(quoted: false)
                case .unquoted:
                    try endField(quoted: fieldWasQuoted)
                case .quoteInQuoted:
                    try endField(quoted: true)
                case .quoted:
                    throw failure(
                        .unterminatedQuote, "the quoted field opened here is never closed before the end of the input",
                        line: quoteLine, column: quoteColumn, field: fieldCount + 1)
                }
                return try finishRecord()
            }
            if skipLF {
                skipLF = false
                if buffer[position] == 0x0A {
                    position += 1
                    lineStart = bufferOffset + position
                    continue
                }
            }
            switch state {
            case .fieldStart:
                let byte = buffer[position]
                if byte == 0x22 {
                    quoteLine = line
                    quoteColumn = bufferOffset + position - lineStart + 1
                    position += 1
                    state = .quoted
                    fieldWasQuoted = true
                    quotedAfterCR = false
                    atRecordStart = false
                } else if byte == delimiter {
                    position += 1
                    try endField(quoted: false)
                    atRecordStart = false
                } else if byte == 0x0A || byte == 0x0D {
                    consumeLineBreak(byte)
                    if atRecordStart {
                        recordLine = line  // a blank line: skip it
                        continue
                    }
                    try endField(quoted: false)
                    return try finishRecord()
                } else {
                    state = .unquoted
                    fieldWasQuoted = false
                    atRecordStart = false
                }

            case .unquoted:
                // Locals, not the stored properties: a class property bumped per byte pays an exclusivity
                // check each time, which measured about 2x slower on this loop.
                let runStart = position
                var scan = runStart
                let stop = end
                scan = Self.skipOrdinary(buffer, from: scan, to: stop, delimiter: delimiter, classes: classes)
                position = scan
                if scan > runStart { try appendField(buffer + runStart, scan - runStart) }
                if position == end { continue }
                let byte = buffer[position]
                if byte == delimiter {
                    position += 1
                    try endField(quoted: fieldWasQuoted)
                    state = .fieldStart
                } else if byte == 0x22 {
                    guard options.lenient else {
                        throw failure(
                            .strayQuote, "a quote inside an unquoted field", line: line,
                            column: bufferOffset + position - lineStart + 1, field: fieldCount + 1)
                    }
                    try appendField(buffer + position, 1)
                    position += 1
                } else {
                    consumeLineBreak(byte)
                    try endField(quoted: fieldWasQuoted)
                    return try finishRecord()
                }

            case .quoted:
                let runStart = position
                var scan = runStart
                let stop = end
                scan = Self.skipQuotedText(buffer, from: scan, to: stop, classes: classes)
                position = scan
                if scan > runStart {
                    try appendField(buffer + runStart, position - runStart)
                    quotedAfterCR = false
                }
                if position == end { continue }
                let byte = buffer[position]
                position += 1
                if byte == 0x22 {
                    state = .quoteInQuoted
                } else {
                    // A line break inside the field is data; count it as a physical line (CRLF once).
                    try appendField(buffer + position - 1, 1)
                    if byte == 0x0D || !quotedAfterCR { line += 1 }
                    quotedAfterCR = byte == 0x0D
                    lineStart = bufferOffset + position
                }

            case .quoteInQuoted:
                let byte = buffer[position]
                if byte == 0x22 {
                    try appendField(buffer + position, 1)
                    position += 1
                    quotedAfterCR = false
                    state = .quoted
                } else if byte == delimiter {
                    position += 1
                    try endField(quoted: true)
                    state = .fieldStart
                } else if byte == 0x0A || byte == 0x0D {
                    consumeLineBreak(byte)
                    try endField(quoted: true)
                    return try finishRecord()
                } else {
                    guard options.lenient else {
                        throw failure(
                            .strayQuote, "a closing quote is followed by \(describe(byte)) instead of a delimiter "
                                + "or line break", line: line, column: bufferOffset + position - lineStart + 1,
                            field: fieldCount + 1)
                    }
                    // Lenient: keep the text after the closing quote as part of the field.
                    state = .unquoted
                }
            }
        }
    }

    /// The offset of the first delimiter, quote, CR or LF at or after `start`, or `stop`.
    ///
    /// Tests 16 bytes per step with SIMD compares before falling back to the class table: fields of Salesforce
    /// exports average 10-30 bytes and long text runs to thousands, where this cuts the instructions per byte
    /// from about five to under one.
    @inline(__always)
    private static func skipOrdinary(
        _ buffer: UnsafeMutablePointer<UInt8>, from start: Int, to stop: Int, delimiter: UInt8,
        classes: UnsafeMutablePointer<UInt8>
    ) -> Int {
        var scan = start
        let quotes = SIMD16<UInt8>(repeating: 0x22)
        let delimiters = SIMD16<UInt8>(repeating: delimiter)
        let returns = SIMD16<UInt8>(repeating: 0x0D)
        let newlines = SIMD16<UInt8>(repeating: 0x0A)
        while scan + 16 <= stop {
            let chunk = ByteVector.load(buffer + scan)
            let hits = (chunk .== quotes) .| (chunk .== delimiters) .| (chunk .== returns) .| (chunk .== newlines)
            if ByteVector.any(hits) { return scan + ByteVector.firstSet(hits) }
            scan += 16
        }
        while scan < stop && classes[Int(buffer[scan])] & 1 == 0 { scan += 1 }
        return scan
    }

    /// The offset of the first quote, CR or LF at or after `start`, or `stop` (see `skipOrdinary`).
    @inline(__always)
    private static func skipQuotedText(
        _ buffer: UnsafeMutablePointer<UInt8>, from start: Int, to stop: Int, classes: UnsafeMutablePointer<UInt8>
    ) -> Int {
        var scan = start
        let quotes = SIMD16<UInt8>(repeating: 0x22)
        let returns = SIMD16<UInt8>(repeating: 0x0D)
        let newlines = SIMD16<UInt8>(repeating: 0x0A)
        while scan + 16 <= stop {
            let chunk = ByteVector.load(buffer + scan)
            let hits = (chunk .== quotes) .| (chunk .== returns) .| (chunk .== newlines)
            if ByteVector.any(hits) { return scan + ByteVector.firstSet(hits) }
            scan += 16
        }
        while scan < stop && classes[Int(buffer[scan])] & 2 == 0 { scan += 1 }
        return scan
    }

    @inline(__always)
    private func consumeLineBreak(_ byte: UInt8) {
        position += 1
        line += 1
        lineStart = bufferOffset + position
        if byte == 0x0D { skipLF = true }
    }

    @inline(__always)
    private func appendField(_ bytes: UnsafePointer<UInt8>, _ count: Int) throws {
        if fieldBytesCount + count > fieldBytesCapacity { try growFieldBytes(fieldBytesCount + count) }
        (fieldBytes + fieldBytesCount).update(from: bytes, count: count)
        fieldBytesCount += count
    }

    private func growFieldBytes(_ minimum: Int) throws {
        guard minimum <= options.maxRecordBytes else {
            throw failure(
                .recordTooLarge(limit: options.maxRecordBytes),
                "the record is larger than \(options.maxRecordBytes) bytes", line: recordLine, column: nil,
                field: fieldCount + 1)
        }
        let bigger = min(max(minimum, fieldBytesCapacity * 2), max(minimum, options.maxRecordBytes))
        let replacement = UnsafeMutablePointer<UInt8>.allocate(capacity: bigger)
        replacement.update(from: fieldBytes, count: fieldBytesCount)
        fieldBytes.deallocate()
        fieldBytes = replacement
        fieldBytesCapacity = bigger
    }

    @inline(__always)
    private func endField(quoted: Bool) throws {
        if fieldCount == fieldCapacity { growFields() }
        fieldEnds[fieldCount] = fieldBytesCount
        fieldQuoted[fieldCount] = quoted
        fieldCount += 1
    }

    private func growFields() {
        let bigger = fieldCapacity * 2
        let ends = UnsafeMutablePointer<Int>.allocate(capacity: bigger)
        ends.update(from: fieldEnds, count: fieldCount)
        fieldEnds.deallocate()
        fieldEnds = ends
        let quoted = UnsafeMutablePointer<Bool>.allocate(capacity: bigger)
        quoted.update(from: fieldQuoted, count: fieldCount)
        fieldQuoted.deallocate()
        fieldQuoted = quoted
        fieldCapacity = bigger
    }

    /// Checks the finished record (field count, UTF-8) and counts it.
    private func finishRecord() throws -> Bool {
        if let expected = expectedFieldCount {
            if fieldCount != expected && !options.lenient && !options.acceptsAnyFieldCount {
                throw failure(
                    .wrongFieldCount(expected: expected, found: fieldCount),
                    "expected \(expected) fields\(header == nil ? " (as in the first record)" : " (as in the header)")"
                        + " but found \(fieldCount)", line: recordLine, column: nil, field: nil)
            }
        } else if header == nil && options.hasHeader == false {
            expectedFieldCount = fieldCount
        }
        if validatesUTF8, let offset = UTF8Validation.firstInvalid(fieldBytes, fieldBytesCount) {
            var field = 0
            while field < fieldCount && fieldEnds[field] <= offset { field += 1 }
            throw failure(
                .invalidUTF8, "invalid UTF-8 byte 0x\(String(fieldBytes[offset], radix: 16))", line: recordLine,
                column: nil, field: field + 1)
        }
        recordNumber += 1
        return true
    }

    // MARK: input

    /// Reads the next block into the buffer; false at the end of input. Every consumed byte was already copied
    /// into the record storage, so the whole buffer is reused.
    private func refill() throws -> Bool {
        if sourceEnded { return false }
        bufferOffset += end
        position = 0
        end = 0
        let count = try source.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: bufferCapacity))
        if count == 0 {
            sourceEnded = true
            return false
        }
        end = count
        return true
    }

    private func skipByteOrderMark() throws {
        // A pipe may deliver the first bytes one at a time.
        while end < 3 && !sourceEnded {
            let count = try source.read(
                into: UnsafeMutableRawBufferPointer(start: buffer + end, count: bufferCapacity - end))
            if count == 0 { sourceEnded = true }
            end += count
        }
        if validatesUTF8 && end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF {
            position = 3
            lineStart = 3
        }
    }

    private func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16)
    }

    private func failure(
        _ kind: RecordFileError.Kind, _ detail: String, line: Int, column: Int?, field: Int?
    ) -> RecordFileError {
        RecordFileError(
            kind, detail, file: name, record: recordNumber + 1, line: line, column: column, field: field)
    }
}
