/// Copies of scanned records, kept together so that another thread can read them as `CSVRecordView`s after the
/// reader has moved on (a view itself is valid only inside the reader's callback).
///
/// Used to spread per-row work (value conversion) over several cores while one thread scans the file: a copy
/// is one memcpy of the record's field bytes and its field ends.
public struct CSVRecordBatch: Sendable {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    private var quoted: [Bool] = []
    /// Per record: where its bytes and field ends start, its field count, number and line.
    private var records: [(byteStart: Int, fieldStart: Int, count: Int, number: Int, line: Int)] = []

    public init(expectedRecords: Int = 1024, expectedBytes: Int = 256 << 10) {
        records.reserveCapacity(expectedRecords)
        bytes.reserveCapacity(expectedBytes)
        ends.reserveCapacity(expectedRecords * 16)
        quoted.reserveCapacity(expectedRecords * 16)
    }

    public var count: Int { records.count }
    public var byteCount: Int { bytes.count }

    /// Appends a copy of `record`.
    public mutating func append(_ record: CSVRecordView) {
        let fieldCount = record.count
        let length = fieldCount == 0 ? 0 : record.ends[fieldCount - 1]
        records.append((bytes.count, ends.count, fieldCount, record.number, record.line))
        bytes.append(contentsOf: UnsafeBufferPointer(start: record.bytes, count: length))
        ends.append(contentsOf: UnsafeBufferPointer(start: record.ends, count: fieldCount))
        quoted.append(contentsOf: UnsafeBufferPointer(start: record.quoted, count: fieldCount))
    }

    /// Calls `body` with a view of each record in order, with its index in the batch.
    public func forEach(_ body: (Int, CSVRecordView) throws -> Void) rethrows {
        try bytes.withUnsafeBufferPointer { bytes in
            try ends.withUnsafeBufferPointer { ends in
                try quoted.withUnsafeBufferPointer { quoted in
                    // Keep a valid pointer for records without bytes.
                    var empty: UInt8 = 0
                    try withUnsafePointer(to: &empty) { emptyPointer in
                        for (index, record) in records.enumerated() {
                            let base = bytes.baseAddress.map { $0 + record.byteStart } ?? emptyPointer
                            let view = CSVRecordView(
                                bytes: base, ends: (ends.baseAddress ?? UnsafePointer(bitPattern: 8)!) + record.fieldStart,
                                quoted: (quoted.baseAddress ?? UnsafePointer(bitPattern: 8)!) + record.fieldStart,
                                count: record.count, number: record.number, line: record.line)
                            try body(index, view)
                        }
                    }
                }
            }
        }
    }
}
