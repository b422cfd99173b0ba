import Testing
import RecordFiles

@Suite struct CSVRoundTripTests {
    static let delimiters = CSVDelimiter.allCases
    static let seeds: [UInt64] = [1, 2, 3, 42, 2026]

    @Test(arguments: seeds, delimiters)
    func randomFieldsRoundTrip(seed: UInt64, delimiter: CSVDelimiter) throws {
        var generator = SeededGenerator(seed: seed)
        let columns = Int.random(in: 1...6, using: &generator)
        let header = (0..<columns).map { "col\($0)" }
        var rows: [[String]] = []
        for _ in 0..<300 {
            rows.append((0..<columns).map { _ in RandomText.string(using: &generator) })
        }
        for lineEnding in [LineEnding.lf, .crlf] {
            for includeBOM in [false, true] {
                let sink = MemorySink()
                let writer = CSVWriter(
                    sink: sink,
                    options: CSVWriteOptions(delimiter: delimiter, lineEnding: lineEnding, includeBOM: includeBOM))
                try writer.writeRow(header)
                for row in rows { try writer.writeRow(row) }
                try writer.finish()
                #expect(sink.isFinished)
                let chunk = Int.random(in: 1...64, using: &generator)
                let reader = try CSVReader(
                    source: MemorySource(sink.bytes, chunkSize: chunk), options: CSVReadOptions(delimiter: delimiter))
                #expect(reader.header == header)
                let read = try reader.readAllRows()
                #expect(read == rows, "seed \(seed) delimiter \(delimiter) \(lineEnding) bom \(includeBOM)")
            }
        }
    }

    @Test func quotesOnlyWhenNeeded() throws {
        let sink = MemorySink()
        let writer = CSVWriter(sink: sink)
        try writer.writeRow(["plain", "a,b", "say \"hi\"", "line\nbreak", "cr\rx", " lead", "trail ", "", "é"])
        try writer.writeRow([""])
        try writer.finish()
        #expect(String(decoding: sink.bytes, as: UTF8.self)
            == "plain,\"a,b\",\"say \"\"hi\"\"\",\"line\nbreak\",\"cr\rx\",\" lead\",\"trail \",,é\n\"\"\n")
    }

    @Test func crlfBomAndQuoteAll() throws {
        let sink = MemorySink()
        let options = CSVWriteOptions(lineEnding: .crlf, includeBOM: true, quoteAll: true)
        let writer = CSVWriter(sink: sink, options: options)
        try writer.writeRow(["a", ""])
        try writer.finish()
        #expect(sink.bytes == [0xEF, 0xBB, 0xBF] + Array("\"a\",\"\"\r\n".utf8))
    }

    @Test func byteFieldsWriteWithoutStrings() throws {
        let sink = MemorySink()
        let writer = CSVWriter(sink: sink, options: CSVWriteOptions(delimiter: .semicolon))
        let reader = try CSVReader(source: MemorySource(Array("a,b\n\"x;y\",2\n".utf8)))
        try writer.writeRow(reader.header ?? [])
        try reader.forEachRecord { record in
            for index in 0..<record.count { writer.writeField(bytes: record[index]) }
            try writer.endRow()
        }
        try writer.finish()
        #expect(String(decoding: sink.bytes, as: UTF8.self) == "a;b\n\"x;y\";2\n")
    }
}
