/// A byte-level CSV reader for the import hot path: it finds each record, splits it into cells in place and hands
/// out cells as buffer slices, allocating nothing per row.
///
/// Why not the general `CSVReader`: local validation must reach a million rows a second, which leaves about a
/// microsecond per row; producing a `String` or an array per cell costs more than that. This scanner keeps one
/// growable buffer, unescapes `""` in place (the unescaped cell is never longer than its source), and reuses its
/// cell-offset arrays. Cells are valid until the next call to `nextRow()`.
///
/// RFC 4180 with the usual tolerances: LF or CRLF line ends, quoted cells spanning lines, a UTF-8 byte-order mark
/// at the start, blank lines skipped.
public final class CSVRowScanner {
    public let path: String
    public let delimiter: UInt8
    private var reader: any ByteReader
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var rowStart = 0
    private var end = 0
    private var scanPosition = 0
    private var inQuotes = false
    private var rowInnerLines = 0
    private var exhausted = false
    private var starts: [Int] = []
    private var ends: [Int] = []
    /// Cells in the current row.
    public private(set) var cellCount = 0
    /// 1-based physical line where the current row starts (header is line 1).
    public private(set) var line = 0
    private var nextLine = 1
    private var sawFirstRow = false

    public init(reader: some ByteReader, path: String, delimiter: UInt8 = UInt8(ascii: ","), bufferSize: Int = 1 << 20)
    {
        self.reader = reader
        self.path = path
        self.delimiter = delimiter
        capacity = max(bufferSize, 64)
        buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        starts.reserveCapacity(64)
        ends.reserveCapacity(64)
    }

    deinit { buffer.deallocate() }

    /// The bytes of cell `index` of the current row.
    @inline(__always)
    public func cell(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: buffer + starts[index], count: ends[index] - starts[index])
    }

    /// Cell `index` as text (header, messages, result files).
    public func string(_ index: Int) -> String {
        String(decoding: cell(index), as: UTF8.self)
    }

    /// All cells of the current row as text.
    public func strings() -> [String] { (0..<cellCount).map(string) }

    /// Advances to the next non-blank row; false at end of input.
    /// - Throws: `DataImportError` when the input cannot be read or ends inside a quoted cell.
    public func nextRow() throws -> Bool {
        while true {
            guard let rowEnd = try findRowEnd() else { return false }
            line = nextLine
            let contentEnd = rowEnd > rowStart && buffer[rowEnd - 1] == 13 ? rowEnd - 1 : rowEnd
            var start = rowStart
            if !sawFirstRow {
                sawFirstRow = true
                if contentEnd - start >= 3, buffer[start] == 0xEF, buffer[start + 1] == 0xBB, buffer[start + 2] == 0xBF {
                    start += 3
                }
            }
            countLines()
            let nextStart = rowEnd < end ? rowEnd + 1 : rowEnd
            if contentEnd == start {
                rowStart = nextStart
                scanPosition = rowStart
                continue
            }
            split(from: start, to: contentEnd)
            rowStart = nextStart
            scanPosition = rowStart
            return true
        }
    }

    private func countLines() {
        nextLine += 1 + rowInnerLines
        rowInnerLines = 0
    }

    /// Finds the end (index of the terminating LF, or `end` at EOF) of the row starting at `rowStart`, reading
    /// more input as needed. Counts line breaks inside quoted cells for line numbers.
    private func findRowEnd() throws -> Int? {
        while true {
            // Locals keep the byte loop free of property accesses (and their exclusivity checks).
            let base = buffer
            var index = scanPosition
            let limit = end
            var quoted = inQuotes
            var innerLines = 0
            var found: Int?
            while index < limit {
                let byte = base[index]
                if byte == 34 {
                    quoted.toggle()
                } else if byte == 10 {
                    if !quoted {
                        found = index
                        break
                    }
                    innerLines += 1
                }
                index += 1
            }
            inQuotes = quoted
            rowInnerLines += innerLines
            scanPosition = index
            if let found { return found }
            if exhausted {
                if rowStart >= end { return nil }
                if inQuotes {
                    throw DataImportError(
                        .input,
                        "\(path):\(nextLine): a quoted cell is never closed; check for a stray '\"' on that line")
                }
                return end
            }
            try refill()
        }
    }

    /// Moves the partial row to the front of the buffer, grows it if the row fills it, and reads more input.
    private func refill() throws {
        if rowStart > 0 {
            let pending = end - rowStart
            if pending > 0 { (buffer).update(from: buffer + rowStart, count: pending) }
            scanPosition -= rowStart
            end = pending
            rowStart = 0
        }
        if end == capacity {
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            grown.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = grown
            capacity *= 2
        }
        let n = try reader.read(into: buffer + end, count: capacity - end)
        if n == 0 { exhausted = true }
        end += n
    }

    /// Splits `[from, to)` into cells, unescaping quoted cells in place.
    private func split(from: Int, to: Int) {
        var starts: [Int] = []
        var ends: [Int] = []
        swap(&starts, &self.starts)
        swap(&ends, &self.ends)
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        let base = buffer
        let delimiter = self.delimiter
        var index = from
        while true {
            if index < to, base[index] == 34 {
                // Quoted cell: copy down over escaped quotes.
                index += 1
                let cellStart = index
                var write = index
                while index < to {
                    let byte = base[index]
                    if byte == 34 {
                        if index + 1 < to, base[index + 1] == 34 {
                            base[write] = 34
                            write += 1
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    base[write] = byte
                    write += 1
                    index += 1
                }
                // Tolerate text after the closing quote up to the delimiter (kept verbatim).
                while index < to, base[index] != delimiter {
                    base[write] = base[index]
                    write += 1
                    index += 1
                }
                starts.append(cellStart)
                ends.append(write)
            } else {
                let cellStart = index
                while index < to, base[index] != delimiter { index += 1 }
                starts.append(cellStart)
                ends.append(index)
            }
            if index < to, base[index] == delimiter {
                index += 1
                if index == to {
                    starts.append(to)
                    ends.append(to)
                    break
                }
                continue
            }
            break
        }
        cellCount = starts.count
        swap(&starts, &self.starts)
        swap(&ends, &self.ends)
    }

    /// Calls `body` with the current row's cells; the view is valid only inside `body`. One property access per
    /// row instead of one per cell, for the validation hot path.
    @inline(__always)
    public func withCells<R>(_ body: (CellView) throws -> R) rethrows -> R {
        let base = buffer
        return try starts.withUnsafeBufferPointer { starts in
            try ends.withUnsafeBufferPointer { ends in
                try body(CellView(base: base, starts: starts, ends: ends))
            }
        }
    }
}

/// The cells of one scanned row, as slices of the scanner's buffer.
public struct CellView {
    let base: UnsafeMutablePointer<UInt8>
    let starts: UnsafeBufferPointer<Int>
    let ends: UnsafeBufferPointer<Int>

    public var count: Int { starts.count }

    @inline(__always)
    public subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + starts[index], count: ends[index] - starts[index])
    }
}
