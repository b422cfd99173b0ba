import SalesforceConnection
import Foundation
import RecordFiles
import Testing

@testable import DataImport

struct CSVRowScannerTests {
    func scan(_ text: String, bufferSize: Int = 1 << 20) throws -> [[String]] {
        let scanner = CSVRowScanner(reader: MemoryReader(Array(text.utf8)), path: "t.csv", bufferSize: bufferSize)
        var rows: [[String]] = []
        while try scanner.nextRow() { rows.append(scanner.strings()) }
        return rows
    }

    @Test(arguments: [64, 1 << 20])
    func quotingLineEndsAndBOM(bufferSize: Int) throws {
        let text = "\u{FEFF}a,b,c\r\n1,\"x, \"\"y\"\"\",3\r\n\n\"multi\nline\",,\"\"\r\nlast,row,\n"
        let rows = try scan(text, bufferSize: bufferSize)
        #expect(rows == [["a", "b", "c"], ["1", "x, \"y\"", "3"], ["multi\nline", "", ""], ["last", "row", ""]])
    }

    @Test func longRowsGrowTheBuffer() throws {
        let long = String(repeating: "z", count: 500)
        let rows = try scan("h1,h2\n\(long),\"\(long)\"\nx,y", bufferSize: 64)
        #expect(rows == [["h1", "h2"], [long, long], ["x", "y"]])
    }

    @Test func linesAreTracked() throws {
        let scanner = CSVRowScanner(reader: MemoryReader(Array("h\n\"a\nb\"\nc\n".utf8)), path: "t.csv")
        var lines: [Int] = []
        while try scanner.nextRow() { lines.append(scanner.line) }
        #expect(lines == [1, 2, 4])
    }

    @Test func unclosedQuoteNamesTheLine() throws {
        #expect {
            _ = try scan("a,b\n1,\"open\n2,3\n")
        } throws: { error in
            "\(error)".contains("t.csv:2") && "\(error)".contains("never closed")
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
