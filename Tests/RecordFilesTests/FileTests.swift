import Foundation
import Testing
import RecordFiles

@Suite struct FileTests {
    @Test func outputAppearsOnlyOnCommit() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("out.csv")
        let output = try OutputFile.create(path)
        try output.write("a,b\n")
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(FileManager.default.fileExists(atPath: path + ".partial"))
        try output.commit()
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: path + ".partial"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a,b\n")
    }

    @Test func abandonedOutputLeavesNothingAndKeepsTheOldFile() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("out.csv")
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        do {
            let output = try OutputFile.create(path, compression: .gzip(level: 1, threads: 2))
            try output.write("new data")
            // dropped without commit
        }
        #expect(!FileManager.default.fileExists(atPath: path + ".partial"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        let explicit = try OutputFile.create(path)
        explicit.abandon()
        #expect(!FileManager.default.fileExists(atPath: path + ".partial"))
        #expect(throws: RecordFileError.self) { try explicit.write("late") }
    }

    @Test func gzipOutputRoundTripsThroughInputFile() throws {
        let folder = try TemporaryFolder()
        for threads in [1, 3] {
            let path = folder.file("out\(threads).jsonl.gz")
            #expect(OutputFile.Compression.inferred(from: path, threads: threads) == .gzip(level: 1, threads: threads))
            let output = try OutputFile.create(path, compression: .inferred(from: path, threads: threads))
            let writer = JSONLinesWriter(sink: output)
            for index in 0..<20_000 { try writer.write(["i": .number(index), "s": .string("row \(index)")]) }
            try writer.finish()
            let input = try InputFile.open(path)
            #expect(input.isCompressed)
            let lines = try input.readAll().split(separator: 0x0A)
            #expect(lines.count == 20_000)
            #expect(try JSONValue.parse(lines[19_999])["i"]?.intValue == 19_999)
        }
    }

    @Test func missingInputNamesTheFile() {
        do {
            _ = try InputFile.open("/nonexistent/dir/file.csv")
            Issue.record("expected an error")
        } catch let error as RecordFileError {
            #expect(error.file == "/nonexistent/dir/file.csv")
            #expect(error.description.contains("No such file"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func truncatedGzipInputIsAnErrorNotShortData() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("t.csv.gz")
        let output = try OutputFile.create(path, compression: .gzip)
        let writer = CSVWriter(sink: output)
        for index in 0..<5000 { try writer.writeRow(["\(index)", "value \(index)"]) }
        try writer.finish()
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes.removeLast(20)
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect {
            let reader = try CSVReader(path: path, options: CSVReadOptions(hasHeader: false))
            _ = try reader.readAllRows()
        } throws: { error in
            (error as? RecordFileError)?.kind == .compression(.truncated)
                && (error as? RecordFileError)?.file == path
        }
    }
}
