import Testing
import RecordFiles

@Suite struct CSVReaderFixtureTests {
    static let chunkSizes = [Int.max, 1, 2, 3, 7]

    @Test(arguments: chunkSizes)
    func bomAndCRLF(chunk: Int) throws {
        let (header, rows) = try Fixture.rows("bom_crlf.csv", chunkSize: chunk)
        #expect(header == ["Id", "Name", "Amount"])
        #expect(rows == [["001A", "Acme", "10.5"], ["001B", "Globex, Inc.", "20"]])
    }

    @Test(arguments: chunkSizes)
    func embeddedLineBreaksAndQuotes(chunk: Int) throws {
        let (_, rows) = try Fixture.rows("embedded.csv", chunkSize: chunk)
        #expect(rows == [
            ["1", "line one\nline two"], ["2", "say \"hi\""], ["3", "crlf\r\ninside"], ["4", "lone\rcr"],
        ])
    }

    @Test func embeddedLineBreaksCountPhysicalLines() throws {
        let reader = try CSVReader(source: MemorySource(try Fixture.bytes("embedded.csv")))
        var lines: [Int] = []
        try reader.forEachRecord { lines.append($0.line) }
        #expect(lines == [2, 4, 5, 7])
    }

    @Test func emptyVersusEmptyQuoted() throws {
        let reader = try CSVReader(source: MemorySource(try Fixture.bytes("empty_vs_quoted.csv")))
        var quoted: [[Bool]] = []
        var values: [[String]] = []
        try reader.forEachRecord { record in
            quoted.append((0..<record.count).map { record.isQuoted($0) })
            values.append(record.strings)
        }
        #expect(values == [["", "", "x"], ["", "", ""]])
        #expect(quoted == [[false, true, false], [true, false, false]])
    }

    @Test func trailingDelimiterIsAnEmptyLastField() throws {
        let (header, rows) = try Fixture.rows("trailing_delimiter.csv")
        #expect(header == ["a", "b", ""])
        #expect(rows == [["1", "2", ""]])
    }

    @Test func blankLinesAndMissingFinalNewline() throws {
        #expect(try Fixture.rows("blank_last_line.csv").rows == [["1", "2"]])
        #expect(try Fixture.rows("blank_lines_between.csv").rows == [["1", "2"], ["3", "4"]])
        #expect(try Fixture.rows("no_final_newline.csv").rows == [["1", "2"]])
    }

    @Test(arguments: chunkSizes)
    func unicodeEmojiCJKAndRTL(chunk: Int) throws {
        let (_, rows) = try Fixture.rows("unicode.csv", chunkSize: chunk)
        #expect(rows == [
            ["Café 😀", "日本語のテキスト"], ["שלום", "مرحبا, عالم"], ["👨‍👩‍👧", "\u{200F}RTL mark"],
        ])
    }

    @Test func windows1252IsConvertedOnRequest() throws {
        let (_, rows) = try Fixture.rows("windows1252.csv", options: CSVReadOptions(encoding: .windows1252))
        #expect(rows == [["Café", "Köln"], ["€uro “quoted”", "Zürich"]])
        let (_, latin) = try Fixture.rows("windows1252.csv", options: CSVReadOptions(encoding: .iso8859_1))
        #expect(latin[0] == ["Café", "Köln"])
        #expect(latin[1][0].unicodeScalars.first?.value == 0x80)
    }

    @Test func windows1252BytesAreAnErrorWhenReadAsUTF8() throws {
        #expect(throws: RecordFileError.self) { try Fixture.rows("windows1252.csv") }
    }

    @Test func loneCarriageReturnEndsRecords() throws {
        let (_, rows) = try Fixture.rows("lone_cr.csv", chunkSize: 1)
        #expect(rows == [["1", "2"], ["3", "4"]])
    }

    @Test func otherDelimiters() throws {
        #expect(try Fixture.rows("semicolon.csv", options: CSVReadOptions(delimiter: .semicolon)).rows
            == [["1", "x;y", "3"]])
        #expect(try Fixture.rows("tab.tsv", options: CSVReadOptions(delimiter: .tab)).rows == [["1", "tab\there"]])
        #expect(try Fixture.rows("pipe.csv", options: CSVReadOptions(delimiter: .pipe)).rows == [["1", "x|y"]])
    }

    @Test func spacesAreKept() throws {
        #expect(try Fixture.rows("leading_trailing_space.csv").rows == [[" padded ", "  raw  "]])
    }

    @Test func hundredThousandCharacterField() throws {
        let big = String(repeating: "xé\"\n,", count: 20_000)
        let sink = MemorySink()
        let writer = CSVWriter(sink: sink)
        try writer.writeRow(["id", "text"])
        try writer.writeRow(["1", big])
        try writer.finish()
        let reader = try CSVReader(source: MemorySource(sink.bytes, chunkSize: 4096))
        let row = try reader.readRow()
        #expect(row?[1].count == 100_000)
        #expect(row == ["1", big])
    }

    @Test func noHeaderUsesFirstRecordCount() throws {
        let reader = try CSVReader(
            source: MemorySource(Array("1,2\n3,4\n5\n".utf8)), options: CSVReadOptions(hasHeader: false))
        #expect(reader.header == nil)
        #expect(try reader.readRow() == ["1", "2"])
        #expect(try reader.readRow() == ["3", "4"])
        #expect(throws: RecordFileError.self) { try reader.readRow() }
    }

    @Test func readsGzipFilesByContent() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("data.csv")  // no .gz suffix: detection is by magic bytes
        let output = try OutputFile.create(path, compression: .gzip(level: 6, threads: 1))
        let writer = CSVWriter(sink: output)
        try writer.writeRow(["a", "b"])
        try writer.writeRow(["1", "two, three"])
        try writer.finish()
        let input = try InputFile.open(path)
        #expect(input.isCompressed)
        let reader = try CSVReader(source: input)
        #expect(reader.header == ["a", "b"])
        #expect(try reader.readAllRows() == [["1", "two, three"]])
    }
}
