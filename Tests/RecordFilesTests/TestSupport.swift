import Foundation
import RecordFiles

/// Fixture files copied beside the tests.
enum Fixture {
    static func url(_ name: String) throws -> URL {
        guard let base = Bundle.module.resourceURL else { throw CocoaError(.fileNoSuchFile) }
        return base.appendingPathComponent("Fixtures").appendingPathComponent(name)
    }

    static func path(_ name: String) throws -> String {
        try url(name).path
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: try url(name)))
    }

    /// Reads a fixture with the given options, feeding it `chunkSize` bytes at a time.
    static func rows(_ name: String, options: CSVReadOptions = CSVReadOptions(), chunkSize: Int = .max) throws
        -> (header: [String]?, rows: [[String]])
    {
        let reader = try CSVReader(
            source: MemorySource(try bytes(name), chunkSize: chunkSize), options: options, name: name)
        return (reader.header, try reader.readAllRows())
    }
}

/// A deterministic generator (SplitMix64), so a failing random case reproduces from its seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random text drawn from the characters that break CSV and JSON writers.
enum RandomText {
    static let pieces: [String] = [
        "a", "Z", "0", " ", ",", ";", "\t", "|", "\"", "\"\"", "\n", "\r", "\r\n", "\\", "/", "é", "ß", "日本", "😀",
        "👨‍👩‍👧", "שלום", "مرحبا", "\u{0}", "\u{1}", "\u{1F}", "\u{7F}", "\u{2028}", "{", "}", "[", "]", ":", "null",
        "abc def", "12.50", "-0", "1e400",
    ]

    static func string(using generator: inout SeededGenerator, maxPieces: Int = 8) -> String {
        let count = Int.random(in: 0...maxPieces, using: &generator)
        var text = ""
        for _ in 0..<count { text += pieces.randomElement(using: &generator) ?? "" }
        return text
    }
}

/// A scratch folder removed when the value is dropped by the test.
final class TemporaryFolder {
    let path: String
    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("records-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    func file(_ name: String) -> String { path + "/" + name }
}
