import Testing
import RecordFiles

@Suite struct JSONLinesWriterTests {
    @Test func oneCompactObjectPerLine() throws {
        let sink = MemorySink()
        let writer = JSONLinesWriter(sink: sink)
        try writer.write(["Id": "001", "Note": "two\nlines", "Amount": .number("10.50")])
        try writer.write(["Id": "002", "Note": .null, "Amount": .number("0")])
        try writer.finish()
        #expect(writer.linesWritten == 2)
        #expect(String(decoding: sink.bytes, as: UTF8.self) == """
            {"Id":"001","Note":"two\\nlines","Amount":10.50}
            {"Id":"002","Note":null,"Amount":0}

            """)
    }

    @Test(arguments: [UInt64(11), 12, 13])
    func randomRecordsRoundTripLineByLine(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let keys = JSONKeys(["Id", "Na\"me", "Text\n"])
        let sink = MemorySink()
        let writer = JSONLinesWriter(sink: sink, blockSize: 4096)
        var expected: [JSONValue] = []
        for _ in 0..<500 {
            let values: [String?] = (0..<3).map { _ in
                Bool.random(using: &generator) ? nil : RandomText.string(using: &generator)
            }
            try writer.writeObject(keys: keys, values: values)
            expected.append(.object(JSONObject(zip(keys.names, values.map { $0.map(JSONValue.string) ?? .null }))))
        }
        try writer.finish()
        let lines = sink.bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        #expect(lines.count == 501)
        #expect(lines.last?.isEmpty == true)
        let parsed = try lines.dropLast().map { try JSONValue.parse($0) }
        #expect(parsed == expected)
    }

    @Test func csvRecordsBecomeObjects() throws {
        let reader = try CSVReader(source: MemorySource(Array("Id,Name\n1,\"A \"\"x\"\"\"\n2,\n".utf8)))
        let keys = JSONKeys(reader.header ?? [])
        let sink = MemorySink()
        let writer = JSONLinesWriter(sink: sink)
        try reader.forEachRecord { try writer.writeObject(keys: keys, record: $0, emptyAsNull: true) }
        try writer.finish()
        #expect(String(decoding: sink.bytes, as: UTF8.self)
            == "{\"Id\":\"1\",\"Name\":\"A \\\"x\\\"\"}\n{\"Id\":\"2\",\"Name\":null}\n")
    }
}
