import Testing
import RecordFiles

/// The hot loops test 16 bytes at a time; these put every special byte at every offset around those steps.
@Suite struct VectorBoundaryTests {
    static let specials: [String] = [",", "\"", "\r", "\n", "\\", "\u{1}", "é", ";"]

    @Test(arguments: specials)
    func csvRoundTripsWithASpecialAtEveryOffset(special: String) throws {
        var rows: [[String]] = []
        for length in 0..<40 {
            for offset in 0...length {
                var text = String(repeating: "x", count: length)
                text.insert(contentsOf: special, at: text.index(text.startIndex, offsetBy: offset))
                rows.append([text, String(repeating: "y", count: length), "z"])
            }
        }
        let sink = MemorySink()
        let writer = CSVWriter(sink: sink)
        try writer.writeRow(["a", "b", "c"])
        for row in rows { try writer.writeRow(row) }
        try writer.finish()
        for chunk in [5, 17, 4096] {
            let reader = try CSVReader(source: MemorySource(sink.bytes, chunkSize: chunk))
            #expect(try reader.readAllRows() == rows)
        }
    }

    @Test(arguments: specials)
    func jsonEscapesWithASpecialAtEveryOffset(special: String) throws {
        for length in 0..<40 {
            for offset in 0...length {
                var text = String(repeating: "x", count: length)
                text.insert(contentsOf: special, at: text.index(text.startIndex, offsetBy: offset))
                let sink = MemorySink()
                let writer = JSONLinesWriter(sink: sink)
                try writer.writeObject(keys: JSONKeys(["k"]), values: [text])
                try writer.finish()
                let line = sink.bytes.dropLast()
                #expect(try JSONValue.parse(line) == ["k": .string(text)])
                #expect(JSONValue.string(text).serialized() == Array(line.dropFirst(5).dropLast()))
            }
        }
    }
}
