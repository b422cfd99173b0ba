import RecordFiles

/// Records held in memory as field bytes plus end offsets, so writer benchmarks measure only the writer.
struct RecordCorpus {
    var bytes: [UInt8] = []
    var ends: [Int] = []
    let fieldsPerRow: Int
    var rowCount: Int { ends.count / fieldsPerRow }

    /// Loads records from a CSV file until about `limit` bytes of field data are held.
    init(path: String, limit: Int) throws {
        let reader = try CSVReader(path: path)
        fieldsPerRow = reader.header?.count ?? 0
        bytes.reserveCapacity(limit + 1 << 20)
        while bytes.count < limit {
            let more: Bool? = try reader.readRecord { record in
                for index in 0..<record.count {
                    bytes.append(contentsOf: record[index])
                    ends.append(bytes.count)
                }
                return true
            }
            if more == nil { break }
        }
    }
}
