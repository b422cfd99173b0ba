/// Writes Bulk API 2.0 result pages (CSV, each starting with its own header row) to the output.
///
/// When the output is CSV with a delimiter and line ending Bulk can produce, and nulls stay empty, the
/// page bytes after the header row are copied unchanged ("passthrough"): the only per-byte work is a
/// quote-aware row count for the count check. Otherwise each record is parsed and re-encoded: CSV with
/// other options, or JSON Lines with nested parents (dotted keys with `flatten`).
final class BulkPageConverter {
    enum Mode: Equatable {
        case passthrough
        case csv
        case jsonl
    }

    let mode: Mode
    private let columns: [ExportColumn]
    private let csvOptions: CSVFormatOptions
    private let flatten: Bool
    private let kinds: [ValueKind]
    private var skippingHeader = false
    private var counter = CSVRowCounter()
    private var reader: CSVRowReader
    private var pageRows = 0
    private var sawHeader = false
    private var lastByte: UInt8 = 0x0A
    private var wroteInPage = false
    private var layout: BulkJSONLayout?
    /// Decides per record whether to write it (incremental exports); forces re-encoding.
    let rowFilter: BulkRowFilter?

    /// - Parameters:
    ///   - columns: the output columns, in select-list order (the order of Bulk's columns).
    ///   - bulkDelimiter: the delimiter the Bulk job was created with.
    ///   - kinds: JSON type per column for JSON Lines; missing entries are text.
    init(
        columns: [ExportColumn], format: OutputFormat, csvOptions: CSVFormatOptions, bulkDelimiter: UInt8,
        flatten: Bool, kinds: [ValueKind], rowFilter: BulkRowFilter? = nil
    ) {
        self.rowFilter = rowFilter
        self.columns = columns
        self.csvOptions = csvOptions
        self.flatten = flatten
        self.kinds = kinds
        self.reader = CSVRowReader(delimiter: bulkDelimiter)
        if format == .jsonl {
            mode = .jsonl
        } else if bulkDelimiter == csvOptions.delimiter && csvOptions.nullValue.isEmpty && rowFilter == nil {
            mode = .passthrough
        } else {
            mode = .csv
        }
    }

    /// BOM and header row for CSV output; nothing for JSON Lines.
    func preamble() -> [UInt8] {
        guard mode != .jsonl else { return [] }
        var out: [UInt8] = csvOptions.byteOrderMark ? [0xEF, 0xBB, 0xBF] : []
        for (index, column) in columns.enumerated() {
            if index > 0 { out.append(csvOptions.delimiter) }
            CSVCell.append(Array(column.header.utf8), delimiter: csvOptions.delimiter, to: &out)
        }
        out.append(contentsOf: csvOptions.lineEnding.bytes)
        return out
    }

    /// Starts a new page (which begins with a header row).
    func beginPage() {
        skippingHeader = true
        counter = CSVRowCounter()
        reader = CSVRowReader(delimiter: reader.delimiter)
        pageRows = 0
        sawHeader = false
        lastByte = 0x0A
        wroteInPage = false
    }

    /// Converts one chunk of the current page, appending output to `out`.
    func feed(_ chunk: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) throws {
        switch mode {
        case .passthrough:
            var body = chunk
            if skippingHeader {
                guard let newline = chunk.firstIndex(of: 0x0A) else { return }
                skippingHeader = false
                body = UnsafeBufferPointer(rebasing: chunk[(newline + 1)...])
            }
            guard !body.isEmpty else { return }
            counter.feed(body)
            out.append(contentsOf: body)
            lastByte = body[body.count - 1]
            wroteInPage = true
        case .csv, .jsonl:
            try reader.feed(chunk) { row, ends in try self.emit(row, ends, into: &out) }
        }
    }

    /// Ends the current page and returns the number of records it held.
    func endPage(into out: inout [UInt8]) throws -> Int {
        switch mode {
        case .passthrough:
            if wroteInPage && lastByte != 0x0A {
                out.append(contentsOf: csvOptions.lineEnding.bytes)
            }
            return counter.total
        case .csv, .jsonl:
            try reader.finish { row, ends in try self.emit(row, ends, into: &out) }
            return pageRows
        }
    }

    private func emit(_ row: [UInt8], _ ends: [Int], into out: inout [UInt8]) throws {
        if !sawHeader {
            sawHeader = true
            if mode == .jsonl && layout == nil {
                var names: [String] = []
                var start = 0
                for end in ends {
                    names.append(String(decoding: row[start..<end], as: UTF8.self))
                    start = end
                }
                layout = BulkJSONLayout(bulkHeader: names, columns: columns)
            }
            return
        }
        guard ends.count == columns.count else {
            throw ExportError.protocolViolation(
                "a Bulk result record has \(ends.count) values but the query selects \(columns.count) columns")
        }
        pageRows += 1
        if let rowFilter, !rowFilter.keep(row, ends) { return }
        if mode == .csv {
            var start = 0
            for (index, end) in ends.enumerated() {
                if index > 0 { out.append(csvOptions.delimiter) }
                if end == start {
                    out.append(contentsOf: csvOptions.nullValue)
                } else {
                    CSVCell.append(row, start..<end, delimiter: csvOptions.delimiter, to: &out)
                }
                start = end
            }
            out.append(contentsOf: csvOptions.lineEnding.bytes)
        } else if let layout {
            layout.write(row, ends, kinds: kinds, flatten: flatten, into: &out)
        }
    }
}
