import Testing

@testable import DataExport

@Suite struct CSVRowReaderTests {
    static let text = "\"Id\",\"Name\"\n\"1\",\"a \"\"quoted\"\", comma\"\r\n2,plain\n\"3\",\"line\nbreak\"\n,\n\"4\",\"\"\"\"\n5,last"
    static let expected: [[String]] = [
        ["Id", "Name"], ["1", "a \"quoted\", comma"], ["2", "plain"], ["3", "line\nbreak"], ["", ""], ["4", "\""],
        ["5", "last"],
    ]

    @Test(arguments: [1, 2, 3, 5, 8, 13, 1000])
    func everyChunkingGivesTheSameRecords(chunkSize: Int) {
        var reader = CSVRowReader(delimiter: 0x2C)
        var rows: [[String]] = []
        let collect: ([UInt8], [Int]) -> Void = { row, ends in
            var start = 0
            rows.append(ends.map { end in
                defer { start = end }
                return String(decoding: row[start..<end], as: UTF8.self)
            })
        }
        let bytes = Array(Self.text.utf8)
        var index = 0
        while index < bytes.count {
            let end = min(bytes.count, index + chunkSize)
            bytes[index..<end].withUnsafeBufferPointer { reader.feed($0, onRow: collect) }
            index = end
        }
        reader.finish(onRow: collect)
        #expect(rows == Self.expected)
    }
}
