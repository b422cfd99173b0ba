import Foundation
import Testing
import GzipStreams

/// Runs `gzip -dc` on `bytes` and returns what it printed, proving the output is valid for the system tool.
func systemGunzip(_ bytes: [UInt8]) throws -> (status: Int32, output: [UInt8]) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gz-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = folder.appendingPathComponent("in.gz")
    let output = folder.appendingPathComponent("out")
    try Data(bytes).write(to: input)
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "gzip -dc \"$0\" > \"$1\" 2>/dev/null", input.path, output.path]
    try process.run()
    process.waitUntilExit()
    return (process.terminationStatus, [UInt8](try Data(contentsOf: output)))
}

func compress(_ data: [UInt8], level: Int, threads: Int, blockSize: Int = GzipWriter.defaultBlockSize, writeChunk: Int)
    throws -> [UInt8]
{
    let sink = MemorySink()
    let writer = try GzipWriter(sink: sink, level: level, threads: threads, blockSize: blockSize)
    var offset = 0
    while offset < data.count {
        let end = min(data.count, offset + writeChunk)
        try data[offset..<end].withUnsafeBytes { try writer.write($0) }
        offset = end
    }
    try writer.finish()
    #expect(sink.isFinished)
    return sink.bytes
}

func decompress(_ bytes: [UInt8], chunk: Int = .max) throws -> [UInt8] {
    try GzipReader(source: MemorySource(bytes, chunkSize: chunk), bufferSize: 4096).readAll()
}

/// Text with repetition (like CSV) and some noise, deterministic.
func sampleData(count: Int, seed: UInt64) -> [UInt8] {
    var state = seed
    var bytes: [UInt8] = []
    bytes.reserveCapacity(count)
    let words = ["Account", "Acme", "Street", "12.50", "2026-11-21", "\n", ",", "Globex", "Zürich", "😀"]
        .map { Array($0.utf8) }
    while bytes.count < count {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        if state >> 60 == 0 {
            bytes.append(UInt8(truncatingIfNeeded: state >> 32))
        } else {
            bytes.append(contentsOf: words[Int(state >> 33) % words.count])
        }
    }
    return Array(bytes.prefix(count))
}

@Suite struct GzipTests {
    @Test(arguments: [(1, 1), (6, 1), (9, 1), (1, 2), (6, 3), (9, 4)])
    func roundTripsThroughOurReaderAndSystemGzip(level: Int, threads: Int) throws {
        for (size, seed) in [(0, UInt64(1)), (1, 2), (32 * 1024, 3), (128 * 1024, 4), (700_001, 5)] {
            let data = sampleData(count: size, seed: seed)
            let compressed = try compress(
                data, level: level, threads: threads, blockSize: 64 * 1024, writeChunk: 10_007)
            #expect(try decompress(compressed, chunk: 1000) == data, "size \(size)")
            let system = try systemGunzip(compressed)
            #expect(system.status == 0, "gzip -dc failed for level \(level) threads \(threads) size \(size)")
            #expect(system.output == data)
        }
    }

    @Test func multiCoreRatioStaysCloseToSingleStream() throws {
        let data = sampleData(count: 2_000_000, seed: 9)
        let single = try compress(data, level: 6, threads: 1, writeChunk: 1 << 20)
        let multi = try compress(data, level: 6, threads: 2, writeChunk: 1 << 20)
        #expect(Double(multi.count) <= Double(single.count) * 1.01)
    }

    @Test func readsMultiMemberFiles() throws {
        let fixture = try Data(contentsOf: try #require(Bundle.module.resourceURL)
            .appendingPathComponent("Fixtures/multi_member.txt.gz"))
        #expect(try decompress([UInt8](fixture), chunk: 3) == Array("first member\nsecond member\n".utf8))
        let a = try compress(Array("one".utf8), level: 1, threads: 1, writeChunk: 10)
        let b = try compress(Array("two".utf8), level: 9, threads: 2, writeChunk: 10)
        #expect(try decompress(a + b + a) == Array("onetwoone".utf8))
    }

    @Test func truncatedInputIsAnError() throws {
        let compressed = try compress(sampleData(count: 100_000, seed: 6), level: 6, threads: 1, writeChunk: 4096)
        for cut in [1, 4, 8, 9, compressed.count / 2, compressed.count - 10] {
            #expect {
                _ = try decompress(Array(compressed.prefix(cut)))
            } throws: { error in
                (error as? GzipError)?.kind == .truncated
            }
        }
    }

    @Test func corruptInputIsAnError() throws {
        var compressed = try compress(sampleData(count: 100_000, seed: 7), level: 6, threads: 1, writeChunk: 4096)
        compressed[compressed.count - 6] ^= 0xFF  // CRC
        #expect(throws: GzipError.self) { try decompress(compressed) }
        var body = try compress(sampleData(count: 100_000, seed: 7), level: 6, threads: 2, writeChunk: 4096)
        body[200] ^= 0x55
        #expect(throws: GzipError.self) { try decompress(body) }
    }

    @Test func notGzipAndTrailingGarbage() throws {
        #expect {
            _ = try decompress(Array("plain text".utf8))
        } throws: { ($0 as? GzipError)?.kind == .notGzip }
        #expect {
            _ = try decompress([])
        } throws: { ($0 as? GzipError)?.kind == .notGzip }
        let good = try compress(Array("x".utf8), level: 6, threads: 1, writeChunk: 1)
        #expect {
            _ = try decompress(good + Array("junk".utf8))
        } throws: { ($0 as? GzipError)?.kind == .corrupt }
    }

    @Test func rejectsBadLevelsAndWritesAfterFinish() throws {
        #expect(throws: GzipError.self) { try GzipWriter(sink: MemorySink(), level: 0) }
        #expect(throws: GzipError.self) { try GzipWriter(sink: MemorySink(), level: 10) }
        let writer = try GzipWriter(sink: MemorySink(), level: 6, threads: 2)
        try writer.finish()
        #expect(throws: GzipError.self) { try writer.write(Array("late".utf8)) }
    }
}
