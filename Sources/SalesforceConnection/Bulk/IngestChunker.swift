/// Splits Bulk API 2.0 upload CSV into chunks that each fit one ingest job.
///
/// Salesforce takes one upload per ingest job and at most ~100 MB of CSV per upload, so a large load becomes
/// several jobs. Every chunk starts with the header row and ends on a record boundary: a line break outside
/// quotes, so quoted fields with embedded line breaks are never cut.
public struct IngestChunker: Sendable {
    /// Largest chunk in bytes, header included.
    public let maxBytes: Int

    public init(maxBytes: Int = SalesforceClient.maxIngestUploadBytes) {
        self.maxBytes = maxBytes
    }

    /// Splits `csv` (header row, then records) into chunks of at most `maxBytes`, each starting with the header.
    ///
    /// - Throws: `SalesforceError` (`.configuration`) when a single record plus the header exceeds `maxBytes`, or
    ///   when the data ends inside a quoted field.
    public func split(_ csv: [UInt8]) throws -> [ArraySlice<UInt8>] {
        let boundaries = try Self.recordEnds(csv)
        guard let headerEnd = boundaries.first else { return [] }
        let header = csv[0..<headerEnd]
        var chunks: [ArraySlice<UInt8>] = []
        var chunkStart = headerEnd
        var lastEnd = headerEnd
        for end in boundaries.dropFirst() {
            if header.count + (end - chunkStart) > maxBytes {
                if lastEnd == chunkStart {
                    throw SalesforceError.configuration(
                        "one CSV record (bytes \(chunkStart)...\(end)) is larger than the \(maxBytes)-byte upload limit")
                }
                chunks.append(ArraySlice(header + csv[chunkStart..<lastEnd]))
                chunkStart = lastEnd
            }
            lastEnd = end
        }
        if lastEnd > chunkStart { chunks.append(ArraySlice(header + csv[chunkStart..<lastEnd])) }
        return chunks
    }

    /// Offsets just past each record's line break (the last record may lack one; its end is `csv.count`).
    static func recordEnds(_ csv: [UInt8]) throws -> [Int] {
        var ends: [Int] = []
        var inQuotes = false
        var index = 0
        let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n")
        while index < csv.count {
            let byte = csv[index]
            if byte == quote {
                inQuotes.toggle()
            } else if byte == newline && !inQuotes {
                ends.append(index + 1)
            }
            index += 1
        }
        if inQuotes {
            throw SalesforceError.configuration("the CSV ends inside a quoted field; the upload data is truncated")
        }
        if let last = ends.last, last < csv.count { ends.append(csv.count) }
        if ends.isEmpty && !csv.isEmpty { ends.append(csv.count) }
        return ends
    }
}

/// Builds upload chunks incrementally from encoded CSV records, for writers that produce rows one at a time.
///
/// `append` returns a finished chunk (header plus records) when the next record would not fit; `finish` returns
/// the last one.
public struct IngestChunkBuilder: Sendable {
    public let header: [UInt8]
    public let maxBytes: Int
    private var buffer: [UInt8]
    private var records = 0

    /// - Parameter header: The header row, including its line break.
    public init(header: [UInt8], maxBytes: Int = SalesforceClient.maxIngestUploadBytes) {
        self.header = header
        self.maxBytes = maxBytes
        buffer = header
    }

    /// Records in the chunk being built.
    public var pendingRecords: Int { records }

    /// Adds one encoded record (with its line break); returns the previous chunk and its record count when this
    /// record starts a new one.
    public mutating func append(_ record: some Collection<UInt8>) throws -> (chunk: [UInt8], records: Int)? {
        if header.count + record.count > maxBytes {
            throw SalesforceError.configuration("one CSV record is larger than the \(maxBytes)-byte upload limit")
        }
        var finished: (chunk: [UInt8], records: Int)?
        if buffer.count + record.count > maxBytes {
            finished = (buffer, records)
            buffer = header
            records = 0
        }
        buffer.append(contentsOf: record)
        records += 1
        return finished
    }

    /// The last chunk, or `nil` when no record is pending.
    public mutating func finish() -> (chunk: [UInt8], records: Int)? {
        guard records > 0 else { return nil }
        let result = (buffer, records)
        buffer = header
        records = 0
        return result
    }
}
