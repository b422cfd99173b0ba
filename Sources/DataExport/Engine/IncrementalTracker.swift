/// Applies an incremental filter to rows and remembers the newest `SystemModstamp` seen and the ids
/// carrying it, which become the next run's watermark.
///
/// Timestamps are compared on their first 23 characters (`yyyy-MM-ddTHH:mm:ss.SSS`), which REST
/// (`...+0000`) and Bulk (`...Z`) write alike for UTC.
struct IncrementalTracker {
    let filter: IncrementalFilter?
    private(set) var newest: String?
    private(set) var idsAtNewest: Set<String> = []
    private let idKey = [Array("id".utf8)]
    private let modstampKey = [Array("systemmodstamp".utf8)]

    init(filter: IncrementalFilter?, track: Bool) {
        self.filter = filter
        self.trackAlways = track
    }

    /// Whether to write REST record `record`; updates the newest timestamp when it is written.
    mutating func keep(_ document: JSONDocument, _ record: Int) -> Bool {
        guard filter != nil || trackAlways else { return true }
        guard let stampNode = document.resolve(record, modstampKey), let stamp = document.stringValue(stampNode)
        else { return true }
        let id = document.resolve(record, idKey).flatMap { document.stringValue($0) } ?? ""
        return keep(id: id, modstamp: stamp)
    }

    /// Tracks the newest timestamp even without a filter (a first incremental run).
    let trackAlways: Bool

    /// Whether to write a row with these values.
    mutating func keep(id: String, modstamp: String) -> Bool {
        let stamp = String(modstamp.prefix(23))
        if let filter {
            if stamp < filter.watermark { return false }
            if stamp == filter.watermark && filter.idsAtWatermark.contains(id) { return false }
        }
        if let current = newest, stamp <= current {
            if stamp == current { idsAtNewest.insert(id) }
        } else {
            newest = stamp
            idsAtNewest = [id]
        }
        return true
    }
}
