import Foundation
import RecordFiles
import Testing

@testable import DataImport

/// Import input as `InputOpener` reads it: RecordFiles' `CSVReader`, lenient about ragged rows (reported per row
/// by the validator), strict about unclosed quotes and empty files.
struct ImportInputTests {
    func read(_ text: String, chunkSize: Int = .max) throws -> [[String]] {
        let reader = try CSVReader(
            source: MemorySource(Array(text.utf8), chunkSize: chunkSize), options: InputOpener.options(),
            name: "t.csv")
        return [reader.header ?? []] + (try reader.readAllRows())
    }

    @Test(arguments: [1, 7, Int.max])
    func quotingLineEndsAndBOM(chunkSize: Int) throws {
        let text = "\u{FEFF}a,b,c\r\n1,\"x, \"\"y\"\"\",3\r\n\n\"multi\nline\",,\"\"\r\nlast,row,\n"
        let rows = try read(text, chunkSize: chunkSize)
        #expect(rows == [["a", "b", "c"], ["1", "x, \"y\"", "3"], ["multi\nline", "", ""], ["last", "row", ""]])
    }

    @Test func optionsAcceptRaggedRowsButNotBadQuoting() {
        let options = InputOpener.options()
        #expect(options.acceptsAnyFieldCount && !options.lenient)
    }

    @Test func longRowsAndRaggedRowsAreReturned() throws {
        let long = String(repeating: "z", count: 300_000)
        let rows = try read("h1,h2\n\(long),\"\(long)\"\nx,y,extra\n")
        #expect(rows == [["h1", "h2"], [long, long], ["x", "y", "extra"]])
    }

    @Test func dataRowsAndLinesAreTracked() throws {
        let reader = try InputOpener.reader(bytes: Array("h\n\"a\nb\"\n\nc\n".utf8), name: "t.csv")
        var places: [[Int]] = []
        try reader.forEachRecord { places.append([CSVReader.dataRow($0), $0.line]) }
        #expect(places == [[1, 2], [2, 5]])
    }

    @Test func unclosedQuoteNamesFileAndLine() throws {
        #expect {
            _ = try read("a,b\n1,\"open\n2,3\n")
        } throws: { error in
            "\(error)".contains("t.csv") && "\(error)".contains("line 2") && "\(error)".contains("never closed")
        }
    }

    @Test func emptyInputNeedsAHeader() throws {
        #expect {
            _ = try InputOpener.reader(bytes: [], name: "empty.csv")
        } throws: { error in
            (error as? DataImportError)?.code == .input && "\(error)".contains("empty.csv: the file is empty")
        }
    }
}

struct GzipInputTests {
    @Test func gzipInputIsDetectedByMagicBytes() throws {
        let sink = MemorySink()
        let writer = try GzipWriter(sink: sink)
        let csv = Array("a,b\n1,2\n3,\"4\"\n".utf8)
        try csv.withUnsafeBytes { try writer.write($0) }
        try writer.finish()
        let directory = try Support.temporaryDirectory()
        let path = directory + "/in.csv"  // no .gz name: detection is by content
        try Data(sink.bytes).write(to: URL(fileURLWithPath: path))
        #expect(try Support.rows(path) == [["a", "b"], ["1", "2"], ["3", "4"]])
    }
}
