import Foundation

/// Renders one REST query page: `{"totalSize":N,"done":B[,"nextRecordsUrl":"…"],"records":[…]}`.
enum QueryPage {
    /// Renders the page starting at `offset`. Call inside `OrgStore.read`.
    /// - Parameters:
    ///   - cursorID: the cursor to name in `nextRecordsUrl` when more records follow.
    ///   - dataBase: `/services/data/v62.0`.
    ///   - truncate: the `truncateResults` fault: leave out the page's last record, keeping `totalSize`
    ///     and `nextRecordsUrl` as if it had been sent.
    static func render(
        _ result: QueryResult, offset: Int, pageSize: Int, cursorID: String?, dataBase: String, truncate: Bool = false
    ) -> [UInt8] {
        let count = result.recordCount
        let end = min(count, offset + pageSize)
        let done = end >= count || cursorID == nil
        var out: [UInt8] = []
        out.reserveCapacity(max(256, (end - offset) * 400))
        out.append(contentsOf: Array(#"{"totalSize":"#.utf8))
        out.append(contentsOf: String(result.totalSize).utf8)
        out.append(contentsOf: Array(done ? #","done":true"#.utf8 : #","done":false"#.utf8))
        if !done, let cursorID {
            out.append(contentsOf: Array(#","nextRecordsUrl":""#.utf8))
            out.append(contentsOf: "\(dataBase)/query/\(cursorID)-\(end)".utf8)
            out.append(UInt8(ascii: "\""))
        }
        out.append(contentsOf: Array(#","records":["#.utf8))
        var renderer = RecordJSONRenderer(result: result, dataBase: dataBase)
        let sent = truncate ? max(offset, end - 1) : end
        if offset < sent { renderer.appendRecords(offset..<sent, to: &out) }
        out.append(contentsOf: [UInt8(ascii: "]"), UInt8(ascii: "}")])
        return out
    }

    /// The page size asked for with `Sforce-Query-Options: batchSize=N`, clamped to 200...2000; 2000 by default.
    static func pageSize(_ header: String?) -> Int {
        guard let header else { return 2000 }
        for option in header.split(separator: ",") {
            let pair = option.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "batchsize", let size = Int(pair[1]) {
                return min(2000, max(200, size))
            }
        }
        return 2000
    }
}
